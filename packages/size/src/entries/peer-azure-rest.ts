// `@azure-rest/ai-inference`: a streamed POST /chat/completions read with `@azure/core-sse`, as its docs do.

import { AzureKeyCredential } from '@azure/core-auth'
import { createSseStream } from '@azure/core-sse'
import ModelClient from '@azure-rest/ai-inference'

const client = ModelClient('https://example.services.ai.azure.com/models', new AzureKeyCredential('key'))
const response = await client
  .path('/chat/completions')
  .post({ body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }], stream: true } })
  .asBrowserStream()
if (response.body === undefined) throw new Error('no body')
let text = ''
let finish: string | null = null
for await (const event of createSseStream(response.body)) {
  if (event.data === '[DONE]') break
  for (const choice of JSON.parse(event.data).choices) {
    const delta: string | undefined = choice.delta?.content
    if (delta) {
      text += delta
      document.body.append(delta)
    }
    finish = choice.finish_reason ?? finish
  }
}
console.log(finish, text)
