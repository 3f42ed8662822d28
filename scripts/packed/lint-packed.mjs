// CI: packs every publishable package and runs publint (warnings are errors) and Are the Types Wrong
// (esm-only profile) on each tarball. Exits 1 when any of them complains.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packAll, root } from './publishable.mjs'

const destination = mkdtempSync(join(tmpdir(), 'chatwire-packed-'))
const bin = (name) => join(root, 'node_modules', '.bin', name)
let failed = 0
try {
  for (const pkg of packAll(destination)) {
    for (const [tool, args] of [
      ['publint', ['run', pkg.tarball, '--strict', '--pack', 'false']],
      [
        'attw',
        [pkg.tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-emoji', '--no-color'],
      ],
    ]) {
      try {
        execFileSync(bin(tool), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
        console.log(`${pkg.name}: ${tool} ok`)
      } catch (error) {
        failed++
        console.error(`${pkg.name}: ${tool} FAILED\n${error.stdout ?? ''}${error.stderr ?? ''}`)
      }
    }
  }
} finally {
  rmSync(destination, { recursive: true, force: true })
}
if (failed > 0) {
  console.error(`${failed} check(s) failed`)
  process.exit(1)
}
