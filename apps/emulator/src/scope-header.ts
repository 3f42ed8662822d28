/** The header that puts a request in a test's scope: its own records, fault counters and scripted reply. */
export const SCOPE_HEADER = 'x-emulator-scope'
