import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The declarations `tsc -p tsconfig.build.json` writes, by path under `dist/`, kept in memory. */
function emitDeclarations(): Map<string, string> {
  const configPath = join(packageDir, 'tsconfig.build.json')
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )
  if (config === undefined) throw new Error('tsconfig.build.json does not parse')
  const options = { ...config.options, declaration: true, emitDeclarationOnly: true, noEmit: false }
  const program = ts.createProgram(config.fileNames, options)
  const outDir = options.outDir ?? join(packageDir, 'dist')
  const files = new Map<string, string>()
  program.emit(undefined, (fileName, text) => {
    if (fileName.endsWith('.d.ts')) files.set(normalize(fileName.slice(outDir.length + 1)), text)
  })
  return files
}

/** Every Node-only name the declarations a user's program loads from `entry` refer to. */
function nodeTypesReachable(files: Map<string, string>, entries: string[]): string[] {
  const seen = new Set<string>()
  const found: string[] = []
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const text = files.get(file)
    if (text === undefined) return void found.push(`${file} is not emitted`)
    if (/reference types="node"|\bNodeJS\.|\bBuffer\b/u.test(text)) found.push(`${file}: a Node global`)
    for (const [, specifier = ''] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/gu)) {
      if (specifier.startsWith('node:')) found.push(`${file} imports ${specifier}`)
      else if (specifier.startsWith('.'))
        visit(normalize(join(dirname(file), specifier.replace(/\.js$/u, '.d.ts'))))
    }
  }
  for (const entry of entries) visit(entry)
  return found
}

describe('the published types', () => {
  it('need no @types/node: nothing reachable from the entry points names a Node type', () => {
    const files = emitDeclarations()
    expect(files.size).toBeGreaterThan(10)
    expect(nodeTypesReachable(files, ['index.d.ts', 'testing.d.ts'])).toEqual([])
  }, 60_000)
})
