/**
 * A schema's output without the `[key: string]: unknown` that valibot's `looseObject` adds, at every depth,
 * so that an object literal with a misspelled field (`temprature`) is a compile error. Records (`logit_bias`,
 * `metadata`, a JSON Schema) have no named fields and are kept as they are. The schemas stay loose at run
 * time: fields a type does not name still pass through, and a client's type parameter can name them.
 */
export type KnownFields<T> = T extends readonly (infer Item)[]
  ? KnownFields<Item>[]
  : T extends object
    ? keyof NamedFields<T> extends never
      ? T
      : { [Key in keyof NamedFields<T>]: KnownFields<NamedFields<T>[Key]> }
    : T

// Mapping with `as` visits each named property apart from the index signature, which `keyof T` would absorb.
type NamedFields<T> = {
  [Key in keyof T as string extends Key ? never : number extends Key ? never : Key]: T[Key]
}
