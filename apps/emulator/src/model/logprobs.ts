import { hash } from './hash.js'

/** One entry of `logprobs.content`, in the OpenAI shape. */
export interface TokenLogprob {
  token: string
  logprob: number
  bytes: number[]
  top_logprobs: { token: string; logprob: number; bytes: number[] }[]
}

const ALTERNATIVES = [
  ' the',
  ' a',
  '.',
  ',',
  ' and',
  ' I',
  ' you',
  ' it',
  ' to',
  ' of',
  ' is',
  ' in',
  ' that',
]

/**
 * A made-up but stable log probability for `token` at `position`: the same request always gets the same
 * numbers, the chosen token is always the most likely of its `top` alternatives, and every value is ≤ 0.
 */
export function tokenLogprob(token: string, position: number, seed: number, top: number): TokenLogprob {
  const logprob = -(hash(`${seed}:${position}:${token}`) % 2000) / 1000
  const candidates = [token, token.trim().toUpperCase(), ...ALTERNATIVES].filter(
    (candidate, i, all) => candidate !== '' && all.indexOf(candidate) === i,
  )
  const top_logprobs = candidates.slice(0, Math.max(0, top)).map((candidate, rank) => ({
    token: candidate,
    logprob: rank === 0 ? logprob : round(logprob - 1 - rank * 0.75),
    bytes: bytesOf(candidate),
  }))
  return { token, logprob, bytes: bytesOf(token), top_logprobs }
}

function bytesOf(text: string): number[] {
  return [...new TextEncoder().encode(text)]
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
