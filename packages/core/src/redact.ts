const REDACTED = '[redacted]'

// Provider key formats: OpenAI and compatible (`sk-`, `sk-proj-`, `sk-ant-`), Groq `gsk_`, xAI `xai-`,
// Perplexity `pplx-`, OpenAI restricted `rk-`, Google `AIza…`. Services echo them in 401 bodies
// ("Incorrect API key provided: sk-proj-abc***xyz"), sometimes only partly masked.
const PREFIXED_KEY = /\b(sk|gsk|xai|pplx|rk)([-_])[\w*-]{6,}|\bAIza[\w-]{20,}/g

// JSON Web Tokens (Entra ID bearer tokens among them): three base64url parts, the first two `{"…`.
const JWT = /\beyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g

// Azure resource keys (OpenAI, AI Services, Model Inference): exactly 32 hex digits, standing alone.
const AZURE_KEY = /(?<![\w-])[0-9a-f]{32}(?![\w-])/gi

// `Bearer <token>` in an echoed Authorization header.
const BEARER = /\b(bearer)(\s+)[\w.~+/-]+=*/gi

// A long token (16+ characters, with at least one digit) shortly after a word that names a secret:
// `api-key: 0123abcd…`, `key=…`, `subscription key '…'`, `token: …`, `sig=…` (SAS URLs).
const NAMED_SECRET =
  /\b((?:api|subscription|access|secret|private)?[-_ ]?(?:key|token|secret|password|passwd|signature|sig|credential)s?)(\b[^\w\n]{0,4}(?:provided[^\w\n]{1,4})?)(?=[\w.~+/*-]*\d)[\w.~+/*-]{16,}=*/gi

/**
 * Removes what looks like a credential from a text a service sent back (an error message, a body),
 * so that no error message, log line or `JSON.stringify` of an error carries a key or token.
 * It errs on the side of redacting: a long token after a word such as `key` or `token` goes too.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(BEARER, `$1$2${REDACTED}`)
    .replace(PREFIXED_KEY, (_whole: string, prefix: string | undefined, separator: string | undefined) =>
      prefix === undefined ? REDACTED : `${prefix}${separator}${REDACTED}`,
    )
    .replace(NAMED_SECRET, `$1$2${REDACTED}`)
    .replace(AZURE_KEY, REDACTED)
}
