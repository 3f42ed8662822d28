import { ChatError, type ChatErrorOptions, type RequestIssue } from '../errors.js'

/**
 * The model's output is not the object asked for: not JSON (`reason: 'invalid_json'`), or JSON the schema
 * rejects (`reason: 'schema'`, with each issue's path). The message names paths only; the output itself is on
 * `text`, never in the message or in `toJSON()`, so that logs do not carry the model's words.
 */
export class OutputValidationError extends ChatError {
  override name = 'OutputValidationError'
  readonly reason: 'invalid_json' | 'schema'
  /** What the schema found, with paths (`address.city`); one issue at path `""` for invalid JSON. */
  readonly issues: readonly RequestIssue[]
  /** The model's output, as it wrote it. */
  readonly text: string

  constructor(
    reason: 'invalid_json' | 'schema',
    issues: readonly RequestIssue[],
    text: string,
    options: ChatErrorOptions = {},
  ) {
    super(messageOf(reason, issues), options)
    this.reason = reason
    this.issues = issues
    this.text = text
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, paths: this.issues.map((issue) => issue.path) }
  }
}

// Paths only: a schema library's issue messages may quote the value they rejected.
function messageOf(reason: 'invalid_json' | 'schema', issues: readonly RequestIssue[]): string {
  if (reason === 'invalid_json') return "The model's output is not valid JSON"
  const paths = [...new Set(issues.map((issue) => issue.path || '(the root)'))]
  const shown = paths.slice(0, 3).join(', ')
  const more = paths.length > 3 ? ` (and ${paths.length - 3} more)` : ''
  return `The model's output does not match the schema at ${shown}${more}`
}
