import { describe, expect, it } from 'vitest'
import { lastUserText, scanDirectives, stripDirectives } from './conversation.js'

describe('directives', () => {
  it('leaves every [[…]] phrase out of the words to answer', () => {
    expect(stripDirectives('Hi [[fault:slow]] there [[model:refuse]]')).toBe('Hi there')
    expect(lastUserText([{ role: 'user', content: '[[[x]] a ] b ]] c' }])).toBe('a ] b ]] c')
  })

  it('finds what each phrase holds, as the regular expression /\\[\\[[^\\]]*\\]\\]/ would', () => {
    expect([...scanDirectives('a [[one]] b [[x ] y]] [[two]]')].map((d) => d.body)).toEqual(['one', 'two'])
  })

  it('scans a message of many [[ and no ]] in one pass', () => {
    // The regular expression took 46 s on these 200 KB; the test would time out.
    const text = '[['.repeat(100_000)
    expect(stripDirectives(text)).toBe(text)
  })
})
