import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type FixtureStream, framePayloads } from './fixture-stream.js'

/** Where the recorded streams live, inside the repository: `packages/testkit/fixtures/recorded/`. */
export const recordedFixturesDir: string = fileURLToPath(new URL('../fixtures/recorded/', import.meta.url))

const SUFFIX = '.chunks.jsonl'
let loaded: readonly FixtureStream[] | undefined

/**
 * Every recorded stream (`<provider>-<scenario>.chunks.jsonl`, one chunk per line), named `recorded/<file stem>`,
 * sorted by name. The files are read once; a missing folder or an empty one throws, so no test can pass by
 * having nothing to check.
 */
export function recordedFixtures(): readonly FixtureStream[] {
  if (loaded !== undefined) return loaded
  const files = readdirSync(recordedFixturesDir)
    .filter((file) => file.endsWith(SUFFIX))
    .sort()
  if (files.length === 0) throw new Error(`no recorded streams in ${recordedFixturesDir}`)
  loaded = files.map((file) => {
    const text = readFileSync(`${recordedFixturesDir}/${file}`, 'utf8')
    // Most recordings have no newline after the last line; some do. Empty lines are not chunks.
    const lines = text.split('\n').filter((line) => line.trim() !== '')
    return {
      name: `recorded/${file.slice(0, -SUFFIX.length)}`,
      origin: 'recorded' as const,
      description: `Recorded stream ${file} (see README.md beside it)`,
      chunks: lines.map((line) => JSON.parse(line) as object),
      // The original lines, byte for byte, so split-anywhere tests meet the real key order and UTF-8.
      sse: framePayloads(lines, { kind: 'done' }),
    }
  })
  return loaded
}

/** The recorded stream named `recorded/<stem>`; throws when there is no such recording. */
export function recordedFixture(stem: string): FixtureStream {
  const fixture = recordedFixtures().find((candidate) => candidate.name === `recorded/${stem}`)
  if (fixture === undefined) throw new Error(`no recording ${stem}${SUFFIX} in ${recordedFixturesDir}`)
  return fixture
}
