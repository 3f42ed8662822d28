import { assertServerSide, checkHeaderValue, redactSecrets } from '@chatwire/core'

/** The Entra ID scope of Azure OpenAI and Azure AI Foundry Models, for `@azure/identity`. */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default'

/** What a token provider is asked for: the scope, and the signal of the attempt it serves. */
export interface TokenRequest {
  scope: string
  signal: AbortSignal
}

/**
 * Returns a bearer token (Microsoft Entra ID), called before every attempt so that it can refresh: a string,
 * or an object with a `token` (what `TokenCredential.getToken` of `@azure/identity` resolves to).
 */
export type TokenProvider = (
  request: TokenRequest,
) => string | { token: string } | null | undefined | Promise<string | { token: string } | null | undefined>

/** How an Azure endpoint authenticates: exactly one of `apiKey` and `getToken`. */
export interface AzureCredentialOptions {
  /** The resource's key, sent as the `api-key` header. */
  apiKey?: string | undefined
  /** A token provider (Entra ID), sent as `Authorization: Bearer …`; see {@link TokenProvider}. */
  getToken?: TokenProvider | undefined
  /** The scope passed to `getToken`; {@link COGNITIVE_SERVICES_SCOPE} unless set. */
  scope?: string | undefined
  /** Allows an `apiKey` in a browser, where every visitor can read it. Off by default; tokens need no flag. */
  dangerouslyAllowBrowser?: boolean | undefined
}

/** The credential of one endpoint, kept in a closure. */
export interface AzureCredential {
  /** The auth header of one attempt (asks the token provider each time). */
  headers(signal: AbortSignal): Promise<Record<string, string>>
  /** The key, or the tokens handed out lately, for the client to redact. */
  secrets(): readonly string[]
}

// Tokens refresh; the few handed out last may still appear in a late error, so they stay redacted.
const REMEMBERED_TOKENS = 4

/**
 * Checks the options (one credential, no key in a browser without the flag) and returns the credential.
 * `keyHeader` is where a key goes: `api-key` (the default) or `authorization` as a bearer key.
 */
export function azureCredential(
  origin: string,
  options: AzureCredentialOptions,
  keyHeader: 'api-key' | 'authorization' = 'api-key',
): AzureCredential {
  const { apiKey, getToken } = options
  if (apiKey !== undefined && getToken === undefined) {
    if (checkHeaderValue(origin, 'apiKey', apiKey).trim() === '')
      throw new TypeError(`${origin}: apiKey is empty`)
    assertServerSide(origin, options.dangerouslyAllowBrowser)
    const header: Record<string, string> =
      keyHeader === 'api-key' ? { 'api-key': apiKey } : { authorization: `Bearer ${apiKey}` }
    const secrets = [apiKey]
    return { headers: async () => header, secrets: () => secrets }
  }
  // One message for neither, both, and a getToken that is no function.
  if (apiKey !== undefined || typeof getToken !== 'function') {
    throw new TypeError(
      `${origin}: pass either apiKey (the resource's key) or getToken (a Microsoft Entra ID token provider), not both`,
    )
  }
  const scope = options.scope ?? COGNITIVE_SERVICES_SCOPE
  const recent: string[] = []
  return {
    async headers(signal) {
      // Asking a token provider loads with the first token: a bundle that authenticates with a key never holds it.
      const { fetchToken } = await import('./fetch-token.js')
      const token = await fetchToken(origin, getToken, { scope, signal }, redactSecrets)
      if (!recent.includes(token)) {
        recent.push(token)
        if (recent.length > REMEMBERED_TOKENS) recent.shift()
      }
      return { authorization: `Bearer ${token}` }
    },
    secrets: () => recent,
  }
}
