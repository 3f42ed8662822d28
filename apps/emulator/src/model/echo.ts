/** How each choice opens its echo; the variant (choice index plus seed) picks one, so `n` choices differ. */
const OPENERS = ['You said:', 'I heard:', 'Echo:', 'In your words:', 'Repeating after you:'] as const

/** The scripted model's default answer: the user's words, repeated after an opener. */
export function echoReply(userText: string, variant: number): string {
  if (userText === '') return 'Say something and I will repeat it back to you.'
  return `${OPENERS[modulo(variant, OPENERS.length)]} ${userText}`
}

export function modulo(value: number, length: number): number {
  return ((Math.trunc(value) % length) + length) % length
}
