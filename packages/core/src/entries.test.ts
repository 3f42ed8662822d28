import { describe, expect, it } from 'vitest'
import * as errorBody from './error-body.js'
import * as errors from './errors.js'
import * as main from './index.js'
import { redactSecrets } from './redact.js'
import { foldReplyContent } from './reply-content.js'
import { requestIdOf } from './request-id.js'
import * as retry from './retry.js'
import * as schema from './schema/index.js'
import { parsePartialJson } from './structured/partial-json.js'

/** No export of `entry` is also one of the main entry's: esbuild would then load it up front in every bundle. */
function expectApartFromMain(entry: object): void {
  const values = Object.keys(main)
  for (const name of Object.keys(entry)) expect(values, name).not.toContain(name)
}

describe('the entries', () => {
  it('keeps valibot out of @chatwire/core: schemas and validateRequest are @chatwire/core/schema', () => {
    expectApartFromMain(schema)
    expect(typeof schema.validateRequest).toBe('function')
    expect(typeof schema.ChatRequestSchema).toBe('object')
  })

  it('keeps the reading of error bodies out of @chatwire/core: it is @chatwire/core/error-body, loaded lazily', () => {
    expectApartFromMain(errorBody)
    expect(Object.keys(errorBody).sort()).toEqual([
      'errorFromBody',
      'isCredentialName',
      'readErrorBody',
      'readLimited',
      'redactValues',
    ])
  })

  it('keeps the retry policy out of @chatwire/core: it is @chatwire/core/retry, loaded with the first failure', () => {
    expectApartFromMain(retry)
    expect(Object.keys(retry).sort()).toEqual([
      'isRetryable',
      'retryAfterMs',
      'retryAfterMsFromMessage',
      'retryDelay',
    ])
  })

  it('gives the error classes from @chatwire/core/errors too, the same classes as the main entry', () => {
    const exported = new Map(Object.entries(main))
    expect(Object.keys(errors)).toContain('InvalidRequestError')
    for (const [name, value] of Object.entries(errors)) expect(exported.get(name), name).toBe(value)
  })

  it('gives the functions that lazy chunks use too as those very functions (bindings, not copies)', () => {
    expect(main.foldReplyContent).toBe(foldReplyContent)
    expect(main.redactSecrets).toBe(redactSecrets)
    expect(main.requestIdOf).toBe(requestIdOf)
    expect(main.parsePartialJson).toBe(parsePartialJson)
    expect(main.parsePartialJson('{"a":[1,"b')).toEqual({ a: [1, 'b'] })
    expect(main.redactSecrets('key: sk-proj-abcdef123456')).toBe('key: sk-[redacted]')
    expect(main.requestIdOf(new Headers({ 'apim-request-id': 'req-1' }))).toBe('req-1')
  })
})
