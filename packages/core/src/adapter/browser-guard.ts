interface BrowserGlobals {
  document?: unknown
  importScripts?: unknown
  WorkerGlobalScope?: unknown
}

/**
 * Whether the code runs where every visitor can read it: a page (`document`) or a browser worker
 * (`importScripts` with a `WorkerGlobalScope`). Edge runtimes, Deno, Bun and Node have neither.
 */
export function isBrowserLike(): boolean {
  const scope = globalThis as BrowserGlobals
  if (typeof scope.document !== 'undefined') return true
  return typeof scope.importScripts === 'function' && typeof scope.WorkerGlobalScope !== 'undefined'
}

/**
 * Refuses a secret key in a browser unless the caller opted in: a key shipped to a page is readable by anyone
 * who opens it. The way out is a backend route (`@chatwire/fetch`), or the flag for a short-lived key.
 */
export function assertServerSide(origin: string, allowBrowser: boolean | undefined): void {
  if (allowBrowser === true || !isBrowserLike()) return
  throw new Error(
    `${origin}: refusing to use a secret apiKey in a browser, where every visitor can read it; call your ` +
      'backend (@chatwire/fetch), or pass dangerouslyAllowBrowser: true for a public (short-lived) key',
  )
}
