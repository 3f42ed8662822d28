import { createFetchClient } from '@chatwire/fetch'
import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it } from 'vitest'
import { useChat } from './use-chat.js'

const messages = [{ role: 'user' as const, content: 'Hello there' }]
const containers: HTMLElement[] = []
afterEach(() => {
  for (const container of containers.splice(0)) container.remove()
})

/** Two chats without an id, as a page may hold: each shows its id as text (a mismatch there is an error). */
function Page() {
  return (
    <main>
      <Thread />
      <Thread />
    </main>
  )
}

function Thread() {
  const { id, messages: thread } = useChat({ client: createFetchClient({ url: '/api/chat' }), messages })
  return (
    <section>
      <h2>{id}</h2>
      {thread.map((message) => (
        <p key={message.id}>{message.content}</p>
      ))}
    </section>
  )
}

describe('hydration', () => {
  it('a chat made without an id gets the same id on the server and in the browser: no mismatch', async () => {
    const html = renderToString(<Page />)
    const container = document.createElement('div')
    containers.push(container)
    container.innerHTML = html
    document.body.append(container)
    const recovered: unknown[] = []
    const root = await act(async () =>
      hydrateRoot(container, <Page />, { onRecoverableError: (error) => recovered.push(error) }),
    )
    expect(recovered).toEqual([])
    expect(container.innerHTML).toBe(html)
    // Each chat has an id of its own.
    const ids = [...container.querySelectorAll('h2')].map((heading) => heading.textContent)
    expect(new Set(ids).size).toBe(2)
    act(() => root.unmount())
  })
})
