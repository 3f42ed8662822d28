/**
 * Header and query names whose values are credentials whatever they look like: `authorization`, `x-auth`,
 * `api-key`, `x-session-id`, `access_token`, `cookie`, `x-pass`, `pwd`, a SAS `sig`, an OAuth `code`, … One list
 * for the redaction of errors and hooks and the registration of a call's secrets (the emulator uses it too),
 * so that no name is cleaned in one place and leaked by another.
 */
// Not `x-ratelimit-remaining-tokens`, which counts tokens, nor `www-authenticate`, a challenge: they say when or
// how to retry, and hold no credential.
const CREDENTIAL_NAME =
  /^(?!.*ratelimit|.*authenticate$).*(?:auth|key|token|secret|passw|cookie|credential|signature|session|\b(?:pass|pwd|sig|jwt)\b|^code$)/i

/** Whether the value of a header or query parameter of this name is a credential (see the list above). */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name)
}
