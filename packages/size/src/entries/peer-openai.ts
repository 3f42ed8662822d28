// The `openai` package: chat.completions.stream() → content deltas → finalChatCompletion().
import OpenAI from 'openai'

const openai = new OpenAI({ apiKey: 'sk-test', dangerouslyAllowBrowser: true })
const stream = openai.chat.completions.stream({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello' }],
})
for await (const chunk of stream) {
  const delta = chunk.choices[0]?.delta?.content
  if (delta) document.body.append(delta)
}
const completion = await stream.finalChatCompletion()
console.log(completion.choices[0]?.finish_reason, completion.choices[0]?.message.content)
