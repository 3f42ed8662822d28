import type { ThreadMessageInit } from '@chatwire/core'

/** `count` messages of an older conversation, for seeing that a long chat stays responsive. */
export function longChat(count: number): ThreadMessageInit[] {
  return Array.from({ length: count }, (_, index): ThreadMessageInit => {
    const n = Math.floor(index / 2) + 1
    return index % 2 === 0
      ? { id: `long-${index}`, role: 'user', content: `Question ${n}: what is ${n} times ${n}?` }
      : { id: `long-${index}`, role: 'assistant', content: `${n} times ${n} is ${n * n}.` }
  })
}
