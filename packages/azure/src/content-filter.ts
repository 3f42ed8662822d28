import * as v from 'valibot'

// Azure OpenAI's content filter verdicts (REST API 2024-10-21 and later), on the prompt (`prompt_filter_results`)
// and on each choice (`content_filter_results`), in responses, stream chunks and content-filter errors.
// Objects are loose: Azure adds categories and fields over time, and they pass through untouched.

/** How harmful a text is in one category. */
export const ContentFilterSeveritySchema = v.picklist(['safe', 'low', 'medium', 'high'])

/** A harm category (`hate`, `sexual`, `violence`, `self_harm`): its severity and whether it was filtered. */
export const ContentFilterSeverityResultSchema = v.looseObject({
  filtered: v.boolean(),
  severity: ContentFilterSeveritySchema,
})

/** A detector (`jailbreak`, `indirect_attack`, `profanity`, `protected_material_text`): hit, and filtered. */
export const ContentFilterDetectionResultSchema = v.looseObject({
  filtered: v.boolean(),
  detected: v.boolean(),
})

/** Where protected code was found: a public repository's URL and its licence. */
export const ContentFilterCitationSchema = v.looseObject({
  URL: v.optional(v.string()),
  license: v.optional(v.string()),
})

/** `protected_material_code`: a detection with the citation of the matching public code. */
export const ContentFilterCitedDetectionResultSchema = v.looseObject({
  filtered: v.boolean(),
  detected: v.boolean(),
  citation: v.optional(ContentFilterCitationSchema),
})

/** One custom blocklist, by id, and whether it filtered. */
export const ContentFilterBlocklistResultSchema = v.looseObject({
  filtered: v.boolean(),
  id: v.string(),
})

/**
 * `custom_blocklists`: `{ filtered, details: [{ filtered, id }] }` since 2024-10-21; earlier previews sent
 * the bare list of `{ filtered, id }`.
 */
export const ContentFilterBlocklistsSchema = v.union([
  v.looseObject({ filtered: v.boolean(), details: v.optional(v.array(ContentFilterBlocklistResultSchema)) }),
  v.array(ContentFilterBlocklistResultSchema),
])

/** A span of the completion, in characters: `[completion_start_offset, completion_end_offset)`. */
export const ContentFilterTextSpanSchema = v.looseObject({
  completion_start_offset: v.number(),
  completion_end_offset: v.number(),
})

/** `ungrounded_material` (preview): a detection with the spans of the completion it concerns. */
export const ContentFilterSpanDetectionResultSchema = v.looseObject({
  filtered: v.boolean(),
  detected: v.boolean(),
  details: v.optional(v.array(ContentFilterTextSpanSchema)),
})

/** The filter could not run (it was down or too slow): its code and message. */
export const ContentFilterErrorSchema = v.looseObject({
  code: v.optional(v.union([v.string(), v.number()])),
  message: v.optional(v.string()),
})

const harmEntries = {
  hate: v.optional(ContentFilterSeverityResultSchema),
  sexual: v.optional(ContentFilterSeverityResultSchema),
  violence: v.optional(ContentFilterSeverityResultSchema),
  self_harm: v.optional(ContentFilterSeverityResultSchema),
  profanity: v.optional(ContentFilterDetectionResultSchema),
  custom_blocklists: v.optional(ContentFilterBlocklistsSchema),
  error: v.optional(ContentFilterErrorSchema),
}

/** The verdicts on a prompt: the harm categories plus the prompt-attack detectors. */
export const PromptContentFilterResultsSchema = v.looseObject({
  ...harmEntries,
  jailbreak: v.optional(ContentFilterDetectionResultSchema),
  indirect_attack: v.optional(ContentFilterDetectionResultSchema),
})

/** The verdicts on a choice: the harm categories plus protected material and groundedness. */
export const ChoiceContentFilterResultsSchema = v.looseObject({
  ...harmEntries,
  protected_material_text: v.optional(ContentFilterDetectionResultSchema),
  protected_material_code: v.optional(ContentFilterCitedDetectionResultSchema),
  ungrounded_material: v.optional(ContentFilterSpanDetectionResultSchema),
})

/**
 * Any verdicts (what a content-filter error carries: a prompt's, since the prompt was blocked, but typed
 * with every category so that a completion's can be read too).
 */
export const ContentFilterResultsSchema = v.looseObject({
  ...PromptContentFilterResultsSchema.entries,
  ...ChoiceContentFilterResultsSchema.entries,
})

/** The verdicts on one prompt of the request, by its index. */
export const PromptFilterResultSchema = v.looseObject({
  prompt_index: v.number(),
  content_filter_results: PromptContentFilterResultsSchema,
})

/** `prompt_filter_results`: one entry per prompt. */
export const PromptFilterResultsSchema = v.array(PromptFilterResultSchema)

/**
 * `content_filter_offsets` of an asynchronous-filter annotation chunk, in characters of the choice's text:
 * the verdicts cover `[start_offset, end_offset)`, and everything before `check_offset` has been checked.
 */
export const ContentFilterOffsetsSchema = v.looseObject({
  check_offset: v.number(),
  start_offset: v.number(),
  end_offset: v.number(),
})

/** How harmful a text is in one category. */
export type ContentFilterSeverity = v.InferOutput<typeof ContentFilterSeveritySchema>
/** A harm category's verdict. */
export type ContentFilterSeverityResult = v.InferOutput<typeof ContentFilterSeverityResultSchema>
/** A detector's verdict. */
export type ContentFilterDetectionResult = v.InferOutput<typeof ContentFilterDetectionResultSchema>
/** The citation of protected code. */
export type ContentFilterCitation = v.InferOutput<typeof ContentFilterCitationSchema>
/** `protected_material_code`'s verdict. */
export type ContentFilterCitedDetectionResult = v.InferOutput<typeof ContentFilterCitedDetectionResultSchema>
/** One custom blocklist's verdict. */
export type ContentFilterBlocklistResult = v.InferOutput<typeof ContentFilterBlocklistResultSchema>
/** `custom_blocklists`, in either shape. */
export type ContentFilterBlocklists = v.InferOutput<typeof ContentFilterBlocklistsSchema>
/** A span of the completion. */
export type ContentFilterTextSpan = v.InferOutput<typeof ContentFilterTextSpanSchema>
/** `ungrounded_material`'s verdict. */
export type ContentFilterSpanDetectionResult = v.InferOutput<typeof ContentFilterSpanDetectionResultSchema>
/** The filter's own failure. */
export type ContentFilterErrorResult = v.InferOutput<typeof ContentFilterErrorSchema>
/** The verdicts on a prompt. */
export type PromptContentFilterResults = v.InferOutput<typeof PromptContentFilterResultsSchema>
/** The verdicts on a choice. */
export type ChoiceContentFilterResults = v.InferOutput<typeof ChoiceContentFilterResultsSchema>
/** Any verdicts. */
export type ContentFilterResults = v.InferOutput<typeof ContentFilterResultsSchema>
/** The verdicts on one prompt. */
export type PromptFilterResult = v.InferOutput<typeof PromptFilterResultSchema>
/** Offsets of an annotation chunk. */
export type ContentFilterOffsets = v.InferOutput<typeof ContentFilterOffsetsSchema>
