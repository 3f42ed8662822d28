import { useState } from 'react'
import { AttemptLog } from './AttemptLog.js'
import { Chat } from './Chat.js'
import { SettingsPanel } from './SettingsPanel.js'
import { DEFAULT_SETTINGS, type Settings } from './settings.js'
import { useServiceInfo } from './use-service-info.js'

/** The demo page: who answers, the settings, the chat, and the server's attempts. */
export function App() {
  const info = useServiceInfo()
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS)
  const [turns, setTurns] = useState(0)
  return (
    <div className="page">
      <header className="header">
        <h1>chatwire demo</h1>
        <p className="service" data-testid="service">
          Talking to <strong>{info?.label ?? '…'}</strong>
          {info?.emulator === false ? ' (through this server: the key stays there)' : ''}
        </p>
      </header>
      <SettingsPanel info={info} settings={settings} onChange={setSettings} />
      <main className="main">
        <Chat settings={settings} onTurnEnd={() => setTurns((count) => count + 1)} />
      </main>
      <AttemptLog refresh={turns} />
    </div>
  )
}
