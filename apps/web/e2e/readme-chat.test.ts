import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, launchChromium } from './browser.js'
import { type ReadmePage, readmeExample, serveExample } from './readme-page.js'

// The "A chat" example of packages/react/README.md, as a user copies it, in Debian's headless Chromium.
let example: ReadmePage
let browser: Browser

beforeAll(async () => {
  const code = readmeExample('packages/react/README.md', 'A chat')
  ;[example, browser] = await Promise.all([serveExample(code, 'Chat'), launchChromium()])
})

afterAll(async () => {
  await browser?.close()
  await example?.close()
})

/** The page, with the chat requests it sends and the errors it throws (unhandled rejections included). */
async function open(): Promise<{ page: Page; posts: () => number; errors: string[] }> {
  const page = await browser.context.newPage()
  let posts = 0
  const errors: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/chat') posts++
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(example.url)
  return { page, posts: () => posts, errors }
}

const box = (page: Page) => page.locator('input')
const userMessages = (page: Page) => page.locator('p', { has: page.locator('b', { hasText: /^user$/ }) })

/** Sends a long count and waits until its reply streams. */
async function streamLongReply(page: Page): Promise<void> {
  await box(page).fill('count to 2000')
  await box(page).press('Enter')
  await expect.poll(() => page.locator('p').last().textContent()).toMatch(/^assistant 1, 2, 3/)
}

describe('the README chat', () => {
  it('Stop while a reply streams stops it and sends nothing (no blank message)', async () => {
    const { page, posts, errors } = await open()
    await streamLongReply(page)
    await page.getByRole('button', { name: 'Stop' }).click()
    await expect.poll(() => page.locator('p').last().textContent()).toMatch(/ \(stopped\)$/)
    expect(posts()).toBe(1)
    expect(await userMessages(page).allTextContents()).toEqual(['user count to 2000'])
    expect(errors).toEqual([])
    await page.close()
  })

  it('Enter while a reply streams sends nothing and keeps the draft; after Stop, Enter sends it', async () => {
    const { page, posts, errors } = await open()
    await streamLongReply(page)
    await box(page).fill('count to 3')
    await box(page).press('Enter')
    // Whatever a submit would have done, it does in this task: the draft and the request count tell.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)))
    expect(await box(page).inputValue()).toBe('count to 3')
    expect(posts()).toBe(1)
    expect(errors).toEqual([])
    await page.getByRole('button', { name: 'Stop' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true)
    await box(page).press('Enter')
    await expect.poll(() => page.locator('p').last().textContent()).toBe('assistant 1, 2, 3.')
    expect(await box(page).inputValue()).toBe('')
    expect(posts()).toBe(2)
    expect(errors).toEqual([])
    await page.close()
  })
})
