import { useId, useState } from 'react'
import type { ServiceInfo } from './service-info.js'
import type { Settings } from './settings.js'

const DIALECT_NAMES: Record<Settings['dialect'], string> = {
  openai: 'OpenAI (/v1/chat/completions)',
  azure: 'Azure OpenAI (deployments)',
  inference: 'Azure AI Model Inference',
}

/** The dialect, the emulator's fault for the next requests, and what the requests ask for. */
export function SettingsPanel(props: {
  info: ServiceInfo | undefined
  settings: Settings
  onChange: (settings: Settings) => void
}) {
  const { info, settings, onChange } = props
  const id = useId()
  const set = <Key extends keyof Settings>(key: Key, value: Settings[Key]) =>
    onChange({ ...settings, [key]: value })
  const dialects = info?.dialects ?? [settings.dialect]
  // Open on a wide screen; on a phone, closed, so that the chat comes first.
  const [open] = useState(() => window.matchMedia('(min-width: 40rem)').matches)
  return (
    <details className="settings" open={open}>
      <summary>Settings</summary>
      <div className="settings-grid">
        <label htmlFor={`${id}-dialect`}>Dialect</label>
        <select
          id={`${id}-dialect`}
          value={settings.dialect}
          disabled={dialects.length < 2}
          onChange={(event) => set('dialect', event.target.value as Settings['dialect'])}
        >
          {dialects.map((dialect) => (
            <option key={dialect} value={dialect}>
              {DIALECT_NAMES[dialect]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-fault`}>Emulator fault</label>
        <select
          id={`${id}-fault`}
          value={settings.fault}
          disabled={info?.emulator !== true}
          aria-describedby={`${id}-fault-help`}
          onChange={(event) => set('fault', event.target.value)}
        >
          <option value="">None</option>
          {info?.faults.map((fault) => (
            <option key={fault.id} value={fault.id}>
              {fault.label}
            </option>
          ))}
        </select>
        <p id={`${id}-fault-help`} className="help">
          {info?.emulator === false
            ? 'Faults need the emulator: this server talks to a real service.'
            : 'Sent with every request as x-emulator-fault; the server log below shows each attempt.'}
        </p>
        <fieldset className="toggles">
          <legend>Ask for</legend>
          <label>
            <input
              type="checkbox"
              checked={settings.tools}
              onChange={(event) => set('tools', event.target.checked)}
            />{' '}
            Tools (get_local_time runs here, book_table asks you first)
          </label>
          <label>
            <input
              type="checkbox"
              checked={settings.reasoning}
              onChange={(event) => set('reasoning', event.target.checked)}
            />{' '}
            Reasoning
          </label>
          <label>
            <input
              type="checkbox"
              checked={settings.structured}
              onChange={(event) => set('structured', event.target.checked)}
            />{' '}
            Structured output (a city profile)
          </label>
        </fieldset>
      </div>
    </details>
  )
}
