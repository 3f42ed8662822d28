/** A fault the settings panel offers: what a person picks, and the `x-emulator-fault` it sends. */
export interface DemoFault {
  id: string
  label: string
  /** The header's value; the server adds `x-emulator-fault-key` so that "then succeed" counts per request. */
  spec: string
}

/** The emulator's faults worth seeing in a browser. */
export const DEMO_FAULTS: readonly DemoFault[] = [
  {
    id: 'rate_limit_once',
    label: '429 once, then success (retried)',
    spec: 'fail_then_succeed;with=rate_limit;retry_after_ms=400',
  },
  { id: 'rate_limit', label: '429 every time (retries give up)', spec: 'rate_limit;retry_after_ms=200' },
  { id: 'server_error', label: '500 every time', spec: 'server_error' },
  { id: 'reset_mid_stream', label: 'Connection dropped mid-stream', spec: 'reset_mid_stream;after=5' },
  { id: 'cut', label: 'Stream cut (no [DONE])', spec: 'cut;after=5' },
  { id: 'content_filter', label: 'Content filter on the answer', spec: 'content_filter_completion;after=4' },
  { id: 'slow', label: 'Slow tokens', spec: 'slow;ms=150' },
]
