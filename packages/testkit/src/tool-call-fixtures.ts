import { type FixtureStream, handMadeFixture } from './fixture-stream.js'

const meta = {
  id: 'chatcmpl-FixtureTools',
  object: 'chat.completion.chunk',
  created: 1_750_000_300,
  model: 'gpt-4.1-2025-04-14',
}
const CALLS = [
  { id: 'call_paris', name: 'get_weather', arguments: '{"city": "Paris", "unit": "celsius"}' },
  { id: 'call_tokyo', name: 'get_weather', arguments: '{"city": "Tokyo", "unit": "celsius"}' },
  { id: 'call_time', name: 'get_time', arguments: '{"zone": "Asia/Tokyo"}' },
]

function toolChunk(call: Record<string, unknown>): object {
  return {
    ...meta,
    choices: [{ index: 0, delta: { tool_calls: [call] }, logprobs: null, finish_reason: null }],
  }
}

// Every call is announced (index, id, type, name, empty arguments), then the argument pieces of the three calls
// take turns, each piece tagged only with its index.
function interleavedChunks(): object[] {
  const chunks: object[] = [
    {
      ...meta,
      choices: [
        { index: 0, delta: { role: 'assistant', content: null }, logprobs: null, finish_reason: null },
      ],
    },
  ]
  CALLS.forEach((call, index) => {
    chunks.push(
      toolChunk({ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }),
    )
  })
  const pieces = CALLS.map((call) => call.arguments.match(/.{1,5}/gs) ?? [])
  const longest = Math.max(...pieces.map((list) => list.length))
  for (let i = 0; i < longest; i++) {
    pieces.forEach((list, index) => {
      const piece = list[i]
      if (piece !== undefined) chunks.push(toolChunk({ index, function: { arguments: piece } }))
    })
  }
  chunks.push({ ...meta, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' }] })
  return chunks
}

/** Three parallel tool calls whose argument pieces are interleaved by index. */
export const parallelToolCallsInterleaved: FixtureStream = handMadeFixture({
  name: 'parallel-tool-calls-interleaved',
  description: 'Three parallel tool calls announced by index, then argument pieces of all three taking turns',
  chunks: interleavedChunks(),
  end: { kind: 'done' },
  completion: {
    ...meta,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: CALLS.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          })),
        },
        finish_reason: 'tool_calls',
        logprobs: null,
      },
    ],
  },
})
