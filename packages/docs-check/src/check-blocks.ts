import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import type { ReadmeBlock } from './readme-blocks.js'

/** A compiler message about a README block, at the README's own line. */
export interface BlockProblem {
  /** `packages/core/README.md:23`. */
  where: string
  message: string
}

/**
 * Type-checks each block as a whole program of its own (a module: its own imports, its own names) under the
 * repository's `tsconfig.base.json`, with the `@chatwire/source` condition so that packages resolve to their
 * source. The blocks are written to a temporary folder inside `packageDir`, whose `node_modules` resolves the
 * workspace packages, and removed afterwards. Returns the problems of each block, by block.
 */
export function checkBlocks(
  root: string,
  packageDir: string,
  blocks: readonly ReadmeBlock[],
): BlockProblem[][] {
  const dir = mkdtempSync(join(packageDir, '.blocks-'))
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
    const files = blocks.map((block, index) => {
      const name = block.readme.replace(/[^\w]+/g, '-')
      const file = join(dir, `${String(index).padStart(3, '0')}-${name}-${block.line}.${block.language}`)
      writeFileSync(file, `${block.code}\n`)
      return file
    })
    const program = ts.createProgram(files, compilerOptions(root))
    return files.map((file, index) => {
      const block = blocks[index] as ReadmeBlock
      const source = program.getSourceFile(file)
      const diagnostics = [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ]
      return diagnostics.map((diagnostic) => problemOf(block, diagnostic))
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function compilerOptions(root: string): ts.CompilerOptions {
  const base = join(root, 'tsconfig.base.json')
  const { config, error } = ts.readConfigFile(base, ts.sys.readFile)
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'))
  const { options, errors } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, base)
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0]?.messageText ?? '', '\n'))
  return {
    ...options,
    noEmit: true,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    types: ['node'],
    jsx: ts.JsxEmit.ReactJSX,
    // A block without imports is still a module of its own, so blocks never share names.
    moduleDetection: ts.ModuleDetectionKind.Force,
  }
}

function problemOf(block: ReadmeBlock, diagnostic: ts.Diagnostic): BlockProblem {
  const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
  if (diagnostic.file === undefined || diagnostic.start === undefined) {
    return { where: `${block.readme}:${block.line}`, message }
  }
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
  return { where: `${block.readme}:${block.line + line}:${character + 1}`, message }
}
