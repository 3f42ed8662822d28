import * as v from 'valibot'
import { ContentFilterResultsSchema } from './response.js'

/** Azure's details of a refusal: which filter blocked the prompt or the completion, and why. */
export const InnerErrorSchema = v.looseObject({
  code: v.nullish(v.string()),
  content_filter_result: v.optional(ContentFilterResultsSchema),
  content_filter_results: v.optional(ContentFilterResultsSchema),
})

/**
 * The wrapped error body of OpenAI (`{ error: { message, type, code, param } }`) and of Azure, which adds
 * `status` and `innererror` (Azure OpenAI) or `inner_error` (Azure AI Model Inference) with the
 * content-filter verdicts. Also the payload of an in-stream `{"error": …}` frame.
 */
export const WrappedErrorBodySchema = v.looseObject({
  error: v.looseObject({
    message: v.nullish(v.string()),
    type: v.nullish(v.string()),
    code: v.nullish(v.union([v.string(), v.number()])),
    param: v.nullish(v.string()),
    status: v.nullish(v.number()),
    innererror: v.optional(InnerErrorSchema),
    inner_error: v.optional(InnerErrorSchema),
  }),
})

/** One entry of a validation error list (`loc` is the path of the offending field, FastAPI style). */
export const ErrorDetailSchema = v.looseObject({
  loc: v.optional(v.array(v.union([v.string(), v.number()]))),
  msg: v.optional(v.string()),
  type: v.optional(v.string()),
})

/**
 * The flat error body (`{ status?, code, message, detail? }`), as Azure AI services send it; on a 422,
 * `detail` is one object or a list of {@link ErrorDetailSchema} entries.
 */
export const FlatErrorBodySchema = v.looseObject({
  status: v.nullish(v.number()),
  code: v.union([v.string(), v.number()]),
  message: v.string(),
  detail: v.nullish(v.union([v.array(ErrorDetailSchema), v.record(v.string(), v.unknown())])),
})

/** The gateway's error body (`{ statusCode, message }`), as Azure API Management sends it on a 401 or 429. */
export const StatusCodeErrorBodySchema = v.looseObject({
  statusCode: v.number(),
  message: v.string(),
})

/** Any error body a chat-completions service sends: wrapped, flat, or the gateway's. */
export const ErrorBodySchema = v.union([
  WrappedErrorBodySchema,
  FlatErrorBodySchema,
  StatusCodeErrorBodySchema,
])

/** Azure's details of a refusal. */
export type InnerError = v.InferOutput<typeof InnerErrorSchema>
/** The wrapped error body of OpenAI and Azure. */
export type WrappedErrorBody = v.InferOutput<typeof WrappedErrorBodySchema>
/** One entry of a validation error list. */
export type ErrorDetail = v.InferOutput<typeof ErrorDetailSchema>
/** The flat error body. */
export type FlatErrorBody = v.InferOutput<typeof FlatErrorBodySchema>
/** The gateway's error body. */
export type StatusCodeErrorBody = v.InferOutput<typeof StatusCodeErrorBodySchema>
/** Any error body a chat-completions service sends. */
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>
