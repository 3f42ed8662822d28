/**
 * Every fault the emulator can inject, with what it does and its parameters (`key=default`); every fault also
 * takes `should_retry=true|false`. The README and the CLI list these names.
 */
export const FAULTS = {
  rate_limit:
    "429 with retry headers. retry_after_ms=1000 or retry_after=1 (seconds); header=retry-after|retry-after-ms|x-ms-retry-after-ms|all|none, or a comma-separated list (default: the dialect's own); message_hint=true|false (false: the message says no delay either, so with header=none a client has no hint and backs off on its own).",
  server_error: "A JSON 5xx in the dialect's shape. status=500 (400 to 599).",
  html_error: 'An HTML error page, as a proxy in front of the service sends. status=502 (400 to 599).',
  unauthorized: '401, as for a wrong key.',
  not_found:
    '404: model not found (OpenAI), DeploymentNotFound (Azure OpenAI), unknown_model (Model Inference).',
  content_filter_prompt:
    '400 content filter on the prompt. category=hate|sexual|violence|self_harm|jailbreak; severity=safe|low|medium|high (default high); variant=innererror|inner_error.',
  content_filter_completion:
    "200, the completion cut after `after` tokens with finish_reason 'content_filter' (and filtered results on Azure). after=3; category=violence.",
  reset: 'The connection is destroyed before any response header.',
  latency: 'Waits before answering, for first-byte timeouts. ms=1000.',
  slow: 'Paces the stream at `ms` per chunk. ms=200.',
  reset_mid_stream: 'Headers and `after` frames, then the connection is destroyed. after=3.',
  stall:
    "Headers and `after` frames, then silence until the client leaves (or `ms` passes, then a reset). after=0; ms=the server's stallMs.",
  malformed_json: 'Frame number `after` carries broken JSON; the stream goes on after it. after=2.',
  cut: 'The stream ends cleanly after `after` frames: no finish_reason, no [DONE]. after=3.',
  no_done: 'The whole stream, finish_reason included, but no [DONE].',
  error_event:
    "After `after` frames, an `event: error` frame with the dialect's error body for `status` (429 a rate limit, 401 a wrong key, 5xx a server error, other 4xx an invalid request; the status stated in the body), then the end. after=2; status=500.",
  error_payload:
    'After `after` frames, a `data: {"error":…}` frame (no event name) with the body error_event sends, then the end. after=2; status=500.',
  fail_then_succeed:
    "The fault `with` for the first `times` requests of a key, then success; the parameters after with= are the wrapped fault's (with=server_error;status=503;should_retry=false). with=server_error; times=1; key=the fault text (the x-emulator-fault-key header wins).",
} as const

export type FaultName = keyof typeof FAULTS

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name)
}

/** A fault name as typed (`Rate-Limit`) in the catalog's spelling (`rate_limit`); it may still be unknown. */
export function faultNameOf(typed: string): string {
  return typed.trim().toLowerCase().replace(/-/g, '_')
}
