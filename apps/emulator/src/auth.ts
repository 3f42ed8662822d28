import type { IncomingHttpHeaders } from 'node:http'
import type { DialectName } from './dialects/dialect.js'
import { firstHeaderValue } from './first-header-value.js'
import type { Problem } from './problem.js'

/**
 * Checks the credential the dialect expects: a bearer key for OpenAI; an `api-key` header or a bearer
 * token for both Azure dialects. Any non-empty credential passes unless `keys` lists the accepted ones.
 */
export function checkAuth(
  dialect: DialectName,
  headers: IncomingHttpHeaders,
  keys: readonly string[] | undefined,
): Problem | undefined {
  const credential =
    (dialect === 'openai' ? undefined : firstHeaderValue(headers['api-key'])) ?? bearer(headers.authorization)
  if (credential === undefined || credential === '') return { kind: 'unauthorized', reason: 'missing' }
  if (keys !== undefined && !keys.includes(credential)) return { kind: 'unauthorized', reason: 'invalid' }
  return undefined
}

function bearer(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^Bearer\s+(.*)$/i.exec(value)
  return match?.[1]?.trim()
}
