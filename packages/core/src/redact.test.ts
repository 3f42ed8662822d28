import { describe, expect, it } from 'vitest'
import { redactSecrets } from './redact.js'

describe('redactSecrets', () => {
  it.each([
    [
      'an OpenAI key echoed in a 401, partly masked',
      'Incorrect API key provided: sk-proj-abc12***************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.',
      'Incorrect API key provided: sk-[redacted]. You can find your API key at https://platform.openai.com/account/api-keys.',
    ],
    ['a legacy OpenAI key', 'key sk-abcdefghijklmnop1234 is revoked', 'key sk-[redacted] is revoked'],
    ['a Groq key', 'Invalid API Key: gsk_0123456789abcdefABCDEF', 'Invalid API Key: gsk_[redacted]'],
    ['an xAI key', 'bad credentials xai-AbCdEf0123456789', 'bad credentials xai-[redacted]'],
    ['a Google key', 'API key AIzaSyA1234567890abcdefghijklmnopqrs invalid', 'API key [redacted] invalid'],
    [
      'an Azure key after api-key',
      'header api-key: 0123456789abcdef0123456789abcdef was rejected',
      'header api-key: [redacted] was rejected',
    ],
    ['a key in a query string', 'GET /x?key=AbCdEf0123456789XyZ&x=1', 'GET /x?key=[redacted]&x=1'],
    ['a SAS signature', 'url ...&sig=abcDEF123456ghiJKL789%3D', 'url ...&sig=[redacted]%3D'],
    ['a bearer token', 'Authorization: Bearer abc.def-123', 'Authorization: Bearer [redacted]'],
    [
      'a JWT (an Entra ID token) anywhere',
      'token was eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl ok',
      'token was [redacted] ok',
    ],
    [
      'a subscription key in quotes',
      "subscription key '9f8e7d6c5b4a39281706f5e4d3c2b1a0'",
      "subscription key '[redacted]'",
    ],
  ])('redacts %s', (_, text, expected) => {
    expect(redactSecrets(text)).toBe(expected)
  })

  it.each([
    [
      'an Azure rate-limit message',
      'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.',
    ],
    [
      'an OpenAI request id',
      'Please include the request ID req_0123456789abcdef0123456789abcdef in your message.',
    ],
    ['an APIM 401', 'Access denied due to invalid subscription key or wrong API endpoint.'],
    [
      'a token count',
      'max_tokens is too large: 100000000000000000. This model supports at most 4096 completion tokens',
    ],
    ['a skill or a monkey', 'the skill of a monkey: sk-a'],
  ])('leaves %s alone', (_, text) => {
    expect(redactSecrets(text)).toBe(text)
  })
})
