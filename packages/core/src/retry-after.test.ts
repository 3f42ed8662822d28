import { describe, expect, it } from 'vitest'
import { retryAfterMs, retryAfterMsFromMessage } from './retry-after.js'

const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')

describe('retryAfterMs', () => {
  it.each<[string, Record<string, string>, number | undefined]>([
    ['no headers to go by', {}, undefined],
    ['retry-after-ms in milliseconds', { 'retry-after-ms': '1500' }, 1500],
    ['x-ms-retry-after-ms in milliseconds', { 'x-ms-retry-after-ms': '250' }, 250],
    ['retry-after in seconds', { 'retry-after': '7' }, 7000],
    ['retry-after in fractional seconds', { 'retry-after': '0.5' }, 500],
    ['retry-after as an HTTP date', { 'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT' }, 30_000],
    ['retry-after as a date already past, as 0', { 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, 0],
    [
      'retry-after-ms before x-ms-retry-after-ms and retry-after',
      { 'retry-after-ms': '100', 'x-ms-retry-after-ms': '200', 'retry-after': '3' },
      100,
    ],
    ['x-ms-retry-after-ms before retry-after', { 'x-ms-retry-after-ms': '200', 'retry-after': '3' }, 200],
    ['the next header when one is not a number', { 'retry-after-ms': 'soon', 'retry-after': '2' }, 2000],
    ['nothing from a negative value', { 'retry-after': '-5' }, undefined],
    ['nothing from a text that is no date', { 'retry-after': 'later' }, undefined],
  ])('reads %s', (_, headers, expected) => {
    expect(retryAfterMs(new Headers(headers), NOW)).toBe(expected)
  })

  it('reads nothing when there are no headers at all', () => {
    expect(retryAfterMs(undefined, NOW)).toBeUndefined()
  })
})

describe('retryAfterMsFromMessage', () => {
  it.each<[string, number | undefined]>([
    ['Please retry after 6 seconds.', 6000],
    ['Please retry after 1 second.', 1000],
    ['Rate limit reached for gpt-4o. Please try again in 1.898s. Visit …', 1898],
    ['Please try again in 20ms.', 20],
    ['Please try again in 6m25.5s.', 385_500],
    ['Please try again in 1h2m.', 3_720_000],
    ['Please try again later.', undefined],
    ['Rate limit reached.', undefined],
  ])('reads %j', (message, expected) => {
    expect(retryAfterMsFromMessage(message)).toBe(expected)
  })
})
