const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/**
 * Formats a path of keys the way it would be written in JavaScript: `messages[2].content[1].image_url.url`,
 * `logit_bias["50256"]`. The empty path (the request itself) gives `""`.
 */
export function formatIssuePath(keys: readonly unknown[]): string {
  let path = ''
  for (const key of keys) {
    if (typeof key === 'number') path += `[${key}]`
    else if (typeof key === 'string' && IDENTIFIER.test(key)) path += path === '' ? key : `.${key}`
    else path += `[${JSON.stringify(String(key))}]`
  }
  return path
}
