import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { expect, it } from 'vitest'

// The test script runs every test twice: on React 19 (vitest.config.ts) and on React 18 (vitest.react18.config.ts).
it('runs on the React the config asks for, react-dom alike', () => {
  const expected = process.env.CHATWIRE_REACT === '18' ? '18.' : '19.'
  expect(version.startsWith(expected)).toBe(true)
  expect(domVersion).toBe(version)
})
