import { accumulate, ContentFilterError } from '@chatwire/core'
import { errorFromBody } from '@chatwire/core/error-body'
import { azureAsyncFilterAnnotations, azureContentFilterFinish, recordedFixture } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import type { ChoiceContentFilterResults } from './content-filter.js'
import {
  contentFilterOffsetsOf,
  contentFilterResultsOf,
  contentFilterResultsOfBlock,
  flaggedCategories,
  promptFilterResultsOf,
} from './read-content-filter.js'

const SAFE = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
} as const

type Chunk = Parameters<typeof contentFilterResultsOf>[0] & { prompt_filter_results?: unknown }

describe('reading Azure content filter results', () => {
  it('reads the prompt verdicts of the first chunk of a recorded Azure stream', () => {
    const recorded = recordedFixture('azure-content-filters')
    expect(recorded).toBeDefined()
    const [first, role, text] = (recorded?.chunks ?? []) as Chunk[]
    expect(promptFilterResultsOf(first as Chunk)).toEqual([
      {
        prompt_index: 0,
        content_filter_results: { ...SAFE, jailbreak: { filtered: false, detected: false } },
      },
    ])
    expect(contentFilterResultsOf(first as Chunk)).toBeUndefined()
    expect(contentFilterResultsOf(role as Chunk)).toBeUndefined()
    expect(contentFilterResultsOf(text as Chunk)).toEqual(SAFE)
  })

  it('reads the filtered category of an accumulated completion', async () => {
    const completion = await accumulate(azureContentFilterFinish.chunks as never)
    const results = contentFilterResultsOf(completion)
    expect(results?.violence).toEqual({ filtered: true, severity: 'medium' })
    expect(flaggedCategories(results)).toEqual({ filtered: ['violence'], flagged: [] })
    expect(promptFilterResultsOf(completion)?.[0]?.prompt_index).toBe(0)
  })

  it('reads the offsets of asynchronous-filter annotation chunks', () => {
    const annotations = (azureAsyncFilterAnnotations.chunks as Chunk[]).filter(
      (chunk) => contentFilterOffsetsOf(chunk) !== undefined,
    )
    expect(annotations.map((chunk) => contentFilterOffsetsOf(chunk))).toEqual([
      { check_offset: 0, start_offset: 0, end_offset: 10 },
      { check_offset: 10, start_offset: 10, end_offset: 26 },
    ])
    expect(contentFilterResultsOf(annotations[1] as Chunk)?.protected_material_text).toEqual({
      filtered: false,
      detected: false,
    })
  })

  it('types every documented category: citations, blocklists in both shapes, spans, the filter error', () => {
    const results = {
      ...SAFE,
      sexual: { filtered: true, severity: 'high' },
      profanity: { filtered: false, detected: true },
      protected_material_text: { filtered: false, detected: false },
      protected_material_code: {
        filtered: true,
        detected: true,
        citation: { URL: 'https://github.com/example/repo', license: 'MIT' },
      },
      ungrounded_material: {
        filtered: false,
        detected: true,
        details: [{ completion_start_offset: 4, completion_end_offset: 19 }],
      },
      custom_blocklists: { filtered: true, details: [{ filtered: true, id: 'brand-names' }] },
      error: { code: 'content_filter_error', message: 'The contents are not filtered' },
      future_category: { filtered: false, detected: false },
    }
    const choice = { index: 0, content_filter_results: results }
    const typed = contentFilterResultsOf({ choices: [choice] }) as ChoiceContentFilterResults
    expect(typed).toEqual(results)
    expect(typed.protected_material_code?.citation?.URL).toBe('https://github.com/example/repo')
    expect(typed.ungrounded_material?.details?.[0]?.completion_end_offset).toBe(19)
    expect(flaggedCategories(typed)).toEqual({
      filtered: ['sexual', 'custom_blocklists', 'protected_material_code'],
      flagged: ['profanity', 'ungrounded_material'],
    })
    const older = { ...results, custom_blocklists: [{ filtered: false, id: 'legacy' }] }
    expect(
      contentFilterResultsOf({ choices: [{ index: 0, content_filter_results: older }] })?.custom_blocklists,
    ).toEqual([{ filtered: false, id: 'legacy' }])
  })

  it('picks the choice by index for n > 1', () => {
    const chunk = {
      choices: [
        { index: 1, content_filter_results: { ...SAFE, hate: { filtered: true, severity: 'low' } } },
        { index: 0, content_filter_results: SAFE },
      ],
    }
    expect(contentFilterResultsOf(chunk, 1)?.hate).toEqual({ filtered: true, severity: 'low' })
    expect(contentFilterResultsOf(chunk, 0)).toEqual(SAFE)
    expect(contentFilterResultsOf(chunk, 2)).toBeUndefined()
  })

  it('names the path of a verdict that does not have the documented shape', () => {
    const chunk = {
      choices: [{ index: 0, content_filter_results: { hate: { filtered: false, severity: 'extreme' } } }],
    }
    expect(() => contentFilterResultsOf(chunk)).toThrow(
      /content_filter_results do not have the expected shape at hate\.severity/,
    )
  })

  it('reads the verdicts of a ContentFilterError, from innererror or inner_error', () => {
    const results = { ...SAFE, jailbreak: { filtered: true, detected: true } }
    const bodies = [
      {
        error: {
          code: 'content_filter',
          message: 'filtered',
          innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: results },
        },
      },
      {
        error: {
          code: 'content_filter',
          message: 'filtered',
          inner_error: { code: 'ResponsibleAIPolicyViolation', content_filter_results: results },
        },
      },
    ]
    for (const body of bodies) {
      const error = errorFromBody(400, body)
      expect(error).toBeInstanceOf(ContentFilterError)
      const typed = contentFilterResultsOfBlock(error as ContentFilterError)
      expect(typed?.jailbreak).toEqual({ filtered: true, detected: true })
      expect(flaggedCategories(typed).filtered).toEqual(['jailbreak'])
    }
  })
})
