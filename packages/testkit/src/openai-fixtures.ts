import { type FixtureStream, handMadeFixture } from './fixture-stream.js'

// Shapes from OpenAI's Chat Completions streaming reference: a role chunk first (`content: ""`,
// `refusal: null`), content chunks, a finish chunk with an empty delta, then, with
// `stream_options.include_usage`, a usage-only chunk (`choices: []`); `usage: null` on every other chunk.

const ID = 'chatcmpl-Fixture0001'
const MODEL = 'gpt-4o-mini-2024-07-18'
const CREATED = 1_750_000_000
const meta = {
  id: ID,
  object: 'chat.completion.chunk',
  created: CREATED,
  model: MODEL,
  service_tier: 'default',
  system_fingerprint: 'fp_fixture',
}
const completionMeta = { ...meta, object: 'chat.completion' }

function chunk(choices: object[], usage: object | null = null): object {
  return { ...meta, choices, usage }
}
function delta(
  index: number,
  fields: object,
  finish: string | null = null,
  logprobs: object | null = null,
): object {
  return { index, delta: fields, logprobs, finish_reason: finish }
}
const roleDelta = (index: number) => delta(index, { role: 'assistant', content: '', refusal: null })
const usage = {
  prompt_tokens: 12,
  completion_tokens: 4,
  total_tokens: 16,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
}

/** OpenAI's chunk order: role chunk, content, finish chunk, usage-only chunk. */
export const openaiChunkOrder: FixtureStream = handMadeFixture({
  name: 'openai-chunk-order',
  description:
    'OpenAI: role chunk, four content chunks, finish chunk with an empty delta, usage-only last chunk',
  chunks: [
    chunk([roleDelta(0)]),
    ...['Hello', ',', ' world', '!'].map((content) => chunk([delta(0, { content })])),
    chunk([delta(0, {}, 'stop')]),
    chunk([], usage),
  ],
  end: { kind: 'done' },
  completion: {
    ...completionMeta,
    usage,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello, world!', refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
  },
})

/** Two choices (`n: 2`) whose chunks alternate; the second stops first, by length. */
export const twoChoicesInterleaved: FixtureStream = handMadeFixture({
  name: 'n2-interleaved',
  description: 'n = 2: the chunks of two choices alternate; choice 1 ends by length before choice 0 stops',
  chunks: [
    chunk([roleDelta(0)]),
    chunk([roleDelta(1)]),
    chunk([delta(0, { content: 'Red' })]),
    chunk([delta(1, { content: 'Blue' })]),
    chunk([delta(1, { content: ' sky' })]),
    chunk([delta(0, { content: ' apple' })]),
    chunk([delta(1, {}, 'length')]),
    chunk([delta(0, { content: '.' })]),
    chunk([delta(0, {}, 'stop')]),
    chunk([], { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }),
  ],
  end: { kind: 'done' },
  completion: {
    ...completionMeta,
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Red apple.', refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
      {
        index: 1,
        message: { role: 'assistant', content: 'Blue sky', refusal: null },
        finish_reason: 'length',
        logprobs: null,
      },
    ],
  },
})

const token = (text: string, logprob: number) => ({
  token: text,
  logprob,
  bytes: [...new TextEncoder().encode(text)],
  top_logprobs: [{ token: text, logprob, bytes: [...new TextEncoder().encode(text)] }],
})

/** `logprobs: true, top_logprobs: 1`: each content chunk carries the log probabilities of its tokens. */
export const logprobsContent: FixtureStream = handMadeFixture({
  name: 'logprobs-content',
  description: 'logprobs: each chunk carries logprobs.content for its tokens; they concatenate',
  chunks: [
    chunk([delta(0, { role: 'assistant', content: '' }, null, { content: [], refusal: null })]),
    chunk([delta(0, { content: 'Yes' }, null, { content: [token('Yes', -0.01)], refusal: null })]),
    chunk([
      delta(0, { content: ', sure' }, null, {
        content: [token(',', -0.2), token(' sure', -0.5)],
        refusal: null,
      }),
    ]),
    chunk([delta(0, {}, 'stop')]),
  ],
  end: { kind: 'done' },
  completion: {
    ...completionMeta,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Yes, sure', refusal: null },
        finish_reason: 'stop',
        logprobs: { content: [token('Yes', -0.01), token(',', -0.2), token(' sure', -0.5)], refusal: null },
      },
    ],
  },
})

/** The model refuses (structured outputs): `delta.refusal` pieces with their log probabilities. */
export const refusalWithLogprobs: FixtureStream = handMadeFixture({
  name: 'refusal-with-logprobs',
  description: 'A refusal: delta.refusal pieces, logprobs.refusal arrays, content stays null',
  chunks: [
    chunk([
      delta(0, { role: 'assistant', content: null, refusal: '' }, null, { content: null, refusal: [] }),
    ]),
    chunk([
      delta(0, { refusal: "I'm sorry" }, null, {
        content: null,
        refusal: [token("I'm", -0.1), token(' sorry', -0.2)],
      }),
    ]),
    chunk([
      delta(0, { refusal: ', I cannot help.' }, null, {
        content: null,
        refusal: [token(', I cannot help.', -0.3)],
      }),
    ]),
    chunk([delta(0, {}, 'stop')]),
  ],
  end: { kind: 'done' },
  completion: {
    ...completionMeta,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: null, refusal: "I'm sorry, I cannot help." },
        finish_reason: 'stop',
        logprobs: {
          content: null,
          refusal: [token("I'm", -0.1), token(' sorry', -0.2), token(', I cannot help.', -0.3)],
        },
      },
    ],
  },
})

/** An audio reply (`modalities: ['text', 'audio']`): transcript and base64 data in pieces, id and expiry once. */
export const audioReply: FixtureStream = handMadeFixture({
  name: 'audio',
  description: 'Audio: delta.audio with id first, transcript pieces, data pieces, expires_at last',
  chunks: [
    chunk([
      delta(0, {
        role: 'assistant',
        content: null,
        refusal: null,
        audio: { id: 'audio_fixture1', transcript: '' },
      }),
    ]),
    chunk([delta(0, { audio: { transcript: 'Hel' } })]),
    chunk([delta(0, { audio: { transcript: 'lo!' } })]),
    chunk([delta(0, { audio: { data: 'UklGRiQA' } })]),
    chunk([delta(0, { audio: { data: 'AABXQVZF' } })]),
    chunk([delta(0, { audio: { expires_at: 1_750_003_600 } })]),
    chunk([delta(0, {}, 'stop')]),
  ],
  end: { kind: 'done' },
  completion: {
    ...completionMeta,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          audio: {
            id: 'audio_fixture1',
            data: 'UklGRiQAAABXQVZF',
            expires_at: 1_750_003_600,
            transcript: 'Hello!',
          },
        },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
  },
})

const lateUsage = {
  prompt_tokens: 30,
  completion_tokens: 2,
  total_tokens: 32,
  completion_tokens_details: { reasoning_tokens: 0 },
}

/** `usage: null` on every chunk but the last, which has `choices: []` and the usage (Qwen, OpenAI, Azure). */
export const usageOnlyLastChunk: FixtureStream = handMadeFixture({
  name: 'usage-only-last-chunk',
  description: 'usage: null on every chunk, then a last chunk with choices: [] and the real usage',
  chunks: [
    chunk([delta(0, { role: 'assistant', content: 'Ok' })]),
    chunk([delta(0, { content: '.' }, 'stop')]),
    chunk([], lateUsage),
  ],
  end: { kind: 'done' },
  completion: {
    ...completionMeta,
    usage: lateUsage,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Ok.', refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
  },
})
