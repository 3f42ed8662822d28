import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** One ```ts or ```tsx block of a README: where it is and its code. */
export interface ReadmeBlock {
  /** The README's path from the repository root, with `/` separators. */
  readme: string
  /** The 1-based line of the README where the block's first line of code is. */
  line: number
  language: 'ts' | 'tsx'
  code: string
}

const SKIPPED = new Set(['node_modules', '.git', 'dist', '.turbo', 'coverage'])
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/

/** Every `README.md` under `root`, outside `node_modules` (and build output), sorted, relative to `root`. */
export function findReadmes(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.blocks-')) walk(join(dir, entry.name))
      } else if (entry.name === 'README.md') {
        found.push(relative(root, join(dir, entry.name)).split('\\').join('/'))
      }
    }
  }
  walk(root)
  return found.sort()
}

/** The ```ts and ```tsx blocks of a Markdown text; other fences (```sh, ```json, …) are skipped. */
export function extractBlocks(readme: string, markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = []
  const lines = markdown.split(/\r?\n/)
  let open: { fence: string; language: string; start: number; code: string[] } | undefined
  for (const [index, text] of lines.entries()) {
    const fence = FENCE.exec(text)
    if (open === undefined) {
      if (fence) open = { fence: fence[2] ?? '', language: fence[3] ?? '', start: index + 2, code: [] }
    } else if (fence && (fence[2] ?? '').startsWith(open.fence) && (fence[3] ?? '') === '') {
      if (open.language === 'ts' || open.language === 'tsx')
        blocks.push({ readme, line: open.start, language: open.language, code: open.code.join('\n') })
      open = undefined
    } else {
      open.code.push(text)
    }
  }
  return blocks
}

/** The blocks of every README under `root`. */
export function readmeBlocks(root: string): ReadmeBlock[] {
  return findReadmes(root).flatMap((readme) =>
    extractBlocks(readme, readFileSync(join(root, readme), 'utf8')),
  )
}
