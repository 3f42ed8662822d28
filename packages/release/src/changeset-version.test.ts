// `changeset version` on a copy of the workspace (its manifests and .changeset/ only), as a release runs it:
// every package a changeset names gets one new version (the linked group shares it), a changelog with every
// summary, and nothing else changes.
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..', '..')
const BUMPS = ['patch', 'minor', 'major'] as const
type Bump = (typeof BUMPS)[number]

interface Manifest {
  name: string
  version: string
  private?: boolean
  dependencies?: Record<string, string>
}

interface Changeset {
  file: string
  releases: Map<string, Bump>
  summary: string
}

function workspaceManifests(base: string): Map<string, { dir: string; manifest: Manifest }> {
  const found = new Map<string, { dir: string; manifest: Manifest }>()
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(base, group))) {
      const file = join(base, group, name, 'package.json')
      if (!existsSync(file)) continue
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
      found.set(manifest.name, { dir: join(group, name), manifest })
    }
  }
  return found
}

function readChangesets(): Changeset[] {
  const dir = join(root, '.changeset')
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8')
      const front = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)
      if (front === null) throw new Error(`${file}: no front matter`)
      const releases = new Map<string, Bump>()
      for (const line of (front[1] ?? '').split('\n')) {
        if (line.trim() === '') continue
        const release = /^'([^']+)': (patch|minor|major)$/.exec(line.trim())
        if (release === null) throw new Error(`${file}: not a release line: ${line}`)
        releases.set(release[1] as string, release[2] as Bump)
      }
      return { file, releases, summary: (front[2] ?? '').trim() }
    })
}

function bumped(version: string, bump: Bump): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number)
  if (bump === 'major') return `${major + 1}.0.0`
  if (bump === 'minor') return `${major}.${minor + 1}.0`
  return `${major}.${minor}.${patch + 1}`
}

const before = workspaceManifests(root)
const changesets = readChangesets()
let copy: string
let after: Map<string, { dir: string; manifest: Manifest }>

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'chatwire-release-'))
  for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(root, file), join(copy, file))
  cpSync(join(root, '.changeset'), join(copy, '.changeset'), { recursive: true })
  for (const { dir } of before.values()) {
    mkdirSync(join(copy, dir), { recursive: true })
    cpSync(join(root, dir, 'package.json'), join(copy, dir, 'package.json'))
  }
  // The changelog generator named in config.json is resolved from the copy.
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'))
  execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: copy, stdio: 'pipe' })
  after = workspaceManifests(copy)
}, 60_000)

afterAll(() => {
  if (copy !== undefined) rmSync(copy, { recursive: true, force: true })
})

describe('the changesets', () => {
  it('name only publishable packages of the workspace, each with a summary', () => {
    expect(changesets.length).toBeGreaterThan(0)
    for (const changeset of changesets) {
      expect(changeset.summary, changeset.file).not.toBe('')
      for (const name of changeset.releases.keys()) {
        expect(before.get(name)?.manifest.private, `${changeset.file}: ${name}`).not.toBe(true)
        expect(before.has(name), `${changeset.file}: ${name}`).toBe(true)
      }
    }
  })
})

describe('changeset version, on a copy', () => {
  const named = new Map<string, Bump>()
  for (const changeset of changesets) {
    for (const [name, bump] of changeset.releases) {
      const previous = named.get(name)
      if (previous === undefined || BUMPS.indexOf(bump) > BUMPS.indexOf(previous)) named.set(name, bump)
    }
  }

  it('gives the linked packages one version, the highest bump of any of them', () => {
    const expected = [...named].map(([name, bump]) => bumped(before.get(name)?.manifest.version ?? '', bump))
    const highest = expected.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1)
    for (const name of named.keys()) expect(after.get(name)?.manifest.version, name).toBe(highest)
  })

  it('leaves private packages and unnamed ones at their version, and workspace ranges as they are', () => {
    for (const [name, { manifest }] of before) {
      const next = after.get(name)?.manifest
      if (!named.has(name)) expect(next?.version, name).toBe(manifest.version)
      expect(next?.dependencies, name).toEqual(manifest.dependencies)
    }
  })

  it('writes each package a changelog with every summary that names it, under the new version', () => {
    for (const name of named.keys()) {
      const { dir, manifest } = after.get(name) ?? { dir: '', manifest: { version: '' } }
      const changelog = readFileSync(join(copy, dir, 'CHANGELOG.md'), 'utf8')
      expect(changelog.startsWith(`# ${name}\n\n## ${manifest.version}\n`), name).toBe(true)
      for (const changeset of changesets.filter((candidate) => candidate.releases.has(name))) {
        const firstLine = changeset.summary.split('\n')[0] ?? ''
        expect(changelog, `${name}: ${changeset.file}`).toContain(firstLine)
      }
    }
    for (const name of before.keys()) {
      if (!named.has(name)) {
        expect(existsSync(join(copy, before.get(name)?.dir ?? '', 'CHANGELOG.md')), name).toBe(false)
      }
    }
  })

  it('consumes the changesets', () => {
    const left = readdirSync(join(copy, '.changeset')).filter(
      (file) => file.endsWith('.md') && file !== 'README.md',
    )
    expect(left).toEqual([])
  })
})
