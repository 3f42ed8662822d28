import { describe, expect, it } from 'vitest'
import { firstHeaderValue } from './first-header-value.js'

describe('firstHeaderValue', () => {
  it('gives the value of a header sent once, the first of one sent more than once, undefined for none', () => {
    expect([firstHeaderValue('a'), firstHeaderValue(['b', 'c']), firstHeaderValue(undefined)]).toEqual([
      'a',
      'b',
      undefined,
    ])
  })
})
