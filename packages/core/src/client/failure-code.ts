/**
 * Loads, in the background, the code of the client's rarer paths (an error reply or event, a lost connection,
 * a retry, a redirect, a reply that is not what was asked), once a first reply came: the network is up then,
 * and the app's chunks are those of the build it runs. A later failure then never waits on a load that a lost
 * network, or a deploy that replaced the chunks, would fail; a browser also keeps a failed `import()` failed
 * for the page's life, so one such load would fail that path until a reload. What these loads throw is
 * ignored here: each path loads its code when taken, with a typed fallback of its own.
 */
export function preloadFailureCode(): void {
  void Promise.allSettled([
    import('./reply-error.js'),
    import('../error-from-body.js'),
    import('../redact-values.js'),
    import('./unreachable.js'),
    import('./retry-wait.js'),
    import('./not-an-event-stream.js'),
    import('./not-a-completion.js'),
    import('./redirect-target.js'),
  ])
}
