// The generated streams of the decode benchmark. Everything is derived from a fixed seed, so every run and
// every contender sees the same bytes split at the same places.
import { createRandom } from '@chatwire/testkit'

/** One generated stream: its chunk objects, the SSE bytes, those bytes pre-split into network reads. */
export interface BenchStream {
  /** Short key, used in bench names and the report (`text`, `tools`, `azure`, `tools-seq`). */
  key: string
  /** What the stream is, for the report. */
  label: string
  /** The `chat.completion.chunk` objects, in order (`[DONE]` not included). */
  chunks: readonly unknown[]
  /** Total SSE bytes, `data: [DONE]` included. */
  byteLength: number
  /** The SSE bytes split into random 1–4096-byte reads, each its own buffer. */
  pieces: readonly Uint8Array[]
  /** What a correct accumulator must end with, per choice 0. */
  expected: { content: string | null; toolArguments: readonly string[] }
}

const SEED = 0xc4a7_1e55
const TEXT_CHUNKS = 20_000
const MAX_PIECE = 4096

// A few non-ASCII words so that multi-byte characters get split across reads too.
const WORDS = [
  'the',
  'stream',
  'of',
  'tokens',
  'arrives',
  'in',
  'small',
  'pieces',
  'and',
  'each',
  'one',
  'carries',
  'a',
  'word',
  'or',
  'two',
  'model',
  'answer',
  'because',
  'latency',
  'matters',
  'to',
  'people',
  'reading',
  'it',
  'café',
  'naïve',
  'résumé',
  '—',
  '“quoted”',
  'Zürich',
  'déjà',
  'vu',
  '42',
  '3.14',
  'JSON',
  'is',
  'fine',
]

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

function token(random: () => number, alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)]
  return out
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Short text deltas as a model emits them: mostly a leading space and one word, sometimes punctuation. */
function textPieces(random: () => number, count: number): string[] {
  const pieces: string[] = []
  for (let i = 0; i < count; i++) {
    const r = random()
    if (r < 0.06) pieces.push(pick(random, ['.', ',', ':', '!', '?']))
    else if (r < 0.08) pieces.push('\n\n')
    else if (r < 0.85) pieces.push(` ${pick(random, WORDS)}`)
    else pieces.push(pick(random, WORDS).slice(0, 3))
  }
  return pieces
}

const USAGE = {
  prompt_tokens: 42,
  completion_tokens: TEXT_CHUNKS,
  total_tokens: TEXT_CHUNKS + 42,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
}

/** The fields every chunk of one OpenAI stream repeats. */
function openAIHead(random: () => number, created: number) {
  return {
    id: `chatcmpl-${token(random, BASE62, 29)}`,
    object: 'chat.completion.chunk',
    created,
    model: 'gpt-4o-2024-08-06',
    system_fingerprint: `fp_${token(random, '0123456789abcdef', 10)}`,
  }
}

/** Choice 0 of an OpenAI chunk. */
function choice(delta: object, finish: string | null) {
  return { index: 0, delta, logprobs: null, finish_reason: finish }
}

function openAIText(random: () => number, deltas: readonly string[]): unknown[] {
  const head = openAIHead(random, 1_770_933_892)
  return [
    { ...head, choices: [choice({ role: 'assistant', content: '', refusal: null }, null)] },
    ...deltas.map((content) => ({ ...head, choices: [choice({ content }, null)] })),
    { ...head, choices: [choice({}, 'stop')] },
    { ...head, choices: [], usage: USAGE },
  ]
}

/** Three calls' JSON arguments, each with a long text field, cut into 1–8-character pieces. */
function toolArguments(random: () => number, names: readonly string[]): { args: string[]; cuts: string[][] } {
  const args = names.map((name, i) =>
    JSON.stringify({
      call: name,
      location: pick(random, ['Zurich', 'Lisbon', 'Osaka']),
      query: textPieces(random, 1_600 + i * 10).join(''),
      limit: 10 + i,
    }),
  )
  const cuts = args.map((text) => {
    const parts: string[] = []
    for (let at = 0; at < text.length; ) {
      const size = 1 + Math.floor(random() * 8)
      parts.push(text.slice(at, at + size))
      at += size
    }
    return parts
  })
  return { args, cuts }
}

const TOOL_NAMES = ['get_weather', 'search_documents', 'create_calendar_event']

/** The chunks of a tool-call stream: a call's start (id, name), a piece of its arguments, and the end. */
function toolChunks(head: Record<string, unknown>, random: () => number) {
  return {
    start: (index: number) => {
      const id = `call_${token(random, BASE62, 24)}`
      const header = { index, id, type: 'function', function: { name: TOOL_NAMES[index], arguments: '' } }
      return { ...head, choices: [choice({ tool_calls: [header] }, null)] }
    },
    piece: (index: number, piece: string) => ({
      ...head,
      choices: [choice({ tool_calls: [{ index, function: { arguments: piece } }] }, null)],
    }),
    end: () => [
      { ...head, choices: [choice({}, 'tool_calls')] },
      { ...head, choices: [], usage: { ...USAGE, completion_tokens: 1500, total_tokens: 1542 } },
    ],
  }
}

/**
 * Parallel calls interleaved by `index`: each delta continues a call picked at random among those not finished,
 * and a call starts (its header: id, name) when it is first picked, so calls may start out of index order.
 */
function openAITools(random: () => number): { chunks: unknown[]; args: string[] } {
  const head = openAIHead(random, 1_770_933_901)
  const { args, cuts } = toolArguments(random, TOOL_NAMES)
  const chunks: unknown[] = [{ ...head, choices: [choice({ role: 'assistant', content: null }, null)] }]
  const tool = toolChunks(head, random)
  const next = cuts.map(() => 0)
  for (;;) {
    const open = [0, 1, 2].filter((i) => (next[i] ?? 0) < (cuts[i]?.length ?? 0))
    if (open.length === 0) break
    const index = pick(random, open)
    if (next[index] === 0) chunks.push(tool.start(index))
    const piece = cuts[index]?.[next[index] ?? 0] ?? ''
    next[index] = (next[index] ?? 0) + 1
    chunks.push(tool.piece(index, piece))
  }
  chunks.push(...tool.end())
  return { chunks, args }
}

/** The same three calls one after the other, as most models stream them: each whole before the next starts. */
function openAIToolsSequential(random: () => number): { chunks: unknown[]; args: string[] } {
  const head = openAIHead(random, 1_770_933_911)
  const { args, cuts } = toolArguments(random, TOOL_NAMES)
  const chunks: unknown[] = [{ ...head, choices: [choice({ role: 'assistant', content: null }, null)] }]
  const tool = toolChunks(head, random)
  cuts.forEach((parts, index) => {
    chunks.push(tool.start(index))
    for (const piece of parts) chunks.push(tool.piece(index, piece))
  })
  chunks.push(...tool.end())
  return { chunks, args }
}

const SAFE = { filtered: false, severity: 'safe' }
const FILTERS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE }

// Azure OpenAI's envelope: key order as Azure sends it, a prompt-filter first chunk with empty metadata, and
// content-filter results on every content chunk (see packages/testkit/fixtures/recorded/azure-content-filters.chunks.jsonl).
function azureText(random: () => number, deltas: readonly string[]): unknown[] {
  const head = {
    created: 1_762_317_021,
    id: `chatcmpl-${token(random, BASE62, 29)}`,
    model: 'gpt-4o-2024-11-20',
    object: 'chat.completion.chunk',
    system_fingerprint: `fp_${token(random, '0123456789abcdef', 10)}`,
  }
  const azureChoice = (filters: object, delta: object, finish: string | null) => ({
    content_filter_results: filters,
    delta,
    finish_reason: finish,
    index: 0,
    logprobs: null,
  })
  return [
    {
      choices: [],
      created: 0,
      id: '',
      model: '',
      object: '',
      prompt_filter_results: [
        {
          prompt_index: 0,
          content_filter_results: { ...FILTERS, jailbreak: { filtered: false, detected: false } },
        },
      ],
    },
    { choices: [azureChoice({}, { content: '', refusal: null, role: 'assistant' }, null)], ...head },
    ...deltas.map((content) => ({ choices: [azureChoice(FILTERS, { content }, null)], ...head })),
    { choices: [azureChoice({}, {}, 'stop')], ...head },
    { choices: [], ...head, usage: USAGE },
  ]
}

/** `data: <json>\n\n` per chunk, then `data: [DONE]\n\n`, as UTF-8. */
export function toSSE(chunks: readonly unknown[]): Uint8Array {
  let text = ''
  for (const chunk of chunks) text += `data: ${JSON.stringify(chunk)}\n\n`
  return new TextEncoder().encode(`${text}data: [DONE]\n\n`)
}

/** Splits bytes into random 1–`max`-byte reads, each copied into its own buffer as a socket would give them. */
export function splitRandomly(bytes: Uint8Array, random: () => number, max = MAX_PIECE): Uint8Array[] {
  const pieces: Uint8Array[] = []
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * max)
    pieces.push(bytes.slice(at, at + size))
    at += size
  }
  return pieces
}

function finish(
  key: string,
  label: string,
  chunks: unknown[],
  random: () => number,
  expected: BenchStream['expected'],
): BenchStream {
  const bytes = toSSE(chunks)
  return { key, label, chunks, byteLength: bytes.length, pieces: splitRandomly(bytes, random), expected }
}

/** Builds the four streams (about 14 MB of SSE in all). Deterministic: same seed, same bytes, same splits. */
export function createBenchStreams(): BenchStream[] {
  const random = createRandom(SEED)
  const deltas = textPieces(random, TEXT_CHUNKS)
  const content = deltas.join('')
  const tools = openAITools(random)
  const sequential = openAIToolsSequential(random)
  return [
    finish('text', 'OpenAI text, 20,000 deltas', openAIText(random, deltas), random, {
      content,
      toolArguments: [],
    }),
    finish('tools', '3 parallel tool calls, ~5,000 argument deltas', tools.chunks, random, {
      content: null,
      toolArguments: tools.args,
    }),
    finish('azure', 'Azure OpenAI envelope, 20,000 deltas', azureText(random, deltas), random, {
      content,
      toolArguments: [],
    }),
    finish(
      'tools-seq',
      '3 tool calls one after the other, ~5,000 argument deltas',
      sequential.chunks,
      random,
      {
        content: null,
        toolArguments: sequential.args,
      },
    ),
  ]
}
