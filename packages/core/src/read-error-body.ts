import type { RequestIssue } from './errors.js'
import { redactSecrets } from './redact.js'

/** What an error reply says, read from any of the body shapes services use. Every text is redacted. */
export interface ErrorDetails {
  /** The service's message, short, one line, without credentials; `undefined` when it gave none. */
  message: string | undefined
  code: string | undefined
  type: string | undefined
  /** The status written in the body itself (`{status}` or `{statusCode}`), for in-stream errors. */
  status: number | undefined
  /** The offending fields: OpenAI's `param`, or FastAPI-style 422 `detail` entries (also under `message` or `error`). */
  issues: RequestIssue[]
  /** Azure's content filter verdicts (`content_filter_result` or `content_filter_results`). */
  filterResults: unknown
  /** The body says a content filter blocked the request. */
  filtered: boolean
  /** The request id a relaying chatwire server wrote in its `event: error` frame (`request_id`). */
  requestId: string | undefined
  /** The chatwire error class a relaying server named (`chatwire_error`), for what no status tells apart. */
  relayedAs: string | undefined
  /** What the body was when it held no usable message. */
  form: 'object' | 'text' | 'html' | 'unparseable' | 'empty'
}

const MAX_MESSAGE = 500
// FastAPI prefixes `loc` with where the value came from; the path inside the request body is what matters.
const LOCATIONS = new Set(['body', 'query', 'path', 'header', 'cookie'])

/**
 * Reads an error body of any known shape: OpenAI `{error:{message,type,code,param}}`, Azure
 * `{error:{code,message,innererror|inner_error:{code,content_filter_result(s)}}}`, flat
 * `{status,code,message,detail}`, API Management `{statusCode,message}`, FastAPI 422 `{detail:[{loc,msg}]}`,
 * the same list under `message` (Mistral: `{object:'error',message:{detail:[…]}}`), a list of messages
 * (Azure AI serverless `{error:['…','…']}`, NestJS `{message:['…']}`), a JSON text of any of these, plain text,
 * or an HTML error page (whose text is never kept). Of a `detail` entry only `loc` and `msg` are read: its
 * `input` echoes the request's value, which may be message content.
 */
export function readErrorBody(body: unknown): ErrorDetails {
  if (typeof body === 'string') return readText(body)
  if (!isRecord(body)) return details(body === undefined || body === null ? 'empty' : 'unparseable')
  const wrapped = body.error
  const error = isRecord(wrapped) ? wrapped : body
  const inner = record(error.innererror) ?? record(error.inner_error)
  const code = text(error.code) ?? text(body.code)
  const filterResults =
    inner?.content_filter_results ??
    inner?.content_filter_result ??
    error.content_filter_results ??
    error.content_filter_result
  // Mistral nests the FastAPI body in `message`: `{message: {detail: [{loc, msg}]}}`.
  const nested = record(error.message)
  const stated = [error.message, wrapped, body.message, body.detail, error.detail, nested?.message]
    .map(said)
    .find((value) => value !== undefined)
  const listed =
    body.detail ?? error.detail ?? nested?.detail ?? (Array.isArray(wrapped) ? wrapped : undefined)
  const detailed = issuesFromDetail(listed)
  // A field named by `param` and again in `detail` (a relayed frame names both) is one issue, the detail's.
  const named = issuesFromParam(error.param, stated).filter(
    (issue) => !detailed.some((other) => other.path === issue.path),
  )
  const issues = [...named, ...detailed]
  const message = stated ?? summarize(issues)
  return {
    ...details('object'),
    message,
    code,
    type: text(error.type) ?? text(body.type),
    status:
      status(error.status) ?? status(body.status) ?? status(error.statusCode) ?? status(body.statusCode),
    issues,
    filterResults,
    requestId: text(error.request_id),
    relayedAs: text(error.chatwire_error),
    filtered:
      code === 'content_filter' ||
      text(inner?.code) === 'ResponsibleAIPolicyViolation' ||
      (filterResults !== undefined && filterResults !== null),
  }
}

function readText(body: string): ErrorDetails {
  const trimmed = body.trim()
  if (trimmed === '') return details('empty')
  if (trimmed.startsWith('{')) {
    try {
      return readErrorBody(JSON.parse(trimmed))
    } catch {
      return details('unparseable')
    }
  }
  if (looksLikeHtml(trimmed)) return details('html')
  return { ...details('text'), message: clean(trimmed.split(/\r?\n|\r/, 1)[0] ?? '') }
}

function details(form: ErrorDetails['form']): ErrorDetails {
  return {
    message: undefined,
    code: undefined,
    type: undefined,
    status: undefined,
    issues: [],
    filterResults: undefined,
    requestId: undefined,
    relayedAs: undefined,
    filtered: false,
    form,
  }
}

/** A message, or a list of them (joined): what a body says in words. Other values say nothing. */
function said(value: unknown): string | undefined {
  if (typeof value === 'string') return clean(value)
  if (!Array.isArray(value)) return undefined
  const lines = value.flatMap((entry) => (typeof entry === 'string' ? (clean(entry) ?? []) : []))
  return lines.length === 0 ? undefined : clean(lines.join('; '))
}

function issuesFromParam(param: unknown, message: string | undefined): RequestIssue[] {
  const path = typeof param === 'string' ? param.trim() : ''
  if (path === '') return []
  // OpenAI writes list indices as `messages.[2].content`; the rest of chatwire writes `messages[2].content`.
  return [{ path: redactSecrets(path.replaceAll('.[', '[')), message: message ?? 'invalid value' }]
}

function issuesFromDetail(detail: unknown): RequestIssue[] {
  const entries = Array.isArray(detail) ? detail : [detail]
  return entries.flatMap((entry) => {
    if (!isRecord(entry) || !Array.isArray(entry.loc)) return []
    const message = typeof entry.msg === 'string' ? clean(entry.msg) : undefined
    return [{ path: pathFromLoc(entry.loc), message: message ?? 'invalid value' }]
  })
}

function pathFromLoc(loc: unknown[]): string {
  const parts = LOCATIONS.has(String(loc[0])) && loc.length > 1 ? loc.slice(1) : loc
  let path = ''
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`
    else if (typeof part === 'string') path += path === '' ? part : `.${part}`
  }
  return redactSecrets(path)
}

function summarize(issues: RequestIssue[]): string | undefined {
  const [first, ...rest] = issues
  if (first === undefined) return undefined
  return `${first.path}: ${first.message}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`
}

/** One line, redacted, at most {@link MAX_MESSAGE} characters; HTML is dropped. */
function clean(value: string): string | undefined {
  const line = value.replace(/\s+/g, ' ').trim()
  if (line === '' || looksLikeHtml(line)) return undefined
  const safe = redactSecrets(line)
  return safe.length > MAX_MESSAGE ? `${safe.slice(0, MAX_MESSAGE - 1)}…` : safe
}

function looksLikeHtml(value: string): boolean {
  return /^<|<(?:html|body|head|!doctype)\b/i.test(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function record(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return redactSecrets(value)
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined
}

function status(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value
  return typeof number === 'number' && Number.isInteger(number) && number >= 100 && number <= 599
    ? number
    : undefined
}
