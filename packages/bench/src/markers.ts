import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Puts `block` between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`, or appends the pair. */
export function replaceBetweenMarkers(document: string, name: string, block: string): string {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const section = `${start}\n${block}\n${end}`
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from === -1 || to < from) return `${document.trimEnd()}\n\n${section}\n`
  return document.slice(0, from) + section + document.slice(to + end.length)
}

/**
 * Writes each `[name, block]` between its markers in the workspace's BENCHMARKS.md (found upwards from `from`,
 * a package's root) and returns the file's path.
 */
export function writeBenchmarkSections(
  from: string,
  sections: readonly (readonly [string, string])[],
): string {
  const file = join(workspaceRoot(from), 'BENCHMARKS.md')
  let document = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  for (const [name, block] of sections) document = replaceBetweenMarkers(document, name, block)
  writeFileSync(file, document)
  return file
}

function workspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir
    if (dirname(dir) === dir) return from
  }
}
