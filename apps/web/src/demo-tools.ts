import { type ChatTool, chatTools, tool } from '@chatwire/core'
import { toJsonSchema } from '@valibot/to-json-schema'
import * as v from 'valibot'

/** A few cities and their time zones: the browser's clock and `Intl` give the time there. */
const ZONES: Record<string, string> = {
  tokyo: 'Asia/Tokyo',
  paris: 'Europe/Paris',
  london: 'Europe/London',
  'new york': 'America/New_York',
  sydney: 'Australia/Sydney',
  berlin: 'Europe/Berlin',
}

/** Runs in the browser, as soon as its call is complete. */
export const localTime = tool({
  name: 'get_local_time',
  description: 'The local time in a city, from the browser clock',
  parameters: v.object({ city: v.pipe(v.string(), v.minLength(1)) }),
  toJsonSchema,
  execute: ({ city }) => {
    const zone = ZONES[city.trim().toLowerCase()]
    if (zone === undefined) throw new Error(`No time zone known for ${city}`)
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' })
    return { city, timeZone: zone, time: time.format(new Date()) }
  },
})

/** Runs once the person confirms (see {@link needsApproval}): the card shows Confirm and Decline. */
export const bookTable = tool({
  name: 'book_table',
  description: 'Books a table at a restaurant, once the user confirms',
  parameters: v.object({
    restaurant: v.pipe(v.string(), v.minLength(1)),
    guests: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12))),
  }),
  toJsonSchema,
  execute: ({ restaurant }, { toolCallId }) => ({
    confirmed: true,
    restaurant,
    reference: `BK-${toolCallId.slice(-6)}`,
  }),
})

/** The tools the demo gives the chat. */
export const DEMO_TOOLS = chatTools([localTime as ChatTool, bookTable as ChatTool])

/** Whether a call waits for the person's approval before its tool runs. */
export const needsApproval = (call: { name: string }) => call.name === bookTable.name
