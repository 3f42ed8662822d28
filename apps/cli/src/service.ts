import { createAzureInference, createAzureOpenAI } from '@chatwire/azure'
import type { ChatClient, ChatClientOptions } from '@chatwire/core'
import { startEmulator } from '@chatwire/emulator'
import { createOpenAI } from '@chatwire/openai'

/** The three chat-completions dialects chatwire speaks. */
export const DIALECTS = ['openai', 'azure', 'inference'] as const

/** One of {@link DIALECTS}. */
export type Dialect = (typeof DIALECTS)[number]

/** A configuration that cannot work (a missing or malformed variable); the message names it, never its value. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  /** True when a flag (`--model`) is at fault rather than the environment. */
  readonly flag: boolean

  constructor(message: string, { flag = false }: { flag?: boolean } = {}) {
    super(message)
    this.flag = flag
  }
}

/** What to talk to: read from the environment unless forced onto the emulator. */
export interface ServiceOptions {
  /** The variables to read: `process.env` in a program. */
  env: Record<string, string | undefined>
  /** The dialect to speak; without it, the first service the environment configures, else `openai`. */
  dialect?: Dialect | undefined
  /** Use the in-process emulator even when the environment names a service. */
  emulator?: boolean | undefined
  /** The model (Azure OpenAI: the deployment); else `OPENAI_MODEL`, `AZURE_OPENAI_DEPLOYMENT`, `AZURE_INFERENCE_MODEL`. */
  model?: string | undefined
  /** The client's own options (retries, timeouts). */
  client?: Omit<ChatClientOptions, 'headers'> | undefined
}

/** A ready client and what it talks to. */
export interface Service {
  dialect: Dialect
  /** Who answers, for people: `OpenAI (https://api.openai.com/v1)`, `the emulator (azure dialect)`; never a credential. */
  label: string
  /** True when the answers come from the emulator, which takes `x-emulator-fault` headers. */
  emulator: boolean
  client: ChatClient
  /** The model (OpenAI, Model Inference) or deployment (Azure OpenAI) a request names unless told another. */
  model: string | undefined
  /** Stops the in-process emulator, if one was started. */
  close(): Promise<void>
}

/** A key the emulator accepts; not a secret. */
const EMULATOR_KEY = 'sk-emulator-local'

/**
 * Opens the service the environment configures (`OPENAI_API_KEY` / `OPENAI_BASE_URL`, `AZURE_OPENAI_ENDPOINT` +
 * `AZURE_OPENAI_API_KEY` + `AZURE_OPENAI_DEPLOYMENT`, `AZURE_INFERENCE_ENDPOINT` + `AZURE_INFERENCE_API_KEY`),
 * else starts the emulator in-process on a free loopback port. Throws {@link ConfigError} for a half-done setup.
 */
export async function openService(options: ServiceOptions): Promise<Service> {
  const env = options.env
  const dialect = options.dialect ?? configuredDialect(env) ?? 'openai'
  if (options.emulator !== true && configuredDialect(env, dialect) === dialect) {
    return { ...remote(dialect, env, options), emulator: false, close: async () => {} }
  }
  const emulator = await startEmulator({ port: 0, tokenDelayMs: 10 })
  return { ...emulatorService(dialect, emulator.url, options), close: () => emulator.close() }
}

/**
 * A client of an emulator at `url` in `dialect`, with the model or deployment given, else the environment's,
 * else the emulator's default.
 */
export function emulatorService(
  dialect: Dialect,
  url: string,
  { env = {}, model, client = {} }: Partial<Pick<ServiceOptions, 'env' | 'model' | 'client'>> = {},
): Omit<Service, 'close'> {
  const base = { dialect, emulator: true, label: `the emulator (${dialect} dialect, ${url})` }
  if (dialect === 'azure') {
    const deployment = model ?? env.AZURE_OPENAI_DEPLOYMENT ?? 'gpt-4o-mini'
    const names = { deployment: model === undefined ? 'AZURE_OPENAI_DEPLOYMENT' : '--model' }
    const azure = checked(names, () =>
      createAzureOpenAI({ ...client, endpoint: url, deployment, apiKey: EMULATOR_KEY }),
    )
    return { ...base, client: azure, model: deployment }
  }
  if (dialect === 'inference') {
    const inference = createAzureInference({ ...client, endpoint: url, apiKey: EMULATOR_KEY })
    return { ...base, client: inference, model: model ?? env.AZURE_INFERENCE_MODEL }
  }
  const openai = createOpenAI({ ...client, baseURL: `${url}/v1`, apiKey: EMULATOR_KEY })
  return { ...base, client: openai, model: model ?? env.OPENAI_MODEL ?? 'gpt-4o-mini' }
}

/** Each dialect's variables: any one of them set chooses the dialect, so that a half-done setup is refused. */
const VARIABLES: Record<Dialect, readonly string[]> = {
  openai: ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL'],
  azure: [
    'AZURE_OPENAI_ENDPOINT',
    'AZURE_OPENAI_API_KEY',
    'AZURE_OPENAI_DEPLOYMENT',
    'AZURE_OPENAI_API_VERSION',
  ],
  inference: ['AZURE_INFERENCE_ENDPOINT', 'AZURE_INFERENCE_API_KEY', 'AZURE_INFERENCE_MODEL'],
}

/**
 * The dialect any of whose variables is set (`only`: just that one); `undefined` when none is. OpenAI goes
 * first, then Azure OpenAI, then Model Inference.
 */
export function configuredDialect(env: ServiceOptions['env'], only?: Dialect): Dialect | undefined {
  return DIALECTS.find(
    (dialect) =>
      (only === undefined || only === dialect) && VARIABLES[dialect].some((name) => (env[name] ?? '') !== ''),
  )
}

function remote(
  dialect: Dialect,
  env: ServiceOptions['env'],
  { model: wanted, client = {} }: ServiceOptions,
): Pick<Service, 'dialect' | 'label' | 'client' | 'model'> {
  const need = (name: string): string => {
    const value = env[name]
    if (value === undefined || value === '') {
      throw new ConfigError(`${name} is not set (it is needed with ${neededWith(dialect)})`)
    }
    return value
  }
  if (dialect === 'azure') {
    const endpoint = url('AZURE_OPENAI_ENDPOINT', need('AZURE_OPENAI_ENDPOINT'))
    const deployment = wanted ?? need('AZURE_OPENAI_DEPLOYMENT')
    const apiKey = need('AZURE_OPENAI_API_KEY')
    const names = {
      endpoint: 'AZURE_OPENAI_ENDPOINT',
      apiKey: 'AZURE_OPENAI_API_KEY',
      deployment: wanted === undefined ? 'AZURE_OPENAI_DEPLOYMENT' : '--model',
      apiVersion: 'AZURE_OPENAI_API_VERSION',
    }
    const apiVersion = env.AZURE_OPENAI_API_VERSION || undefined
    const azure = checked(names, () =>
      createAzureOpenAI({ ...client, endpoint, deployment, apiKey, apiVersion }),
    )
    return {
      dialect,
      client: azure,
      model: deployment,
      label: `Azure OpenAI (${shown(endpoint)}, ${deployment})`,
    }
  }
  if (dialect === 'inference') {
    const endpoint = url('AZURE_INFERENCE_ENDPOINT', need('AZURE_INFERENCE_ENDPOINT'))
    const model = wanted ?? (env.AZURE_INFERENCE_MODEL || undefined)
    const apiKey = need('AZURE_INFERENCE_API_KEY')
    const names = {
      endpoint: 'AZURE_INFERENCE_ENDPOINT',
      apiKey: 'AZURE_INFERENCE_API_KEY',
      model: wanted === undefined ? 'AZURE_INFERENCE_MODEL' : '--model',
    }
    const inference = checked(names, () => createAzureInference({ ...client, endpoint, model, apiKey }))
    return { dialect, client: inference, model, label: `Azure AI Model Inference (${shown(endpoint)})` }
  }
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
    throw new ConfigError(`OPENAI_API_KEY is not set (it is needed with ${neededWith(dialect)})`)
  }
  const baseURL = env.OPENAI_BASE_URL ? url('OPENAI_BASE_URL', env.OPENAI_BASE_URL) : undefined
  const names = { baseURL: 'OPENAI_BASE_URL', apiKey: 'OPENAI_API_KEY' }
  const openai = checked(names, () =>
    createOpenAI({ ...client, baseURL, apiKey: env.OPENAI_API_KEY || undefined }),
  )
  const label = baseURL === undefined ? 'OpenAI' : `an OpenAI-compatible service (${shown(baseURL)})`
  return { dialect, client: openai, model: wanted ?? (env.OPENAI_MODEL || 'gpt-4o-mini'), label }
}

function neededWith(dialect: Dialect): string {
  if (dialect === 'azure') return 'AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT'
  if (dialect === 'inference') return 'AZURE_INFERENCE_ENDPOINT and AZURE_INFERENCE_API_KEY'
  return 'OPENAI_API_KEY or OPENAI_BASE_URL'
}

/**
 * Builds an adapter, turning the `TypeError` its constructor throws for a bad option (a URL with user info, a
 * key with a line break) into a {@link ConfigError} that names the variable (or flag) in `names`, keyed by the
 * option the message names. The adapters' messages never quote a key or a URL, so the rest of it is kept.
 */
function checked<T>(names: Record<string, string>, build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    // "createOpenAI: baseURL must not hold a user name or password; …" → "OPENAI_BASE_URL must not …"
    const [, option = '', rest = error.message] = /^[^:]*: (\w+) (.*)$/s.exec(error.message) ?? []
    const name = names[option]
    if (name === undefined) throw new ConfigError(error.message)
    // What follows a ';' speaks of the adapter's options ("pass credentials as options"), not of variables.
    const [reason = rest] = rest.split('; ')
    throw new ConfigError(`${name} ${reason}`, { flag: name.startsWith('--') })
  }
}

function url(name: string, value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConfigError(`${name} is not an http(s) URL`)
  }
  return value
}

/** A URL without what may carry a secret (user info, query, fragment). */
function shown(value: string): string {
  const parsed = new URL(value)
  return `${parsed.origin}${parsed.pathname.replace(/\/$/, '')}`
}
