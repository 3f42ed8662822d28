import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'

/** What a bundle weighs, and which inputs its minified bytes come from (for `--explain`). */
export interface Measured {
  minified: number
  gzip: number
  inputs: { path: string; bytes: number }[]
}

/** Packages a browser app provides itself; a React entry is measured without React. */
const EXTERNAL = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime']

/**
 * Bundles `entry` as a browser app's build does: ESM, minified, tree-shaken, `browser` conditions, packages
 * resolved to what npm installs (chatwire's built `dist`, not its sources), then gzips it at level 9.
 */
export async function measure(entry: string): Promise<Measured> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
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
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${entry}`)
  return {
    minified: output.contents.byteLength,
    gzip: gzipSync(output.contents, { level: 9 }).byteLength,
    inputs: inputsOf(result.metafile),
  }
}

function inputsOf(metafile: Metafile): Measured['inputs'] {
  const inputs: Measured['inputs'] = []
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0) inputs.push({ path, bytes: bytesInOutput })
    }
  }
  return inputs.sort((a, b) => b.bytes - a.bytes)
}
