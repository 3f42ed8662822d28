import { readdirSync, readFileSync } from 'node:fs'
import { extname, join, relative } from 'node:path'

const SKIPPED = new Set(['node_modules', '.git', 'dist', '.turbo', 'coverage'])
const TEXT = new Set(['.md', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.yaml', '.yml', '.sh', ''])
// Written in two pieces so that this file does not name them itself.
const OUTSIDE = [`..${'/'}shared`, `/work${'/'}shared`]

/**
 * The files under `root` (outside `node_modules` and build output) that name a folder beside the clone, with
 * the line of each mention: a user's clone has nothing beside it.
 */
export function outsideReferences(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.blocks-')) walk(path)
      } else if (entry.isFile() && TEXT.has(extname(entry.name))) {
        for (const [index, line] of readFileSync(path, 'utf8').split('\n').entries()) {
          if (OUTSIDE.some((outside) => line.includes(outside)))
            found.push(`${relative(root, path)}:${index + 1}`)
        }
      }
    }
  }
  walk(root)
  return found
}
