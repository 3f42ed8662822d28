// createOpenAI → stream() → content deltas → final(), as a browser app calls it.
import { createOpenAI } from '@chatwire/openai'

const openai = createOpenAI({ apiKey: 'sk-test', dangerouslyAllowBrowser: true })
const stream = openai.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] })
for await (const event of stream) if (event.type === 'content.delta') document.body.append(event.delta)
const { text, outcome } = await stream.final()
console.log(outcome.type, text)
