import { afterEach, describe, expect, it } from 'vitest'
import { assertServerSide, isBrowserLike } from './browser-guard.js'

const scope = globalThis as { document?: unknown; importScripts?: unknown; WorkerGlobalScope?: unknown }

afterEach(() => {
  delete scope.document
  delete scope.importScripts
  delete scope.WorkerGlobalScope
})

describe('assertServerSide', () => {
  it('lets a secret key through on a server', () => {
    expect(isBrowserLike()).toBe(false)
    expect(() => assertServerSide('openai', undefined)).not.toThrow()
  })

  it('refuses it in a page or a browser worker unless the caller opted in', () => {
    scope.document = {}
    expect(isBrowserLike()).toBe(true)
    expect(() => assertServerSide('openai', undefined)).toThrow(
      /openai: refusing to use a secret apiKey in a browser/,
    )
    expect(() => assertServerSide('openai', true)).not.toThrow()
    delete scope.document
    scope.importScripts = () => {}
    scope.WorkerGlobalScope = class {}
    expect(() => assertServerSide('azure-openai', false)).toThrow(/dangerouslyAllowBrowser: true/)
  })
})
