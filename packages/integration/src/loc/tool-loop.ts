// The tool-loop task of docs/loc-comparison.md, written with chatwire: type-checked by CI.
import { runTools, tool } from '@chatwire/core'
import { createOpenAI } from '@chatwire/openai'
import { z } from 'zod'

const weather = tool({
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, sky: 'sunny', celsius: 21 }),
})

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY })
const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Weather in Paris and Tokyo?' }],
}
const { text } = await runTools(openai, request, { tools: [weather], maxSteps: 5 }).final()
console.log(text)
