// The structured-output task of docs/loc-comparison.md, written with chatwire: type-checked by CI.
import { completeObject } from '@chatwire/core'
import { createOpenAI } from '@chatwire/openai'
import { z } from 'zod'

const Person = z.strictObject({ name: z.string(), age: z.number(), hobbies: z.array(z.string()) })

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY })
const { object, outcome } = await completeObject(
  openai,
  { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Ada Lovelace, 36, loves poetry and maths' }] },
  { schema: Person, name: 'person', strict: true },
)
if (object) console.log(object.name, object.age, object.hobbies)
else console.log(outcome.type === 'refusal' ? outcome.refusal : outcome.type)
