// @vitest-environment node
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import * as core from '@chatwire/core'
import * as coreSchema from '@chatwire/core/schema'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url))

/** The names `import(entry)` gives in a fresh Node process of the built package under `conditions`. */
async function exportedNames(conditions: string[], entry = '@chatwire/react'): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    [
      ...conditions.map((condition) => `--conditions=${condition}`),
      '--input-type=module',
      '-e',
      `console.log(JSON.stringify(Object.keys(await import('${entry}')).sort()))`,
    ],
    // The package imports itself by name from its folder: its exports map and its `dist`, as npm installs it.
    { cwd: PACKAGE_DIR },
  )
  return JSON.parse(stdout) as string[]
}

describe('the built package under the react-server condition', () => {
  it('imports (React Server Components, route handlers): all of core, without the hooks', async () => {
    const names = await exportedNames(['react-server'])
    expect(names).toEqual(Object.keys(core).sort())
    expect(names).toEqual(expect.arrayContaining(['createChat', 'ChatBusyError', 'ChatError']))
    expect(names).not.toContain('useChat')
  })

  it('imports the /schema entry too', async () => {
    expect(await exportedNames(['react-server'], '@chatwire/react/schema')).toEqual(
      Object.keys(coreSchema).sort(),
    )
  })

  it('elsewhere the same entry has the hooks beside core', async () => {
    const names = await exportedNames([])
    expect(names).toEqual([...Object.keys(core), 'useChat', 'useChatMessage', 'useChatSelector'].sort())
  })
})
