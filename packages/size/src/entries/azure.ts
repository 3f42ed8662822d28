// createAzureOpenAI → stream() → content deltas → final().
import { createAzureOpenAI } from '@chatwire/azure'

const azure = createAzureOpenAI({
  endpoint: 'https://example.openai.azure.com',
  deployment: 'gpt-4o-mini',
  apiKey: 'azure-key',
  dangerouslyAllowBrowser: true,
})
const stream = azure.stream({ messages: [{ role: 'user', content: 'Hello' }] })
for await (const event of stream) if (event.type === 'content.delta') document.body.append(event.delta)
const { text, outcome } = await stream.final()
console.log(outcome.type, text)
