import {
  azureAsyncFilterAnnotations,
  azureContentFilterFinish,
  modelInferenceToolCallsWithoutIndex,
} from './azure-fixtures.js'
import { errorEventMidStream, errorPayloadMidStream, truncatedStream } from './broken-stream-fixtures.js'
import type { FixtureStream } from './fixture-stream.js'
import {
  audioReply,
  logprobsContent,
  openaiChunkOrder,
  refusalWithLogprobs,
  twoChoicesInterleaved,
  usageOnlyLastChunk,
} from './openai-fixtures.js'
import { recordedFixtures } from './recorded-fixtures.js'
import { parallelToolCallsInterleaved } from './tool-call-fixtures.js'

export * from './azure-fixtures.js'
export * from './broken-stream-fixtures.js'
export { type FixtureExpectation, type FixtureStream, framePayloads, sseBytes } from './fixture-stream.js'
export * from './openai-fixtures.js'
export * from './recorded-fixtures.js'
export * from './tool-call-fixtures.js'

/** The streams written by hand from documented shapes, each with what a client should make of it. */
export const handMadeFixtures: readonly FixtureStream[] = [
  openaiChunkOrder,
  azureContentFilterFinish,
  azureAsyncFilterAnnotations,
  modelInferenceToolCallsWithoutIndex,
  parallelToolCallsInterleaved,
  twoChoicesInterleaved,
  logprobsContent,
  refusalWithLogprobs,
  audioReply,
  usageOnlyLastChunk,
  errorEventMidStream,
  errorPayloadMidStream,
  truncatedStream,
]

/** Every fixture stream: the hand-made ones, then the recordings (none when they are missing). */
export function allFixtures(): readonly FixtureStream[] {
  return [...handMadeFixtures, ...recordedFixtures()]
}
