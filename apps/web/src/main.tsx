import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

function App() {
  return <h1>chatwire</h1>
}

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
