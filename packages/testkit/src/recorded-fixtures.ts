import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type FixtureStream, framePayloads } from './fixture-stream.js'

/**
 * Where the recorded streams live: `CHATWIRE_RECORDED_FIXTURES` if set, else `shared/fixtures/recorded/` beside
 * the repository (this file is in `<repo>/packages/testkit/src/`, the recordings in `<repo>/../shared/`).
 */
export const recordedFixturesDir: string =
  process.env.CHATWIRE_RECORDED_FIXTURES ??
  fileURLToPath(new URL('../../../../shared/fixtures/recorded/', import.meta.url))

const SUFFIX = '.chunks.jsonl'
let loaded: readonly FixtureStream[] | undefined

/**
 * Every recorded stream (`<provider>-<scenario>.chunks.jsonl`, one chunk per line), named `recorded/<file stem>`,
 * sorted by name. Empty when the folder is missing: tests that need recordings must then skip and say why
 * (see {@link recordedFixturesSkipReason}). The files are read once.
 */
export function recordedFixtures(): readonly FixtureStream[] {
  if (loaded !== undefined) return loaded
  if (!existsSync(recordedFixturesDir)) {
    loaded = []
    return loaded
  }
  const files = readdirSync(recordedFixturesDir)
    .filter((file) => file.endsWith(SUFFIX))
    .sort()
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

/** The recorded stream named `recorded/<stem>`, or `undefined` when the recordings are missing. */
export function recordedFixture(stem: string): FixtureStream | undefined {
  return recordedFixtures().find((fixture) => fixture.name === `recorded/${stem}`)
}

/** Why tests of recordings are skipped, or `undefined` when recordings are present. */
export function recordedFixturesSkipReason(): string | undefined {
  return recordedFixtures().length > 0 ? undefined : `no recorded streams in ${recordedFixturesDir}`
}
