import { type Emulator, startEmulator } from '@chatwire/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './testing/cli-process.js'

const SECRET = 'sk-test-0123456789abcdefSECRET'

describe('bad command lines exit 2 with a message on stderr', () => {
  it.each([
    [['--bogus', 'hi'], "Unknown option '--bogus'"],
    [['--dialect', 'klingon', 'hi'], '--dialect must be one of openai, azure, inference'],
    [['-t', 'hot', 'hi'], '--temperature must be a number from 0 to 2'],
    [['-t', '3', 'hi'], '--temperature must be a number from 0 to 2'],
    [['--max-tokens', '0', 'hi'], '--max-tokens must be a whole number from 1'],
    [['-m', 'gpt-4o', '--deployment', 'other', 'hi'], '--model and --deployment name the same thing'],
    [['--model'], "Option '-m, --model <value>' argument missing"],
    [['-m', '', 'hi'], '--model is empty: give it a value, or leave the flag out'],
    [['--system=', 'hi'], '--system is empty'],
    // --fault is checked by the emulator's own parser before anything is sent.
    [['--fault', 'bogus', 'hi'], "--fault: Unknown emulator fault 'bogus'. Known faults: rate_limit,"],
    [['--fault', 'cut;after=-1', 'hi'], '--fault: The after parameter of the emulator fault cut takes'],
    [['-d', 'azure', '-m', 'a/b', 'hi'], '--model must be the name of your model deployment'],
  ])('%j', async (args, message) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(message)
    expect(run.stderr).toContain('Run with --help')
  })

  it('--help prints the usage and the exit codes, exit 0', async () => {
    const run = await runCli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage:')
    expect(run.stdout).toContain('Exit codes: 0 answered')
  })
})

describe('configuration from the environment', () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keys: [SECRET] })
  })
  afterAll(() => emulator.close())

  it('talks to the service OPENAI_BASE_URL and OPENAI_API_KEY name', async () => {
    emulator.reset()
    const env = { OPENAI_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: SECRET, OPENAI_MODEL: 'gpt-4o' }
    const run = await runCli(['--json', 'Hello there'], { env })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).model).toBe('gpt-4o')
    expect(emulator.requests.map((request) => [request.path, request.status])).toEqual([
      ['/v1/chat/completions', 200],
    ])
  })

  it('talks to Azure OpenAI with AZURE_OPENAI_ENDPOINT, _API_KEY and _DEPLOYMENT', async () => {
    emulator.reset()
    const env = {
      AZURE_OPENAI_ENDPOINT: emulator.url,
      AZURE_OPENAI_API_KEY: SECRET,
      AZURE_OPENAI_DEPLOYMENT: 'gpt-4o',
    }
    const run = await runCli(['Hello there'], { env })
    expect(run).toMatchObject({ code: 0, stdout: 'You said: Hello there\n' })
    expect(emulator.requests[0]?.path).toBe('/openai/deployments/gpt-4o/chat/completions')
  })

  it('talks to Model Inference with AZURE_INFERENCE_ENDPOINT and _API_KEY', async () => {
    emulator.reset()
    const env = { AZURE_INFERENCE_ENDPOINT: emulator.url, AZURE_INFERENCE_API_KEY: SECRET }
    const run = await runCli(['Hello there'], { env })
    expect(run).toMatchObject({ code: 0, stdout: 'You said: Hello there\n' })
    expect(emulator.requests[0]?.dialect).toBe('model-inference')
  })

  it('--fault with a real service: exit 3', async () => {
    const run = await runCli(['--fault', 'reset', 'hi'], { env: { OPENAI_API_KEY: SECRET } })
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('--fault works on the emulator only, and this talks to OpenAI')
    expect(run.stdout + run.stderr).not.toContain(SECRET)
  })

  it('--emulator answers from the in-process emulator whatever the environment says', async () => {
    emulator.reset()
    const run = await runCli(['--emulator', 'Hello there'], {
      env: { OPENAI_BASE_URL: `${emulator.url}/v1` },
    })
    expect(run.code).toBe(0)
    expect(emulator.requests).toEqual([])
  })

  it('a rejected key: exit 1, and the key appears nowhere in the output', async () => {
    const wrong = 'sk-wrong-0123456789abcdefWRONGKEY'
    const env = { OPENAI_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: wrong }
    for (const args of [['Hello there'], ['--json', 'Hello there']]) {
      const run = await runCli(args, { env })
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('error (AuthenticationError)')
      expect(run.stdout + run.stderr).not.toContain(wrong)
      expect(run.stdout + run.stderr).not.toContain('WRONGKEY')
    }
  })

  it.each([
    [
      { AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_API_KEY: SECRET },
      'AZURE_OPENAI_DEPLOYMENT is not set',
    ],
    [
      { AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' },
      'AZURE_OPENAI_API_KEY is not set',
    ],
    [{ AZURE_INFERENCE_API_KEY: SECRET }, 'AZURE_INFERENCE_ENDPOINT is not set'],
    [{ OPENAI_BASE_URL: `ftp://${SECRET}@example.com` }, 'OPENAI_BASE_URL is not an http(s) URL'],
    // Any one of a service's variables chooses it: alone, it is half a setup, not a silent emulator.
    [{ AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' }, 'AZURE_OPENAI_ENDPOINT is not set'],
    [{ AZURE_OPENAI_API_VERSION: '2024-10-21' }, 'AZURE_OPENAI_ENDPOINT is not set'],
    [{ AZURE_INFERENCE_MODEL: 'DeepSeek-R1' }, 'AZURE_INFERENCE_ENDPOINT is not set'],
    [{ OPENAI_MODEL: 'gpt-4o' }, 'OPENAI_API_KEY is not set'],
    // What the adapters refuse (a TypeError there) is named by its variable here.
    [
      { OPENAI_BASE_URL: `http://user:${SECRET}@127.0.0.1:4177/v1`, OPENAI_API_KEY: 'x' },
      'OPENAI_BASE_URL must not hold a user name or password',
    ],
    [
      {
        AZURE_OPENAI_ENDPOINT: `https://user:${SECRET}@contoso.openai.azure.com`,
        AZURE_OPENAI_API_KEY: 'x',
        AZURE_OPENAI_DEPLOYMENT: 'gpt-4o',
      },
      'AZURE_OPENAI_ENDPOINT must not hold a user name or password',
    ],
    [
      {
        AZURE_INFERENCE_ENDPOINT: `https://user:${SECRET}@contoso.services.ai.azure.com/models`,
        AZURE_INFERENCE_API_KEY: 'x',
      },
      'AZURE_INFERENCE_ENDPOINT must not hold a user name or password',
    ],
    [{ OPENAI_API_KEY: `${SECRET}\nmore` }, 'OPENAI_API_KEY contains a line break or NUL'],
    [
      {
        AZURE_INFERENCE_ENDPOINT: 'https://contoso.services.ai.azure.com/models',
        AZURE_INFERENCE_API_KEY: `${SECRET}\r`,
      },
      'AZURE_INFERENCE_API_KEY contains a line break or NUL',
    ],
  ])('half a configuration: exit 3, the variable named, no value shown (%j)', async (env, message) => {
    const run = await runCli(['hi'], { env })
    expect(run.code).toBe(3)
    expect(run.stderr).toContain(`chatwire: ${message}`)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.stdout + run.stderr).not.toContain(SECRET)
  })
})
