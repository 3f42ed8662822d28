// Sums vitest's "Tests  N failed | M passed" lines from a turbo log and prints the CI total.
// Usage: node scripts/count-tests.mjs <log> <failed-steps>
import { readFileSync } from 'node:fs'

const [log, failedSteps = '0'] = process.argv.slice(2)
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters
const text = readFileSync(log, 'utf8').replace(/\u001b\[[0-9;]*m/g, '')
let passed = 0
let failed = 0
let files = 0
for (const line of text.split('\n')) {
  const tests = /\bTests\s+(.*)\((\d+)\)\s*$/.exec(line)
  if (tests?.[1]) {
    passed += Number(/(\d+) passed/.exec(tests[1])?.[1] ?? 0)
    failed += Number(/(\d+) failed/.exec(tests[1])?.[1] ?? 0)
  }
  const testFiles = /\bTest Files\s+(\d+) failed/.exec(line)
  if (testFiles?.[1]) files += Number(testFiles[1])
}
// A test file that fails to load has no failed test; a red lint or build step has none either.
failed = Math.max(failed, files) + Number(failedSteps)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
