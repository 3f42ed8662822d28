import { describe, expect, it } from 'vitest'
import type { ChatRequestView } from '../chat-request.js'
import { choiceTokens, planReply } from './plan.js'

const ask = (content: string, extra: Partial<ChatRequestView> = {}): ChatRequestView => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
  ...extra,
})
const text = (request: ChatRequestView, index = 0): string | null | undefined =>
  planReply(request).choices[index]?.content?.join('')

describe('planReply', () => {
  it('echoes the last user message, directives left out', () => {
    expect(text(ask('Hello there [[fault:slow]]'))).toBe('You said: Hello there')
  })

  it('answers n choices that differ, and the same ones every time', () => {
    const request = ask('Hi', { n: 3 })
    expect(planReply(request).choices.map((choice) => choice.content?.join(''))).toEqual([
      'You said: Hi',
      'I heard: Hi',
      'Echo: Hi',
    ])
    expect(planReply(request)).toEqual(planReply(request))
  })

  it('lets the seed pick the phrasing', () => {
    expect(text(ask('Hi', { seed: 2 }))).toBe('Echo: Hi')
    expect(text(ask('Hi', { seed: 2 }))).toBe(text(ask('Hi', { seed: 7 })))
  })

  it("stops at max_tokens with finish_reason 'length'", () => {
    const choice = planReply(ask('one two three four five', { max_tokens: 4 })).choices[0]
    expect(choice?.content?.join('')).toBe('You said: one')
    expect(choice?.finishReason).toBe('length')
    expect(planReply(ask('one', { max_completion_tokens: 100 })).choices[0]?.finishReason).toBe('stop')
  })

  it('cuts the text before a stop sequence', () => {
    expect(text(ask('alpha beta gamma', { stop: [' gamma', 'zzz'] }))).toBe('You said: alpha beta')
  })

  it('reasons first when asked, more for a higher effort, within the same token budget', () => {
    const low = planReply(ask('Hi', { reasoning_effort: 'low' })).choices[0]
    const high = planReply(ask('Hi', { reasoning_effort: 'high' })).choices[0]
    expect(low?.reasoning.join('')).toBe('The user wrote "Hi".')
    expect(high?.reasoning.length).toBeGreaterThan(low?.reasoning.length ?? 0)
    const cut = planReply(ask('Hi', { reasoning_effort: 'high', max_completion_tokens: 3 })).choices[0]
    expect(cut?.reasoning).toHaveLength(3)
    expect(cut?.content).toEqual([])
  })

  it('counts to N for a long reply', () => {
    expect(text(ask('please count to 5'))).toBe('1, 2, 3, 4, 5.')
  })

  it('answers tool results with a sentence that uses them', () => {
    const request: ChatRequestView = {
      messages: [
        { role: 'user', content: 'weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '22 °C and sunny' },
      ],
    }
    expect(text(request)).toBe('Here is what I found. get_weather (Paris): 22 °C and sunny.')
  })

  it('adds usage up from the choices, by the same tokenizer as the prompt', () => {
    const plan = planReply(ask('Hello world', { n: 2 }))
    const completion = plan.choices.reduce((sum, choice) => sum + choiceTokens(choice), 0)
    expect(plan.usage.completion_tokens).toBe(completion)
    expect(plan.usage.prompt_tokens).toBe(3 + 3 + 2)
    expect(plan.usage.total_tokens).toBe(plan.usage.prompt_tokens + completion)
  })
})
