import { type FixtureStream, handMadeFixture } from './fixture-stream.js'

// Shapes from Azure OpenAI's content-filtering documentation ("Content streaming", "Annotation message") and
// from the recording azure-content-filters.chunks.jsonl.

const SAFE = { filtered: false, severity: 'safe' }
const SAFE_COMPLETION = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE }
const PROMPT_FILTER_RESULTS = [
  {
    prompt_index: 0,
    content_filter_results: { ...SAFE_COMPLETION, jailbreak: { filtered: false, detected: false } },
  },
]
const ID = 'chatcmpl-AzureFixture0001'
const MODEL = 'gpt-4o-2024-11-20'
const CREATED = 1_750_000_100
const meta = {
  id: ID,
  object: 'chat.completion.chunk',
  created: CREATED,
  model: MODEL,
  system_fingerprint: 'fp_az1',
}
// Azure's first chunk carries only the prompt's filter results, with empty metadata.
const promptFilterChunk = {
  choices: [],
  created: 0,
  id: '',
  model: '',
  object: '',
  prompt_filter_results: PROMPT_FILTER_RESULTS,
}
const roleChunk = {
  ...meta,
  choices: [
    {
      index: 0,
      delta: { role: 'assistant', content: '', refusal: null },
      finish_reason: null,
      logprobs: null,
      content_filter_results: {},
    },
  ],
  usage: null,
}
const usage = { prompt_tokens: 21, completion_tokens: 4, total_tokens: 25 }

function text(content: string, filter: Record<string, unknown> | undefined = SAFE_COMPLETION): object {
  const choice: Record<string, unknown> = {
    index: 0,
    delta: { content },
    finish_reason: null,
    logprobs: null,
  }
  if (filter !== undefined) choice.content_filter_results = filter
  return { ...meta, choices: [choice], usage: null }
}

/** Azure OpenAI blocks the completion: finish `content_filter`, with the category that was filtered. */
export const azureContentFilterFinish: FixtureStream = handMadeFixture({
  name: 'azure-content-filter-finish',
  description:
    "Azure OpenAI: prompt-filter first chunk (choices: [], empty metadata), per-chunk filter results, finish 'content_filter' with violence filtered",
  chunks: [
    promptFilterChunk,
    roleChunk,
    text('The'),
    text(' duel'),
    {
      ...meta,
      choices: [
        {
          index: 0,
          delta: {},
          finish_reason: 'content_filter',
          logprobs: null,
          content_filter_results: { ...SAFE_COMPLETION, violence: { filtered: true, severity: 'medium' } },
        },
      ],
      usage: null,
    },
    { ...meta, choices: [], usage },
  ],
  end: { kind: 'done' },
  completion: {
    id: ID,
    object: 'chat.completion',
    created: CREATED,
    model: MODEL,
    system_fingerprint: 'fp_az1',
    prompt_filter_results: PROMPT_FILTER_RESULTS,
    usage,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'The duel', refusal: null },
        finish_reason: 'content_filter',
        logprobs: null,
        content_filter_results: { ...SAFE_COMPLETION, violence: { filtered: true, severity: 'medium' } },
      },
    ],
  },
})

const offsets = (start: number, end: number) => ({
  check_offset: start,
  start_offset: start,
  end_offset: end,
})
// Asynchronous filtering: text arrives unfiltered; verdicts come later in annotation chunks that have no delta
// and empty metadata, even after the finish reason.
function annotation(start: number, end: number, extra: Record<string, unknown> = {}): object {
  return {
    id: '',
    object: '',
    created: 0,
    model: '',
    choices: [
      {
        index: 0,
        finish_reason: null,
        content_filter_results: { ...SAFE_COMPLETION, ...extra },
        content_filter_offsets: offsets(start, end),
      },
    ],
    usage: null,
  }
}

/** Azure OpenAI's asynchronous filter: annotation chunks without `delta` after the finish reason. */
export const azureAsyncFilterAnnotations: FixtureStream = handMadeFixture({
  name: 'azure-async-filter-annotations',
  description:
    'Azure OpenAI asynchronous filter: text without verdicts, finish, then annotation chunks (no delta, empty metadata)',
  chunks: [
    promptFilterChunk,
    roleChunk,
    text('Copenhagen', undefined),
    text(' is the capital.', undefined),
    annotation(0, 10),
    {
      ...meta,
      choices: [{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null, content_filter_results: {} }],
      usage: null,
    },
    annotation(10, 26, { protected_material_text: { filtered: false, detected: false } }),
  ],
  end: { kind: 'done' },
  completion: {
    id: ID,
    object: 'chat.completion',
    created: CREATED,
    model: MODEL,
    system_fingerprint: 'fp_az1',
    prompt_filter_results: PROMPT_FILTER_RESULTS,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Copenhagen is the capital.', refusal: null },
        finish_reason: 'stop',
        logprobs: null,
        content_filter_results: {
          ...SAFE_COMPLETION,
          protected_material_text: { filtered: false, detected: false },
        },
        content_filter_offsets: offsets(10, 26),
      },
    ],
  },
})

const inferenceMeta = {
  id: 'b4c6e1f0a2d34e5f',
  object: 'chat.completion.chunk',
  created: 1_750_000_200,
  model: 'Mistral-Large-2411',
}
const toolDelta = (call: Record<string, unknown>) => ({
  ...inferenceMeta,
  choices: [{ index: 0, delta: { tool_calls: [call] }, finish_reason: null }],
})

/**
 * Azure AI Model Inference: tool-call deltas without `index`. A delta with a new `id` starts a call; one with the
 * same id, or with no id at all, continues the current one.
 */
export const modelInferenceToolCallsWithoutIndex: FixtureStream = handMadeFixture({
  name: 'model-inference-tool-calls-without-index',
  description:
    'Azure AI Model Inference: two tool calls whose deltas have no index (matched by id, or continuing the last call)',
  chunks: [
    {
      ...inferenceMeta,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    },
    toolDelta({ id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '' } }),
    toolDelta({ id: 'call_weather_1', function: { arguments: '{"city":' } }),
    toolDelta({ function: { arguments: ' "Paris"}' } }),
    toolDelta({ id: 'call_time_2', type: 'function', function: { name: 'get_time', arguments: '{"zone":' } }),
    toolDelta({ function: { arguments: ' "CET"}' } }),
    {
      ...inferenceMeta,
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'tool_calls' }],
      usage: { prompt_tokens: 80, completion_tokens: 30, total_tokens: 110 },
    },
  ],
  end: { kind: 'done' },
  completion: {
    ...inferenceMeta,
    object: 'chat.completion',
    usage: { prompt_tokens: 80, completion_tokens: 30, total_tokens: 110 },
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            {
              id: 'call_weather_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city": "Paris"}' },
            },
            {
              id: 'call_time_2',
              type: 'function',
              function: { name: 'get_time', arguments: '{"zone": "CET"}' },
            },
          ],
        },
        finish_reason: 'tool_calls',
        logprobs: null,
      },
    ],
  },
})
