import { handMadeFixtures } from '@chatwire/testkit'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  ErrorBodySchema,
  FlatErrorBodySchema,
  StatusCodeErrorBodySchema,
  WrappedErrorBodySchema,
} from './error-body.js'

const filterVerdicts = {
  hate: { filtered: false, severity: 'safe' },
  jailbreak: { filtered: true, detected: true },
  violence: { filtered: true, severity: 'medium' },
}

describe('error bodies', () => {
  it.each<[string, v.GenericSchema, unknown]>([
    [
      'OpenAI',
      WrappedErrorBodySchema,
      {
        error: {
          message: 'Rate limit reached for gpt-4o in organization org-x on tokens per min.',
          type: 'tokens',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
    ],
    [
      'OpenAI, invalid parameter',
      WrappedErrorBodySchema,
      {
        error: {
          message: "Invalid value for 'temperature'.",
          type: 'invalid_request_error',
          param: 'temperature',
          code: 'invalid_value',
        },
      },
    ],
    [
      'Azure OpenAI content filter with innererror',
      WrappedErrorBodySchema,
      {
        error: {
          message:
            "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
          type: null,
          param: 'prompt',
          code: 'content_filter',
          status: 400,
          innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: filterVerdicts },
        },
      },
    ],
    [
      'Azure AI Model Inference content filter with inner_error',
      WrappedErrorBodySchema,
      {
        error: {
          code: 'content_filter',
          message: 'The response was filtered.',
          status: 400,
          inner_error: { code: 'ResponsibleAIPolicyViolation', content_filter_results: filterVerdicts },
        },
      },
    ],
    [
      'Azure deployment not found',
      WrappedErrorBodySchema,
      {
        error: {
          code: 'DeploymentNotFound',
          message: 'The API deployment for this resource does not exist.',
        },
      },
    ],
    [
      'Azure 401 with a numeric-looking code',
      WrappedErrorBodySchema,
      { error: { code: '401', message: 'Access denied due to invalid subscription key.' } },
    ],
    [
      'a compatible host with a numeric code',
      WrappedErrorBodySchema,
      { error: { message: 'Too many requests', code: 429 } },
    ],
    [
      'flat 422 with detail as an object',
      FlatErrorBodySchema,
      {
        status: 422,
        code: 'Invalid input',
        message: 'Extra parameters are not allowed.',
        detail: { foo: 'extra fields not permitted' },
      },
    ],
    [
      'flat 422 with detail as a list',
      FlatErrorBodySchema,
      {
        status: 422,
        code: 'Invalid input',
        message: 'Invalid request.',
        detail: [{ loc: ['body', 'messages', 0, 'role'], msg: 'unexpected value', type: 'value_error' }],
      },
    ],
    ['flat without status', FlatErrorBodySchema, { code: 'Unauthorized', message: 'Bad token' }],
    [
      'the gateway',
      StatusCodeErrorBodySchema,
      { statusCode: 401, message: 'Access denied due to missing subscription key.' },
    ],
  ])('parses the %s shape unchanged, alone and as an ErrorBody', (_, schema, body) => {
    expect(v.parse(schema, body)).toEqual(body)
    expect(v.parse(ErrorBodySchema, body)).toEqual(body)
  })

  it.each(
    handMadeFixtures.flatMap((fixture) =>
      fixture.expected?.error === undefined ? [] : [[fixture.name, fixture.expected.error.body] as const],
    ),
  )('parses the in-stream error of the %s stream unchanged', (_, body) => {
    expect(v.parse(ErrorBodySchema, body)).toEqual(body)
  })

  it.each([
    ['an HTML page', '<html><body>502 Bad Gateway</body></html>'],
    ['an empty object', {}],
    ['a bare detail list', { detail: [{ msg: 'x' }] }],
  ])('rejects %s as an ErrorBody', (_, body) => {
    expect(v.safeParse(ErrorBodySchema, body).success).toBe(false)
  })
})
