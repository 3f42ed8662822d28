// The Standard Schema v1 and Standard JSON Schema v1 interfaces, copied as the spec asks
// (https://standardschema.dev, MIT): types only, so that core needs no schema library at run time.
// valibot, zod 4 and arktype values satisfy them.

/** A typed value of a schema library: the part both specs share. */
export interface StandardTypedV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardTypedV1.Props<Input, Output>
}

export declare namespace StandardTypedV1 {
  /** The properties every standard value has. */
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1
    readonly vendor: string
    readonly types?: Types<Input, Output> | undefined
  }

  /** The types a standard value carries, for inference only. */
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input
    readonly output: Output
  }

  /** The input type of a standard value. */
  export type InferInput<Schema extends StandardTypedV1> = NonNullable<Schema['~standard']['types']>['input']

  /** The output type of a standard value. */
  export type InferOutput<Schema extends StandardTypedV1> = NonNullable<
    Schema['~standard']['types']
  >['output']
}

/** A schema that validates: valibot, zod 4, arktype and others implement it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>
}

export declare namespace StandardSchemaV1 {
  /** The properties of a Standard Schema. */
  export interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    readonly validate: (
      value: unknown,
      options?: StandardSchemaV1.Options | undefined,
    ) => Result<Output> | Promise<Result<Output>>
  }

  /** What `validate` gives. */
  export type Result<Output> = SuccessResult<Output> | FailureResult

  /** A value that passed. */
  export interface SuccessResult<Output> {
    readonly value: Output
    readonly issues?: undefined
  }

  /** Options of `validate`. */
  export interface Options {
    readonly libraryOptions?: Record<string, unknown> | undefined
  }

  /** A value that failed, with why. */
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>
  }

  /** One reason a value failed. */
  export interface Issue {
    readonly message: string
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined
  }

  /** A step of an issue's path. */
  export interface PathSegment {
    readonly key: PropertyKey
  }

  /** The types a Standard Schema carries. */
  export interface Types<Input = unknown, Output = Input> extends StandardTypedV1.Types<Input, Output> {}

  /** The input type of a Standard Schema. */
  export type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>

  /** The output type of a Standard Schema. */
  export type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>
}

/** A value that converts itself to JSON Schema (zod 4.2+, arktype 2.1.28+). */
export interface StandardJSONSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardJSONSchemaV1.Props<Input, Output>
}

export declare namespace StandardJSONSchemaV1 {
  /** The properties of a Standard JSON Schema. */
  export interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    readonly jsonSchema: Converter
  }

  /** Converts the input or the output type to JSON Schema; may throw when it cannot. */
  export interface Converter {
    readonly input: (options: StandardJSONSchemaV1.Options) => Record<string, unknown>
    readonly output: (options: StandardJSONSchemaV1.Options) => Record<string, unknown>
  }

  /** The JSON Schema version to write. */
  export type Target = 'draft-2020-12' | 'draft-07' | 'openapi-3.0' | ({} & string)

  /** Options of the converter. */
  export interface Options {
    readonly target: Target
    readonly libraryOptions?: Record<string, unknown> | undefined
  }

  /** The types a Standard JSON Schema carries. */
  export interface Types<Input = unknown, Output = Input> extends StandardTypedV1.Types<Input, Output> {}

  /** The input type of a Standard JSON Schema. */
  export type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>

  /** The output type of a Standard JSON Schema. */
  export type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>
}
