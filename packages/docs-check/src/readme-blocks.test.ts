import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkBlocks } from './check-blocks.js'
import { outsideReferences } from './outside-references.js'
import { extractBlocks, findReadmes, readmeBlocks } from './readme-blocks.js'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const root = join(packageDir, '..', '..')
const blocks = readmeBlocks(root)
const problems = checkBlocks(root, packageDir, blocks)

describe('README blocks', () => {
  it('are found in every README of the repository, the packages and the apps', () => {
    const readmes = findReadmes(root)
    expect(readmes).toEqual(
      expect.arrayContaining(['README.md', 'packages/core/README.md', 'apps/emulator/README.md']),
    )
    expect(readmes.some((readme) => readme.includes('node_modules'))).toBe(false)
    expect(new Set(blocks.map((block) => block.readme))).toContain('packages/openai/README.md')
  })

  it.each(blocks.map((block, index) => [`${block.readme}:${block.line}`, index] as const))(
    '%s type-checks as a whole program',
    (_where, index) => {
      const found = problems[index] ?? []
      expect(found.map(({ where, message }) => `${where}: ${message}`).join('\n')).toBe('')
    },
  )
})

describe('the repository', () => {
  it('names no folder beside the clone (a user has none)', () => {
    expect(outsideReferences(root)).toEqual([])
  })
})

describe('the checker', () => {
  const markdown = [
    '# x',
    '```ts',
    "import { createOpenAI } from '@chatwire/openai'",
    "const openai = createOpenAI({ apiKey: 'sk' })",
    "await openai.complete({ model: 'm', messages, temprature: 1 })",
    '```',
    '```sh',
    'pnpm example',
    '```',
    '````tsx',
    'const a = <p>{1}</p>',
    '```ts',
    'nested fence text',
    '````',
  ].join('\n')

  it('extracts ts and tsx blocks with the README line of their first line, skipping other languages', () => {
    expect(extractBlocks('x/README.md', markdown)).toEqual([
      {
        readme: 'x/README.md',
        line: 3,
        language: 'ts',
        code: markdown.split('\n').slice(2, 5).join('\n'),
      },
      {
        readme: 'x/README.md',
        line: 11,
        language: 'tsx',
        code: 'const a = <p>{1}</p>\n```ts\nnested fence text',
      },
    ])
  })

  it('reports a broken block at its README line, and passes a whole program', () => {
    const [broken, tsx] = extractBlocks('x/README.md', markdown)
    const [whole] = extractBlocks('y/README.md', readFileSync(join(root, 'apps/emulator/README.md'), 'utf8'))
    if (broken === undefined || tsx === undefined || whole === undefined) throw new Error('no blocks')
    const found = checkBlocks(root, packageDir, [
      broken,
      { ...tsx, code: 'export const a = <p>{1}</p>' },
      whole,
    ])
    expect(found[0]?.map(({ where, message }) => `${where} ${message.slice(0, 7)}`)).toEqual([
      'x/README.md:5:37 TS2552:',
      'x/README.md:5:47 TS2561:',
    ])
    expect(found[1]).toEqual([])
    expect(found[2]).toEqual([])
  })
})
