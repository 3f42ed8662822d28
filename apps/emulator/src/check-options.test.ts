import { rejection } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { startTestEmulator } from './harness/test-emulator.js'
import type { EmulatorOptions } from './options.js'
import { startEmulator } from './server.js'

const MS = 'takes a number of milliseconds ≥ 0.'

describe('startEmulator options', () => {
  it.each<[EmulatorOptions, string]>([
    [{ tokenDelayMs: -1 }, `The emulator option tokenDelayMs ${MS}`],
    [{ latencyMs: Number.NaN }, `The emulator option latencyMs ${MS}`],
    [{ stallMs: -1 }, `The emulator option stallMs ${MS}`],
    [{ stallMs: Number.POSITIVE_INFINITY }, `The emulator option stallMs ${MS}`],
    [{ maxBodyBytes: 0 }, 'The emulator option maxBodyBytes takes a whole number of bytes ≥ 1.'],
    [{ maxConcurrentStreams: 1.5 }, 'The emulator option maxConcurrentStreams takes a whole number ≥ 0.'],
    [{ port: 70_000 }, 'The emulator option port takes a port from 0 to 65535 (0: any free port).'],
    [{ host: '' }, 'The emulator option host takes a host name or an IP address.'],
    [{ models: [] }, 'The emulator option models takes a list of at least one non-empty model name.'],
    [
      { models: ['gpt-4o', ''] },
      'The emulator option models takes a list of at least one non-empty model name.',
    ],
    [{ deployments: {} }, 'The emulator option deployments takes at least one deployment'],
    [
      { inferenceModels: [] },
      'The emulator option inferenceModels takes a list of at least one { name, provider }',
    ],
    [{ keys: [] }, 'The emulator option keys takes a list of non-empty keys; leave it out to accept any'],
    [{ keys: [''] }, 'The emulator option keys takes a list of non-empty keys; leave it out to accept any'],
    [{ cors: 'yes' as unknown as boolean }, 'The emulator option cors takes true or false.'],
    [{ strictRequests: 1 as unknown as boolean }, 'The emulator option strictRequests takes true or false.'],
    [{ log: 'console' as unknown as () => void }, 'The emulator option log takes a function of one line.'],
  ])('refuses %j at start, naming the option', async (options, message) => {
    await expect(startEmulator({ port: 0, ...options })).rejects.toThrow(message)
    await expect(startTestEmulator(options)).rejects.toThrow(message)
  })

  it('never quotes a key it refuses', async () => {
    const error = await rejection<Error>(startEmulator({ keys: ['sk-good-one', ' '] }))
    expect(error).toBeInstanceOf(TypeError)
    expect(error.message).not.toContain('sk-good')
  })

  it('starts with the edge values a test may want', async () => {
    const emulator = await startEmulator({
      port: 0,
      tokenDelayMs: 0,
      latencyMs: 0,
      stallMs: 0,
      maxBodyBytes: 1,
      maxConcurrentStreams: 0,
      keys: ['k'],
      models: ['m'],
    })
    await emulator.close()
    expect(emulator.port).toBeGreaterThan(0)
  })
})
