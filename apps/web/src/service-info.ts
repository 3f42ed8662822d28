/** What `GET /api/info` tells the page about the service behind the server route. */
export interface ServiceInfo {
  /** Who answers, for people: `the emulator (…)`, `OpenAI`, `Azure OpenAI (https://…, deployment)`. */
  label: string
  /** True when the emulator answers: then the dialect can be switched and faults injected. */
  emulator: boolean
  /** The dialects the server can speak: all three on the emulator, the configured one otherwise. */
  dialects: Array<'openai' | 'azure' | 'inference'>
  /** The faults the page may ask for (`x-demo-fault: <id>`); none off the emulator. */
  faults: Array<{ id: string; label: string }>
}
