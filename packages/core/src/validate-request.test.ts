import { describe, expect, it } from 'vitest'
import { InvalidRequestError, type RequestIssue } from './errors.js'
import { formatIssuePath } from './issue-path.js'
import { MAX_REQUEST_ISSUES, validateRequest } from './validate-request.js'

const messages = [{ role: 'user', content: 'Hello' }]

function issuesOf(request: unknown): readonly RequestIssue[] {
  try {
    validateRequest(request)
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.issues
    throw error
  }
  throw new Error('expected the request to be rejected')
}

function rejection(validate: () => unknown): InvalidRequestError {
  try {
    validate()
  } catch (error) {
    if (error instanceof InvalidRequestError) return error
    throw error
  }
  throw new Error('expected the request to be rejected')
}

const ROLES = '"system", "developer", "user", "assistant" or "tool"'
const JSON_TYPES =
  'Expected "string", "number", "integer", "boolean", "object", "array" or "null", or an array of them'

describe('validateRequest', () => {
  it('returns the request, typed, when it is valid', () => {
    const request = { model: 'gpt-4.1', messages, temperature: 0.2, x_extra: [1, 2] }
    expect(validateRequest(request)).toEqual(request)
  })

  it("reads a JSON Schema's types only where they are types: not a property named type, nor data", () => {
    const parameters: Record<string, unknown> = {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['a'], default: 'a' },
        kind: { const: { type: 'not-a-type' }, examples: [{ type: 1 }] },
        either: { type: ['string', 'null'] },
        any: {},
      },
      additionalProperties: false,
    }
    // A schema that refers to itself (a JS cycle, which JSON cannot hold) is walked once, not forever.
    const tree: Record<string, unknown> = { type: 'object' }
    tree.properties = { child: tree }
    const request = {
      messages,
      tools: [
        { type: 'function', function: { name: 'f', parameters } },
        { type: 'function', function: { name: 'g', parameters: tree } },
      ],
    }
    const valid = validateRequest(request)
    expect(valid.tools?.map((tool) => tool.function.parameters)).toEqual([parameters, tree])
  })

  it.each<[string, unknown, RequestIssue[]]>([
    [
      'a request that is not an object',
      'Hello',
      [{ path: '', message: 'Expected an object but received a string' }],
    ],
    ['no request at all', undefined, [{ path: '', message: 'Expected an object but received nothing' }]],
    ['no messages', { model: 'm' }, [{ path: 'messages', message: 'Missing required field' }]],
    [
      'an empty conversation',
      { messages: [] },
      [{ path: 'messages', message: 'Expected at least one message but received an empty array' }],
    ],
    [
      'messages as a string',
      { messages: 'Hello' },
      [{ path: 'messages', message: 'Expected an array but received a string' }],
    ],
    [
      'an unknown role',
      { messages: [...messages, { role: 'user', content: 'a' }, { role: 'robot', content: 'b' }] },
      [{ path: 'messages[2].role', message: `Expected ${ROLES} but received a string` }],
    ],
    [
      'a message without role',
      { messages: [{ content: 'Hi' }] },
      [{ path: 'messages[0].role', message: `Expected ${ROLES} but received nothing` }],
    ],
    [
      'a message that is not an object',
      { messages: [...messages, 42] },
      [{ path: 'messages[1]', message: 'Expected an object but received 42' }],
    ],
    [
      'a user message without content',
      { messages: [{ role: 'user' }] },
      [{ path: 'messages[0].content', message: 'Missing required field' }],
    ],
    [
      'content of the wrong type',
      { messages: [{ role: 'user', content: 7 }] },
      [{ path: 'messages[0].content', message: 'Expected a string or an array but received 7' }],
    ],
    [
      'an image part without a string url',
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Look' },
              { type: 'image_url', image_url: { url: null } },
            ],
          },
        ],
      },
      [{ path: 'messages[0].content[1].image_url.url', message: 'Expected a string but received null' }],
    ],
    [
      'an unknown part type',
      { messages: [{ role: 'user', content: [{ type: 'video', video: {} }] }] },
      [
        {
          path: 'messages[0].content[0].type',
          message: 'Expected "text", "image_url", "input_audio" or "file" but received a string',
        },
      ],
    ],
    [
      'an image part in a system message',
      { messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'u' } }] }] },
      [{ path: 'messages[0].content[0].type', message: 'Expected "text" but received a string' }],
    ],
    [
      'an assistant message with nothing in it',
      { messages: [...messages, { role: 'assistant', content: null }] },
      [
        {
          path: 'messages[1].content',
          message:
            'Expected content, refusal, tool_calls or audio in an assistant message but received none of them',
        },
      ],
    ],
    [
      'a tool call without arguments',
      {
        messages: [
          ...messages,
          { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f' } }] },
        ],
      },
      [{ path: 'messages[1].tool_calls[0].function.arguments', message: 'Missing required field' }],
    ],
    [
      'a tool message without tool_call_id',
      { messages: [{ role: 'tool', content: '21' }] },
      [{ path: 'messages[0].tool_call_id', message: 'Missing required field' }],
    ],
    [
      'an empty model',
      { messages, model: '' },
      [{ path: 'model', message: 'Expected a model name but received an empty string' }],
    ],
    [
      'temperature above 2',
      { messages, temperature: 2.5 },
      [{ path: 'temperature', message: 'Expected at most 2 but received 2.5' }],
    ],
    [
      'temperature below 0',
      { messages, temperature: -1 },
      [{ path: 'temperature', message: 'Expected at least 0 but received -1' }],
    ],
    [
      'temperature as a string',
      { messages, temperature: '1' },
      [{ path: 'temperature', message: 'Expected a number but received a string' }],
    ],
    [
      'top_p above 1',
      { messages, top_p: 1.5 },
      [{ path: 'top_p', message: 'Expected at most 1 but received 1.5' }],
    ],
    [
      'frequency_penalty below -2',
      { messages, frequency_penalty: -3 },
      [{ path: 'frequency_penalty', message: 'Expected at least -2 but received -3' }],
    ],
    [
      'presence_penalty above 2',
      { messages, presence_penalty: 3 },
      [{ path: 'presence_penalty', message: 'Expected at most 2 but received 3' }],
    ],
    [
      'repetition_penalty of 0',
      { messages, repetition_penalty: 0 },
      [{ path: 'repetition_penalty', message: 'Expected more than 0 but received 0' }],
    ],
    [
      'max_tokens of 0',
      { messages, max_tokens: 0 },
      [{ path: 'max_tokens', message: 'Expected at least 1 but received 0' }],
    ],
    [
      'fractional max_completion_tokens',
      { messages, max_completion_tokens: 10.5 },
      [{ path: 'max_completion_tokens', message: 'Expected an integer but received 10.5' }],
    ],
    ['n of 0', { messages, n: 0 }, [{ path: 'n', message: 'Expected at least 1 but received 0' }]],
    ['n above 128', { messages, n: 129 }, [{ path: 'n', message: 'Expected at most 128 but received 129' }]],
    [
      'five stop sequences',
      { messages, stop: ['a', 'b', 'c', 'd', 'e'] },
      [{ path: 'stop', message: 'Expected at most 4 items but received an array of 5 items' }],
    ],
    [
      'no stop sequence',
      { messages, stop: [] },
      [{ path: 'stop', message: 'Expected at least 1 item but received an empty array' }],
    ],
    [
      'a stop sequence that is not a string',
      { messages, stop: ['a', 1] },
      [{ path: 'stop[1]', message: 'Expected a string but received 1' }],
    ],
    [
      'a fractional seed',
      { messages, seed: 1.5 },
      [{ path: 'seed', message: 'Expected an integer but received 1.5' }],
    ],
    [
      'stream as a string',
      { messages, stream: 'yes' },
      [{ path: 'stream', message: 'Expected a boolean but received a string' }],
    ],
    [
      'include_usage as a number',
      { messages, stream_options: { include_usage: 1 } },
      [{ path: 'stream_options.include_usage', message: 'Expected a boolean but received 1' }],
    ],
    [
      'an unknown response_format type',
      { messages, response_format: { type: 'yaml' } },
      [
        {
          path: 'response_format.type',
          message: 'Expected "text", "json_object" or "json_schema" but received a string',
        },
      ],
    ],
    [
      'a json_schema name with spaces',
      { messages, response_format: { type: 'json_schema', json_schema: { name: 'my schema' } } },
      [
        {
          path: 'response_format.json_schema.name',
          message:
            'Expected 1 to 64 characters of a-z, A-Z, 0-9, _ or - but received a string of 9 characters',
        },
      ],
    ],
    [
      'a json_schema name of 65 characters',
      { messages, response_format: { type: 'json_schema', json_schema: { name: 'a'.repeat(65) } } },
      [
        {
          path: 'response_format.json_schema.name',
          message:
            'Expected 1 to 64 characters of a-z, A-Z, 0-9, _ or - but received a string of 65 characters',
        },
      ],
    ],
    [
      'a json_schema schema that is an array',
      { messages, response_format: { type: 'json_schema', json_schema: { name: 'w', schema: [] } } },
      [
        {
          path: 'response_format.json_schema.schema',
          message: 'Expected a JSON Schema object but received an empty array',
        },
      ],
    ],
    [
      'response_format as a string',
      { messages, response_format: 'json' },
      [{ path: 'response_format', message: 'Expected an object but received a string' }],
    ],
    [
      'a tool of unknown type',
      { messages, tools: [{ type: 'retrieval' }] },
      [{ path: 'tools[0].type', message: 'Expected "function" but received a string' }],
    ],
    [
      'a tool with an invalid name',
      { messages, tools: [{ type: 'function', function: { name: 'get weather' } }] },
      [
        {
          path: 'tools[0].function.name',
          message:
            'Expected 1 to 64 characters of a-z, A-Z, 0-9, _ or - but received a string of 11 characters',
        },
      ],
    ],
    [
      'tool parameters that are a string',
      { messages, tools: [{ type: 'function', function: { name: 'f', parameters: '{}' } }] },
      [
        {
          path: 'tools[0].function.parameters',
          message: 'Expected a JSON Schema object but received a string',
        },
      ],
    ],
    [
      'a file part with neither file_data nor file_id',
      { messages: [{ role: 'user', content: [{ type: 'file', file: { filename: 'a.pdf' } }] }] },
      [
        {
          path: 'messages[0].content[0].file',
          message: 'Expected file_data or file_id but received an object',
        },
      ],
    ],
    [
      'a tool parameter of a type JSON Schema does not have',
      {
        messages,
        tools: [
          {
            type: 'function',
            function: {
              name: 'f',
              parameters: { type: 'object', properties: { a: { type: 'no-such-type' } } },
            },
          },
        ],
      },
      [
        {
          path: 'tools[0].function.parameters.properties.a.type',
          message: `${JSON_TYPES} but received a string`,
        },
      ],
    ],
    [
      'bad types deep in a response_format schema: in a list, in an array of types, under $defs',
      {
        messages,
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'w',
            schema: {
              type: 'object',
              properties: { a: { anyOf: [{ type: 'string' }, { type: ['null', 'text'] }] } },
              $defs: { 'b-c': { type: 'array', items: { type: 7 } } },
            },
          },
        },
      },
      [
        {
          path: 'response_format.json_schema.schema.properties.a.anyOf[1].type',
          message: `${JSON_TYPES} but received an array`,
        },
        {
          path: 'response_format.json_schema.schema.$defs["b-c"].items.type',
          message: `${JSON_TYPES} but received 7`,
        },
      ],
    ],
    [
      'an unknown tool_choice',
      { messages, tool_choice: 'any' },
      [
        {
          path: 'tool_choice',
          message: 'Expected "none", "auto", "required" or an object but received a string',
        },
      ],
    ],
    [
      'a named tool_choice without a name',
      { messages, tool_choice: { type: 'function', function: {} } },
      [{ path: 'tool_choice.function.name', message: 'Missing required field' }],
    ],
    [
      'parallel_tool_calls as a string',
      { messages, parallel_tool_calls: 'true' },
      [{ path: 'parallel_tool_calls', message: 'Expected a boolean but received a string' }],
    ],
    [
      'top_logprobs without logprobs',
      { messages, top_logprobs: 3 },
      [{ path: 'top_logprobs', message: 'Requires logprobs: true' }],
    ],
    [
      'top_logprobs with logprobs false',
      { messages, logprobs: false, top_logprobs: 3 },
      [{ path: 'top_logprobs', message: 'Requires logprobs: true' }],
    ],
    [
      'top_logprobs above 20',
      { messages, logprobs: true, top_logprobs: 21 },
      [{ path: 'top_logprobs', message: 'Expected at most 20 but received 21' }],
    ],
    [
      'a logit_bias above 100',
      { messages, logit_bias: { '50256': 101 } },
      [{ path: 'logit_bias["50256"]', message: 'Expected at most 100 but received 101' }],
    ],
    [
      'a logit_bias key that is not a token id',
      { messages, logit_bias: { hello: 1 } },
      [
        {
          path: 'logit_bias.hello',
          message: 'Expected a token id (digits) but received a string of 5 characters',
        },
      ],
    ],
    [
      'user as a number',
      { messages, user: 42 },
      [{ path: 'user', message: 'Expected a string but received 42' }],
    ],
    [
      'an unknown reasoning_effort',
      { messages, reasoning_effort: 'max' },
      [
        {
          path: 'reasoning_effort',
          message: 'Expected "none", "minimal", "low", "medium" or "high" but received a string',
        },
      ],
    ],
    [
      'an unknown modality',
      { messages, modalities: ['text', 'video'] },
      [{ path: 'modalities[1]', message: 'Expected "text" or "audio" but received a string' }],
    ],
    [
      'audio without a voice',
      { messages, audio: { format: 'wav' } },
      [{ path: 'audio.voice', message: 'Missing required field' }],
    ],
  ])('rejects %s, naming the path', (_, request, expected) => {
    expect(issuesOf(request)).toEqual(expected)
  })

  it('lists every problem, and names the first in the message and in path', () => {
    const request = { messages: [{ role: 'robot', content: 'x' }], temperature: 9, n: 0 }
    let caught: unknown
    try {
      validateRequest(request)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(InvalidRequestError)
    const error = caught as InvalidRequestError
    expect(error.message).toBe(
      `Invalid request: messages[0].role: Expected ${ROLES} but received a string (and 2 more)`,
    )
    expect(error.path).toBe('messages[0].role')
    expect(error.issues).toEqual([
      { path: 'messages[0].role', message: `Expected ${ROLES} but received a string` },
      { path: 'temperature', message: 'Expected at most 2 but received 9' },
      { path: 'n', message: 'Expected at least 1 but received 0' },
    ])
    expect(error.status).toBeUndefined()
  })

  it('lists the first MAX_REQUEST_ISSUES problems and counts them all, in request order', () => {
    const broken = Array.from({ length: 1000 }, () => ({ role: 'user', content: 42 }))
    const request = {
      messages: [...broken, { role: 'robot', content: 'x' }],
      temperature: 9,
      top_logprobs: 2,
    }
    const error = rejection(() => validateRequest(request))
    expect(error.issues).toHaveLength(MAX_REQUEST_ISSUES)
    expect(error.issues.map((issue) => issue.path)).toEqual(
      Array.from({ length: MAX_REQUEST_ISSUES }, (_, index) => `messages[${index}].content`),
    )
    expect(error.message).toBe(
      'Invalid request: messages[0].content: Expected a string or an array but received 42 (and 1002 more)',
    )
  })

  it('checks top_logprobs against logprobs beside other problems, once per field', () => {
    const request = { messages: [{ role: 'user', content: 42 }], top_logprobs: 3 }
    expect(issuesOf(request)).toEqual([
      { path: 'messages[0].content', message: 'Expected a string or an array but received 42' },
      { path: 'top_logprobs', message: 'Requires logprobs: true' },
    ])
    expect(issuesOf({ messages, logprobs: 'yes', top_logprobs: 3 })).toEqual([
      { path: 'logprobs', message: 'Expected a boolean but received a string' },
    ])
    expect(issuesOf({ messages, top_logprobs: 30 })).toEqual([
      { path: 'top_logprobs', message: 'Expected at most 20 but received 30' },
    ])
  })

  it('never repeats the text of a field in the error', () => {
    const secret = 'my password is hunter2'
    const request = {
      model: secret,
      messages: [
        { role: secret, content: secret },
        { role: 'user', content: [{ type: secret, text: secret }] },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: secret, detail: secret } }] },
      ],
      temperature: secret,
      stop: [secret, secret, secret, secret, secret],
      tool_choice: secret,
      response_format: { type: 'json_schema', json_schema: { name: secret } },
      reasoning_effort: secret,
      user: 7,
    }
    let caught: unknown
    try {
      validateRequest(request)
    } catch (error) {
      caught = error
    }
    const error = caught as InvalidRequestError
    expect(error.issues.length).toBeGreaterThan(6)
    expect(
      JSON.stringify({ message: error.message, issues: error.issues, json: error.toJSON() }),
    ).not.toMatch(/hunter2/)
  })
})

describe('formatIssuePath', () => {
  it.each<[unknown[], string]>([
    [[], ''],
    [['temperature'], 'temperature'],
    [['messages', 2, 'role'], 'messages[2].role'],
    [['messages', 0, 'content', 1, 'image_url', 'url'], 'messages[0].content[1].image_url.url'],
    [['logit_bias', '50256'], 'logit_bias["50256"]'],
    [['metadata', 'a key'], 'metadata["a key"]'],
  ])('formats %j as %s', (keys, path) => {
    expect(formatIssuePath(keys)).toBe(path)
  })
})
