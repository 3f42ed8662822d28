import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { ParsedToolCall } from '../outcome.js'
import { tool } from '../tools/tool.js'
import { chatTools } from './chat-tools.js'
import { plannedCalls } from './reply-tool-calls.js'

const parsed = (fields: Partial<ParsedToolCall>): ParsedToolCall => ({
  id: 'call_1',
  name: 'get_weather',
  arguments: '{"location":"Paris"}',
  input: { location: 'Paris' },
  ...fields,
})
const notJSON = parsed({
  arguments: '{"location":',
  input: undefined,
  parseError: 'Invalid JSON: syntax error',
})

describe('plannedCalls', () => {
  it('without tools, every call waits for a result; one whose arguments are not JSON fails at once', () => {
    expect(plannedCalls([parsed({}), notJSON], {})).toEqual([
      {
        id: 'call_1',
        name: 'get_weather',
        arguments: '{"location":"Paris"}',
        input: { location: 'Paris' },
        state: 'awaiting-result',
      },
      {
        id: 'call_1',
        name: 'get_weather',
        arguments: '{"location":',
        input: undefined,
        state: 'failed',
        error: 'The arguments are not valid JSON',
      },
    ])
  })

  it('a client tool runs, even with arguments that are not JSON (its runner answers them); approval is asked first', () => {
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ location: z.string() }),
      execute: ({ location }) => location,
    })
    const tools = chatTools([weather])
    expect(plannedCalls([parsed({}), notJSON], { tools }).map((call) => call.state)).toEqual([
      'running',
      'running',
    ])
    expect(plannedCalls([parsed({})], { tools, needsApproval: () => true })[0]?.state).toBe(
      'awaiting-approval',
    )
  })
})
