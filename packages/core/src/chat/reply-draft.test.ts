import { describe, expect, it } from 'vitest'
import { createReplyDraft } from './reply-draft.js'
import { createToolCallDrafts } from './reply-tool-calls.js'

const args = (delta: string, toolIndex = 0) =>
  ({
    type: 'tool_call.arguments.delta',
    choiceIndex: 0,
    toolIndex,
    id: `call_${toolIndex}`,
    name: 'get_weather',
    delta,
  }) as const

describe('createReplyDraft', () => {
  it('folds content, reasoning and refusal deltas of choice 0 and ignores other choices', () => {
    const draft = createReplyDraft('r1', createToolCallDrafts)
    expect(draft.started).toBe(false)
    draft.push({ type: 'reasoning.delta', choiceIndex: 0, delta: 'Thinking. ' })
    draft.push({ type: 'content.delta', choiceIndex: 0, delta: 'Hello' })
    draft.push({ type: 'content.delta', choiceIndex: 1, delta: 'other choice' })
    draft.push({ type: 'content.delta', choiceIndex: 0, delta: ' there' })
    expect(draft.started).toBe(true)
    expect(draft.toMessage()).toEqual({
      id: 'r1',
      role: 'assistant',
      content: 'Hello there',
      reasoning: 'Thinking. ',
      refusal: '',
      toolCalls: [],
      state: 'streaming',
    })
  })

  it('makes no tool call drafts for a reply without calls (their module loads with the first call)', () => {
    const draft = createReplyDraft('r1', () => {
      throw new Error('a text reply needs no tool call drafts')
    })
    draft.push({ type: 'content.delta', choiceIndex: 0, delta: 'Hello' })
    const first = draft.toMessage().toolCalls
    draft.push({ type: 'content.delta', choiceIndex: 0, delta: ' there' })
    expect(first).toEqual([])
    expect(draft.toMessage().toolCalls).toBe(first)
  })

  it('a finish event alone is not a start: nothing visible arrived', () => {
    const draft = createReplyDraft('r1', createToolCallDrafts)
    draft.push({ type: 'finish', choiceIndex: 0, finishReason: 'stop' })
    expect(draft.started).toBe(false)
  })

  it('shows streaming tool arguments with a best-effort parse, and keeps an unchanged call object', () => {
    const draft = createReplyDraft('r1', createToolCallDrafts)
    draft.push(args('{"location":'))
    const first = draft.toMessage().toolCalls
    expect(first).toEqual([
      { id: 'call_0', name: 'get_weather', arguments: '{"location":', input: {}, state: 'streaming' },
    ])
    // Nothing changed: the same calls array and call object, so a memoized tool row does not render.
    expect(draft.toMessage().toolCalls).toBe(first)
    draft.push(args('"Par'))
    expect(draft.toMessage().toolCalls[0]?.input).toEqual({ location: 'Par' })
    draft.push(args('is"}'))
    draft.push(args('{}', 1))
    const second = draft.toMessage().toolCalls
    expect(second).toMatchObject([
      { arguments: '{"location":"Paris"}', input: { location: 'Paris' } },
      { id: 'call_1', input: {} },
    ])
    draft.push(args('', 1))
    const third = draft.toMessage().toolCalls
    expect(third[0]).toBe(second[0])
  })

  it('tool_call.done replaces the arguments with the whole text the accumulator kept', () => {
    const draft = createReplyDraft('r1', createToolCallDrafts)
    draft.push(args('{"loc'))
    draft.push({
      type: 'tool_call.done',
      choiceIndex: 0,
      toolIndex: 0,
      id: 'call_0',
      name: 'get_weather',
      arguments: '{"location":"Oslo"}',
    })
    expect(draft.toMessage().toolCalls[0]).toMatchObject({
      arguments: '{"location":"Oslo"}',
      state: 'streaming',
    })
  })
})
