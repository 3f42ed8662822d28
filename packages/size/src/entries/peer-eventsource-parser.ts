// `eventsource-parser` with fetch, TextDecoder and JSON.parse: the SSE framing alone, text added up by hand.
import { createParser } from 'eventsource-parser'

const response = await fetch('https://api.openai.com/v1/chat/completions', {
  method: 'POST',
  headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
  body: JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hello' }],
    stream: true,
  }),
})
if (response.body === null) throw new Error('no body')
let text = ''
let finish: string | null = null
const parser = createParser({
  onEvent(event) {
    if (event.data === '[DONE]') return
    for (const choice of JSON.parse(event.data).choices) {
      const delta: string | undefined = choice.delta?.content
      if (delta) {
        text += delta
        document.body.append(delta)
      }
      finish = choice.finish_reason ?? finish
    }
  },
})
const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
for (let read = await reader.read(); !read.done; read = await reader.read()) parser.feed(read.value)
console.log(finish, text)
