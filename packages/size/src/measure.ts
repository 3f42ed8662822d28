import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'

/** What a bundle weighs, and which inputs its minified bytes come from (for `--explain`). */
export interface Measured {
  /** Minified bytes of what the page loads before it runs: the entry chunk and the chunks it imports. */
  minified: number
  /** The same, gzip level 9, each file on its own (as a server sends them). */
  gzip: number
  /** gzip bytes of the chunks loaded later by a dynamic `import()` (validation, the error path…), if called. */
  lazyGzip: number
  inputs: { path: string; bytes: number }[]
}

/** Packages a browser app provides itself; a React entry is measured without React. */
const EXTERNAL = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime']

/**
 * Bundles `entry` as a browser app's build does: ESM, minified, tree-shaken, split at dynamic imports,
 * `browser` conditions, packages resolved to what npm installs (chatwire's built `dist`, not its sources),
 * then gzips each file at level 9. The figure is what loads up front; lazy chunks are counted apart.
 */
export async function measure(entry: string): Promise<Measured> {
  const result = await build({
    entryPoints: { entry },
    bundle: true,
    write: false,
    outdir: 'out',
    splitting: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    external: EXTERNAL,
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const { metafile } = result
  const byPath = new Map(result.outputFiles.map((file) => [relativeOut(file.path), file.contents]))
  const initial = new Set<string>()
  const visit = (path: string) => {
    if (initial.has(path)) return
    initial.add(path)
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path)
    }
  }
  // The chunks of dynamic imports are entry points too: the entry is the output named after `entryPoints`.
  const entryOutput = 'out/entry.js'
  if (metafile.outputs[entryOutput] === undefined) throw new Error(`esbuild wrote no entry for ${entry}`)
  visit(entryOutput)
  let minified = 0
  let gzip = 0
  let lazyGzip = 0
  for (const [path, contents] of byPath) {
    if (!path.endsWith('.js')) continue
    const zipped = gzipSync(contents, { level: 9 }).byteLength
    if (initial.has(path)) {
      minified += contents.byteLength
      gzip += zipped
    } else {
      lazyGzip += zipped
    }
  }
  return { minified, gzip, lazyGzip, inputs: inputsOf(metafile, initial) }
}

/** esbuild names outputs `out/…` in the metafile and by absolute path in `outputFiles`. */
function relativeOut(path: string): string {
  return `out/${path.split('/out/').at(-1)}`
}

function inputsOf(metafile: Metafile, initial: ReadonlySet<string>): Measured['inputs'] {
  const inputs: Measured['inputs'] = []
  for (const [output, { inputs: contributions }] of Object.entries(metafile.outputs)) {
    if (!initial.has(output)) continue
    for (const [path, { bytesInOutput }] of Object.entries(contributions)) {
      if (bytesInOutput > 0) inputs.push({ path, bytes: bytesInOutput })
    }
  }
  return inputs.sort((a, b) => b.bytes - a.bytes)
}
