import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, launchChromium } from './browser.js'
import { type DemoProcess, startDemo } from './demo-process.js'

// `pnpm demo` on the emulator, driven in Debian's headless Chromium.
const OUT = fileURLToPath(new URL('./out/', import.meta.url))
const DESKTOP = { width: 1000, height: 900 }
const PHONE = { width: 390, height: 844 }

let demo: DemoProcess
let browser: Browser

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  ;[demo, browser] = await Promise.all([startDemo(), launchChromium()])
})

afterAll(async () => {
  await browser?.close()
  if (demo?.child.exitCode === null) demo.child.kill('SIGKILL')
})

async function open(viewport = DESKTOP): Promise<Page> {
  const page = await browser.context.newPage()
  await page.setViewportSize(viewport)
  await page.goto(demo.url)
  await page.getByTestId('service').getByText('the emulator').waitFor()
  return page
}

const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true })
const replies = (page: Page) => page.getByTestId('assistant-message')
const lastReply = (page: Page) => replies(page).last()
const text = async (page: Page) => (await lastReply(page).getByTestId('reply-text').textContent()) ?? ''
const outcome = (page: Page) => lastReply(page).getByTestId('outcome')

async function ask(page: Page, question: string): Promise<void> {
  await messageBox(page).fill(question)
  await messageBox(page).press('Enter')
}

/** Waits until the last reply ended with `expected` (its outcome line). */
async function ended(page: Page, expected: string): Promise<void> {
  await expect.poll(() => outcome(page).textContent()).toBe(expected)
}

describe('pnpm demo', () => {
  it('prints its URL on a line of its own, after the line that says who answers', () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(demo.banner).toMatch(/^chatwire demo, talking to the emulator \(http:\/\/127\.0\.0\.1:\d+\)/)
  })

  it('the page says which service it talks to', async () => {
    const page = await open()
    expect(await page.getByTestId('service').textContent()).toMatch(/^Talking to the emulator \(http/)
    await page.close()
  })
})

describe('chatting', () => {
  it('sends with Enter and streams the reply, with its outcome and usage', async () => {
    const page = await open()
    // Every distinct text the reply shows, as the page renders it.
    await page.evaluate(() => {
      const seen = new Set<string>()
      Object.assign(window, { seen })
      new MutationObserver(() => {
        const reply = document.querySelector('[data-testid="assistant-message"] [data-testid="reply-text"]')
        if (reply?.textContent) seen.add(reply.textContent)
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await ask(page, 'count to 40')
    await ended(page, 'stop')
    expect(await text(page)).toMatch(/^1, 2, 3, .*, 39, 40\.$/)
    // It arrived in pieces: many partial texts were on screen before the whole one.
    const seen = await page.evaluate(() => [...(window as unknown as { seen: Set<string> }).seen])
    expect(seen.length).toBeGreaterThan(5)
    expect(seen.some((partial) => /^1, 2, 3/.test(partial) && !partial.includes('40.'))).toBe(true)
    expect(await lastReply(page).getByTestId('usage').textContent()).toMatch(
      /^\d+ prompt \+ \d+ completion tokens$/,
    )
    expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true)
    await page.close()
  })

  it('Shift+Enter starts a new line instead of sending', async () => {
    const page = await open()
    await messageBox(page).fill('Hello')
    await messageBox(page).press('Shift+Enter')
    await messageBox(page).pressSequentially('there')
    expect(await messageBox(page).inputValue()).toBe('Hello\nthere')
    expect(await page.locator('.message').count()).toBe(0)
    await messageBox(page).press('Enter')
    await ended(page, 'stop')
    expect(await page.locator('.message-user .content').textContent()).toBe('Hello\nthere')
    expect(await text(page)).toBe('You said: Hello there')
    await page.close()
  })

  it('stops a streaming reply, keeps what arrived, and regenerates it', async () => {
    const page = await open()
    await ask(page, 'count to 2000')
    await expect.poll(() => text(page)).toMatch(/^1, 2, 3, 4/)
    await page.getByRole('button', { name: 'Stop' }).click()
    await ended(page, 'stopped')
    const partial = await text(page)
    expect(partial).toMatch(/^1, 2, 3, 4/)
    expect(partial).not.toContain('2000')
    // A new question works after a stop.
    await ask(page, 'count to 5')
    await ended(page, 'stop')
    expect(await text(page)).toBe('1, 2, 3, 4, 5.')
    // Regenerate the last reply: replaced, not added.
    const before = await replies(page).count()
    await lastReply(page).getByRole('button', { name: 'Regenerate' }).click()
    await ended(page, 'stop')
    expect(await replies(page).count()).toBe(before)
    expect(await text(page)).toBe('1, 2, 3, 4, 5.')
    await page.close()
  })

  it('Stop with a draft in the box sends nothing: the draft stays, to be sent when wanted', async () => {
    const page = await open()
    let posts = 0
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/chat') posts++
    })
    await ask(page, 'count to 2000')
    await expect.poll(() => text(page)).toMatch(/^1, 2, 3, 4/)
    await messageBox(page).fill('count to 3')
    await page.getByRole('button', { name: 'Stop' }).click()
    await ended(page, 'stopped')
    await page.getByRole('button', { name: 'Send' }).waitFor()
    expect(await messageBox(page).inputValue()).toBe('count to 3')
    expect(await page.locator('.message-user .content').allTextContents()).toEqual(['count to 2000'])
    expect(posts).toBe(1)
    // The draft is sent by Send, as any other.
    await page.getByRole('button', { name: 'Send' }).click()
    await ended(page, 'stop')
    expect(await text(page)).toBe('1, 2, 3.')
    expect(posts).toBe(2)
    await page.close()
  })

  it('edits a question and resends it, dropping what followed', async () => {
    const page = await open()
    await ask(page, 'Hello there')
    await ended(page, 'stop')
    await ask(page, 'And again')
    await ended(page, 'stop')
    await page.getByRole('button', { name: 'Edit' }).first().click()
    await page.getByRole('textbox', { name: 'Edit message' }).fill('Hello, edited')
    await page.getByRole('button', { name: 'Save and resend' }).click()
    await ended(page, 'stop')
    expect(await text(page)).toBe('You said: Hello, edited')
    expect(await page.locator('.message').count()).toBe(2)
    await page.close()
  })
})

describe('tools', () => {
  it('runs get_local_time in the browser: a card with its arguments and result, then the answer', async () => {
    const page = await open()
    await ask(page, 'What is the local time in Tokyo?')
    const card = page.getByRole('region', { name: 'Tool call get_local_time' })
    await expect.poll(() => card.getByTestId('tool-state').textContent()).toBe('done')
    expect(await card.locator('.tool-args').textContent()).toBe('{"city":"Tokyo"}')
    expect(JSON.parse((await card.locator('.tool-result').textContent()) ?? '')).toMatchObject({
      city: 'Tokyo',
      timeZone: 'Asia/Tokyo',
      time: expect.stringMatching(/^\d\d:\d\d$/),
    })
    await ended(page, 'stop')
    expect(await text(page)).toMatch(/^Here is what I found\. get_local_time \(Tokyo\): .*Asia\/Tokyo/)
    await page.close()
  })

  it('asks before book_table runs, with the arguments streaming into the card first', async () => {
    const page = await open()
    // Slow chunks, so that the arguments are seen arriving.
    await page.getByLabel('Emulator fault').selectOption('slow')
    await ask(page, 'Book a table at Chez Nous')
    const card = page.getByRole('region', { name: 'Tool call book_table' })
    await expect.poll(() => card.getByTestId('tool-state').textContent()).toBe('arguments streaming…')
    await expect.poll(() => card.getByTestId('tool-state').textContent()).toBe('waiting for your answer')
    expect(JSON.parse((await card.locator('.tool-args').textContent()) ?? '')).toMatchObject({
      restaurant: 'Chez Nous',
    })
    await page.getByLabel('Emulator fault').selectOption('')
    await card.getByRole('button', { name: 'Confirm' }).click()
    await expect.poll(() => card.getByTestId('tool-state').textContent()).toBe('done')
    expect(await card.locator('.tool-result').textContent()).toContain('"confirmed": true')
    await ended(page, 'stop')
    expect(await text(page)).toMatch(/^Here is what I found\. book_table \(Chez Nous\): .*"confirmed":true/)
    await page.close()
  })

  it('with Tools unchecked no tool is declared, and none is called', async () => {
    const page = await open()
    await page.getByLabel('Tools (get_local_time runs here, book_table asks you first)').uncheck()
    await ask(page, 'What is the local time in Tokyo?')
    await ended(page, 'stop')
    expect(await text(page)).toBe('You said: What is the local time in Tokyo?')
    expect(await page.locator('.tool-card').count()).toBe(0)
    await page.close()
  })

  it('a declined book_table tells the model so', async () => {
    const page = await open()
    await ask(page, 'Book a table at Chez Nous')
    const card = page.getByRole('region', { name: 'Tool call book_table' })
    await card.getByRole('button', { name: 'Decline' }).click({ timeout: 20_000 })
    await expect.poll(() => card.getByTestId('tool-state').textContent()).toBe('declined')
    expect(await card.locator('.tool-error').textContent()).toBe('The user declined')
    await ended(page, 'stop')
    expect(await text(page)).toContain('The user declined')
    await page.close()
  })
})

describe('faults, shown and retried', () => {
  it('a 429 is retried by the server: the reply arrives and the log shows 429 then 200', async () => {
    const page = await open()
    await page.getByLabel('Emulator fault').selectOption('rate_limit_once')
    await ask(page, 'Hello there')
    await ended(page, 'stop')
    expect(await text(page)).toBe('You said: Hello there')
    const log = page.getByTestId('attempt-log')
    await expect
      .poll(async () => (await log.locator('li').allTextContents()).slice(0, 2))
      .toEqual([
        expect.stringMatching(/POST \/v1\/chat\/completions → 200 fault: fail_then_succeed;with=rate_limit/),
        expect.stringMatching(/POST \/v1\/chat\/completions → 429 fault: fail_then_succeed;with=rate_limit/),
      ])
    await page.close()
  })

  it('a dropped stream: the error with a Retry button, the partial reply kept; Retry answers', async () => {
    const page = await open()
    await page.getByLabel('Emulator fault').selectOption('reset_mid_stream')
    await ask(page, 'one two three four five six seven eight')
    const alert = page.getByRole('alert')
    await alert.waitFor({ timeout: 20_000 })
    expect(await alert.textContent()).toContain('(the partial reply is kept above)')
    expect(await text(page)).toMatch(/^You said:? /)
    expect(await outcome(page).textContent()).toMatch(/^error: /)
    await page.getByLabel('Emulator fault').selectOption('')
    await alert.getByRole('button', { name: 'Retry' }).click()
    await ended(page, 'stop')
    expect(await text(page)).toBe('You said: one two three four five six seven eight')
    expect(await page.getByRole('alert').count()).toBe(0)
    await page.close()
  })

  it('a stream cut without [DONE] is shown as such, its text kept', async () => {
    const page = await open()
    await page.getByLabel('Emulator fault').selectOption('cut')
    await ask(page, 'one two three four five six seven eight')
    await page.getByRole('alert').waitFor()
    expect(await outcome(page).textContent()).toBe('incomplete (no_finish_reason)')
    expect(await page.getByRole('alert').textContent()).toContain('IncompleteStreamError')
    expect(await text(page)).toMatch(/^You said/)
    expect(await text(page)).not.toContain('eight')
    await page.close()
  })

  it('a content filter ends the reply with outcome content_filter', async () => {
    const page = await open()
    await page.getByLabel('Emulator fault').selectOption('content_filter')
    await ask(page, 'one two three four five six seven eight')
    await ended(page, 'content_filter')
    expect(await text(page)).not.toContain('eight')
    await page.close()
  })

  it('a failure after the first reply is typed even when no more code can load (offline, or a deploy)', async () => {
    const page = await open()
    await ask(page, 'Hello there')
    await ended(page, 'stop')
    // From here on every module the page asks for fails, as it would offline or once a deploy replaced them.
    await page.route(
      (url) => url.origin === new URL(demo.url).origin && !url.pathname.startsWith('/api/'),
      (route) => route.abort(),
    )
    await page.getByLabel('Emulator fault').selectOption('rate_limit')
    await ask(page, 'Hello again')
    const alert = page.getByRole('alert')
    await alert.waitFor({ timeout: 20_000 })
    expect(await alert.textContent()).toMatch(/RateLimitError/)
    await page.close()
  })

  it('429 every time: the retries give up, and the error says so', async () => {
    const page = await open()
    await page.getByLabel('Emulator fault').selectOption('rate_limit')
    await ask(page, 'Hello there')
    const alert = page.getByRole('alert')
    await alert.waitFor({ timeout: 20_000 })
    expect(await alert.textContent()).toMatch(/RateLimitError/)
    await page.close()
  })
})

describe('what a reply may hold', () => {
  it('structured output is shown as a rendered object', async () => {
    const page = await open()
    await page.getByLabel('Tools (get_local_time runs here, book_table asks you first)').uncheck()
    await page.getByLabel('Structured output (a city profile)').check()
    await ask(page, 'Tell me about Paris')
    const structured = lastReply(page).getByTestId('structured')
    await structured.waitFor({ timeout: 20_000 })
    expect(await structured.locator('dt').allTextContents()).toEqual([
      'city',
      'country',
      'population',
      'landmarks',
    ])
    expect(await structured.locator('.object-array li').count()).toBeGreaterThanOrEqual(1)
    await page.close()
  })

  it('reasoning arrives collapsed, and opens on request', async () => {
    const page = await open()
    await page.getByLabel('Reasoning').check()
    await ask(page, 'Hello there')
    await ended(page, 'stop')
    const reasoning = lastReply(page).locator('details.reasoning')
    expect(await reasoning.getAttribute('open')).toBeNull()
    expect(await reasoning.locator('p').isVisible()).toBe(false)
    await reasoning.locator('summary').click()
    expect(await reasoning.locator('p').isVisible()).toBe(true)
    expect(((await reasoning.locator('p').textContent()) ?? '').length).toBeGreaterThan(10)
    await page.close()
  })

  it.each([
    ['azure', '/openai/deployments/gpt-4o-mini/chat/completions'],
    ['inference', '/chat/completions'],
  ])('speaks the %s dialect', async (dialect, path) => {
    const page = await open()
    await page.getByLabel('Dialect').selectOption(dialect)
    await ask(page, 'Hello there')
    await ended(page, 'stop')
    expect(await text(page)).toBe('You said: Hello there')
    await expect
      .poll(() => page.getByTestId('attempt-log').locator('li').first().textContent())
      .toContain(`POST ${path} → 200`)
    await page.close()
  })
})

describe('access and size', () => {
  it('works by keyboard alone, in a sensible focus order, with a live region for the reply', async () => {
    const page = await open()
    const order: string[] = []
    for (let step = 0; step < 12 && !order.includes('Message'); step++) {
      await page.keyboard.press('Tab')
      order.push(
        await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null
          const labelled = element?.id
            ? document.querySelector(`label[for="${element.id}"]`)?.textContent
            : undefined
          return (labelled ?? element?.closest('label')?.textContent ?? element?.textContent ?? '').trim()
        }),
      )
    }
    expect(order).toEqual([
      'Settings',
      'Dialect',
      'Emulator fault',
      'Tools (get_local_time runs here, book_table asks you first)',
      'Reasoning',
      'Structured output (a city profile)',
      'Load a long chat (500 messages)',
      'Message',
    ])
    await page.keyboard.type('count to 2000')
    await page.keyboard.press('Enter')
    await expect.poll(() => text(page)).toMatch(/^1, 2, 3/)
    const live = lastReply(page).getByTestId('reply-text')
    expect(await live.getAttribute('aria-live')).toBe('polite')
    expect(await page.getByRole('status').textContent()).toBe('The assistant is replying.')
    // From the message box, Tab reaches Stop.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stop')
    await page.keyboard.press('Enter')
    await ended(page, 'stopped')
    expect(await page.getByRole('status').textContent()).toBe('Reply stopped.')
    // Stop is gone, and the keyboard is back in the message box.
    expect(await messageBox(page).evaluate((box) => box === document.activeElement)).toBe(true)
    await page.close()
  })

  it('at phone width (390 px): nothing overflows sideways, and the chat works', async () => {
    const page = await open(PHONE)
    // The settings start closed on a phone, and open on request.
    const settings = page.locator('details.settings')
    expect(await settings.getAttribute('open')).toBeNull()
    await settings.locator('summary').click()
    expect(await page.getByLabel('Dialect').isVisible()).toBe(true)
    await settings.locator('summary').click()
    await ask(page, 'What is the local time in Tokyo?')
    await ended(page, 'stop')
    await ask(page, 'count to 300')
    await expect.poll(() => text(page)).toMatch(/^1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15/)
    await page.screenshot({ path: `${OUT}demo-phone-mid-stream.png` })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    const box = await messageBox(page).boundingBox()
    expect(box?.width).toBeGreaterThan(200)
    await page.getByRole('button', { name: 'Stop' }).click()
    await ended(page, 'stopped')
    await page.close()
  })

  it('a 500-message chat still streams a reply and stays usable', async () => {
    const page = await open()
    await page.getByRole('button', { name: 'Load a long chat (500 messages)' }).click()
    await expect.poll(() => page.locator('.message').count()).toBe(500)
    await ask(page, 'Hello there')
    await ended(page, 'stop')
    expect(await text(page)).toBe('You said: Hello there')
    expect(await page.locator('.message').count()).toBe(502)
    await page.close()
  })

  it('saves a screenshot mid-stream', async () => {
    const page = await open(DESKTOP)
    await ask(page, 'What is the local time in Tokyo?')
    await ended(page, 'stop')
    await ask(page, 'count to 300')
    await expect.poll(() => text(page)).toMatch(/, 40, /)
    await page.screenshot({ path: `${OUT}demo-mid-stream.png`, fullPage: true })
    expect(await page.getByRole('button', { name: 'Stop' }).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Stop' }).click()
    await page.close()
  })
})

describe('Ctrl-C', () => {
  it('stops the app and the emulator together', async () => {
    const emulatorUrl = /\((http:\/\/127\.0\.0\.1:\d+)\)/.exec(demo.banner)?.[1]
    expect((await fetch(`${emulatorUrl}/health`)).ok).toBe(true)
    demo.child.kill('SIGINT')
    expect(await demo.exited).toBe(0)
    await expect(fetch(demo.url)).rejects.toThrow()
    await expect(fetch(`${emulatorUrl}/health`)).rejects.toThrow()
  })
})
