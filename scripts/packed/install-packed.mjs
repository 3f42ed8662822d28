// CI: installs the packed tarballs into fresh projects outside the workspace and runs code against them.
// - npm: every tarball, then smoke.mjs (plain JS), smoke.ts (type-checked with strict options, then run), and
//   the emulator README's test example under vitest, as a user's own test file;
// - pnpm (strict layout): @chatwire/openai alone, then strict.mjs (core's API through the adapter only).
// Third-party dependencies come from the registry; ours only from the tarballs (overrides pin them there).
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packAll, root } from './publishable.mjs'

const work = mkdtempSync(join(tmpdir(), 'chatwire-install-'))
const smoke = join(import.meta.dirname, 'smoke')
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const run = (command, args, cwd) => {
  console.log(`$ ${command} ${args.join(' ')}`)
  execFileSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  })
}

/** The ```ts block of apps/emulator/README.md's "In your own tests" section. */
function readmeTestExample() {
  const readme = readFileSync(join(root, 'apps', 'emulator', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## In your own tests'))
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
  if (block === undefined)
    throw new Error('apps/emulator/README.md has no ts block under "In your own tests"')
  return block
}

try {
  const tarballs = join(work, 'tarballs')
  mkdirSync(tarballs)
  const packed = packAll(tarballs)
  const local = Object.fromEntries(packed.map((pkg) => [pkg.name, `file:${pkg.tarball}`]))

  const npmProject = join(work, 'npm-app')
  mkdirSync(npmProject)
  writeFileSync(
    join(npmProject, 'package.json'),
    JSON.stringify({
      name: 'npm-app',
      private: true,
      type: 'module',
      dependencies: local,
      devDependencies: {
        typescript: rootManifest.devDependencies.typescript,
        '@types/node': rootManifest.devDependencies['@types/node'],
        vitest: rootManifest.devDependencies.vitest,
      },
      overrides: local,
    }),
  )
  for (const file of ['smoke.mjs', 'smoke.ts', 'tsconfig.json'])
    copyFileSync(join(smoke, file), join(npmProject, file))
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], npmProject)
  writeFileSync(join(npmProject, 'readme.test.ts'), readmeTestExample())
  run('node', ['smoke.mjs'], npmProject)
  run(join(npmProject, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], npmProject)
  run('node', ['out/smoke.js'], npmProject)
  run(join(npmProject, 'node_modules', '.bin', 'vitest'), ['run', 'readme.test.ts'], npmProject)

  const pnpmProject = join(work, 'pnpm-app')
  mkdirSync(pnpmProject)
  writeFileSync(
    join(pnpmProject, 'package.json'),
    JSON.stringify({
      name: 'pnpm-app',
      private: true,
      type: 'module',
      dependencies: { '@chatwire/openai': local['@chatwire/openai'] },
      pnpm: { overrides: local },
    }),
  )
  copyFileSync(join(smoke, 'strict.mjs'), join(pnpmProject, 'strict.mjs'))
  run(
    'pnpm',
    ['install', '--prefer-offline', '--ignore-workspace', '--config.node-linker=isolated'],
    pnpmProject,
  )
  run('node', ['strict.mjs'], pnpmProject)
} finally {
  rmSync(work, { recursive: true, force: true })
}
