// createFetchClient → stream() → content deltas → final(): a browser talking to its own backend route.
import { createFetchClient } from '@chatwire/fetch'

const chat = createFetchClient({ url: '/api/chat' })
const stream = chat.stream({ messages: [{ role: 'user', content: 'Hello' }] })
for await (const event of stream) if (event.type === 'content.delta') document.body.append(event.delta)
const { text, outcome } = await stream.final()
console.log(outcome.type, text)
