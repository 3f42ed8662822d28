import * as v from 'valibot'
import { InvalidRequestError, type RequestIssue } from './errors.js'
import { formatIssuePath } from './issue-path.js'
import { type ChatRequest, ChatRequestSchema } from './schema/request.js'

const LENGTH_CHECKS = new Set(['min_length', 'max_length', 'length', 'non_empty', 'regex'])

/**
 * How many issues an {@link InvalidRequestError} lists at most; its message counts them all. A conversation of
 * 100k broken messages would otherwise give an error of 100k issues, which nobody reads.
 */
export const MAX_REQUEST_ISSUES = 100

/**
 * Checks a chat-completions request before anything is sent and returns it typed, unknown fields kept.
 * Throws an {@link InvalidRequestError} listing every problem with the path of the field (`messages[2].role`,
 * `temperature`) and what was expected, the first {@link MAX_REQUEST_ISSUES} of them. The messages name types
 * and numbers, never the text of a field, so that no user content ends up in logs. Linear in the size of the
 * request and in the number of issues.
 */
export function validateRequest(request: unknown): ChatRequest {
  const result = v.safeParse(ChatRequestSchema, request, { message: describeIssue })
  if (result.success) return result.output
  const issues: RequestIssue[] = []
  let count = 0
  for (const issue of result.issues) {
    const found = toRequestIssues(issue, [])
    count += found.length
    for (const item of found) if (issues.length < MAX_REQUEST_ISSUES) issues.push(item)
  }
  const [first] = issues
  const where = first?.path ? `${first.path}: ` : ''
  const more = count > 1 ? ` (and ${count - 1} more)` : ''
  throw new InvalidRequestError(`Invalid request: ${where}${first?.message}${more}`, { issues })
}

// A union reports one issue at its own path when no option fits; when an option fits the input's type but
// fails deeper down (a content array with a bad part), its deeper issues say far more, so they replace it.
function toRequestIssues(issue: v.BaseIssue<unknown>, base: readonly unknown[]): RequestIssue[] {
  const keys = [...base, ...(issue.path ?? []).map((item) => item.key)]
  const deeper =
    issue.type === 'union' ? (issue.issues ?? []).filter((sub) => (sub.path?.length ?? 0) > 0) : []
  if (deeper.length > 0) return deeper.flatMap((sub) => toRequestIssues(sub, keys))
  return [{ path: formatIssuePath(keys), message: completeMessage(issue) }]
}

// The schemas' own messages say what is expected (`Expected a JSON Schema object`); what was received is
// described here, in the same words as every other issue.
function completeMessage(issue: v.BaseIssue<unknown>): string {
  const { message } = issue
  if (!message.startsWith('Expected ') || message.includes(' but received ')) return message
  return `${message} but received ${describeReceived(issue)}`
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const lastKey = issue.path?.at(-1)?.key
  if (issue.kind === 'schema' && issue.input === undefined && issue.expected === `"${String(lastKey)}"`) {
    return 'Missing required field'
  }
  return `Expected ${describeExpected(issue)} but received ${describeReceived(issue)}`
}

function describeExpected(issue: v.BaseIssue<unknown>): string {
  const { requirement } = issue
  const unit = Array.isArray(issue.input) ? 'item' : 'character'
  switch (issue.type) {
    case 'min_value':
      return `at least ${String(requirement)}`
    case 'max_value':
      return `at most ${String(requirement)}`
    case 'gt_value':
      return `more than ${String(requirement)}`
    case 'lt_value':
      return `less than ${String(requirement)}`
    case 'integer':
      return 'an integer'
    case 'min_length':
      return `at least ${String(requirement)} ${unit}${requirement === 1 ? '' : 's'}`
    case 'max_length':
      return `at most ${String(requirement)} ${unit}${requirement === 1 ? '' : 's'}`
    case 'non_empty':
      return 'a non-empty value'
    case 'regex':
      return `text matching ${String(requirement)}`
  }
  if (issue.kind !== 'schema' || issue.expected === null) return 'a valid value'
  const options = issue.expected.replace(/[()]/g, '').split(' | ').map(describeTypeName)
  return options.length > 1 ? `${options.slice(0, -1).join(', ')} or ${options.at(-1)}` : (options[0] ?? '')
}

function describeTypeName(name: string): string {
  if (name === 'Object') return 'an object'
  if (name === 'Array') return 'an array'
  if (name === 'string' || name === 'number' || name === 'boolean') return `a ${name}`
  return name
}

// Strings are described by their length only: they may hold the user's words.
function describeReceived(issue: v.BaseIssue<unknown>): string {
  const { input } = issue
  const counted = LENGTH_CHECKS.has(issue.type)
  if (input === '') return 'an empty string'
  if (typeof input === 'string') return counted ? `a string of ${input.length} characters` : 'a string'
  if (Array.isArray(input)) {
    if (input.length === 0) return 'an empty array'
    return counted ? `an array of ${input.length} item${input.length === 1 ? '' : 's'}` : 'an array'
  }
  if (input === null) return 'null'
  if (input === undefined) return 'nothing'
  if (typeof input === 'number' || typeof input === 'boolean') return String(input)
  if (typeof input === 'object') return 'an object'
  return `a ${typeof input}`
}
