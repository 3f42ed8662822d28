// The workspace's publishable packages (every one not marked private), and packing them as npm would.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'

export const root = join(import.meta.dirname, '..', '..')

/** `{ name, dir }` of each package under packages/ and apps/ that is not private. */
export function publishablePackages() {
  const found = []
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      const dir = join(root, group, entry.name)
      let manifest
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      } catch {
        continue
      }
      if (manifest.private !== true) found.push({ name: manifest.name, dir })
    }
  }
  return found
}

/**
 * Packs every publishable package into `destination` with pnpm (which turns `workspace:*` into versions) and
 * returns `{ name, dir, tarball }` for each. The packages must be built.
 */
export function packAll(destination) {
  return publishablePackages().map((pkg) => {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: pkg.dir,
      encoding: 'utf8',
    })
    const line = out
      .trim()
      .split('\n')
      .findLast((text) => text.trim().endsWith('.tgz'))
    if (line === undefined) throw new Error(`pnpm pack printed no tarball for ${pkg.name}:\n${out}`)
    return { ...pkg, tarball: join(destination, basename(line.trim())) }
  })
}
