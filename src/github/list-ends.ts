import { MAX_PAGES } from './bounded-list.js'

/** One page of a GitHub list, as Octokit answers it. */
export interface ListPage<T> {
  data: T[]
  headers: { link?: string }
}

export interface ListEnds<T> {
  items: T[]
  /** Pages in the middle of the list that were not read (none when the list was read whole). */
  skipped?: { from: number; to: number }
}

/**
 * A list read at both ends when it is too long to read whole: its first and last `MAX_PAGES / 2`
 * pages, found through the `rel="last"` page of GitHub's Link header. A pull request flooded
 * with 5,000 comments after the gate's first one kept that comment out of reach of a walk from
 * the front, and the gate's ✅ stayed up; the gate's comment is among the first ones (its first
 * run) or among the newest (a later run), and only a flood on both sides hides it. A list that
 * gives no last page is walked from the front, and fails as `listAll` does past `MAX_PAGES`.
 */
export async function listEnds<T>(page: (number: number) => Promise<ListPage<T>>, what: string): Promise<ListEnds<T>> {
  const first = await page(1)
  const items = [...first.data]
  const last = linkedPage(first.headers.link, 'last')
  if (last === undefined) {
    let next = linkedPage(first.headers.link, 'next')
    for (let read = 1; next !== undefined; read++) {
      if (read >= MAX_PAGES) throw new Error(`the ${what} has more than ${MAX_PAGES} pages, so the gate does not read it to the end`)
      const answer = await page(next)
      items.push(...answer.data)
      next = linkedPage(answer.headers.link, 'next')
    }
    return { items }
  }
  const half = MAX_PAGES / 2
  const whole = last <= MAX_PAGES
  const numbers = whole ? range(2, last) : [...range(2, half), ...range(last - half + 1, last)]
  for (const number of numbers) items.push(...(await page(number)).data)
  return whole ? { items } : { items, skipped: { from: half + 1, to: last - half } }
}

/** The page number a Link header names for `rel`, when it names one. */
export function linkedPage(link: string | undefined, rel: 'next' | 'last'): number | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="([^"]*)"/.exec(part)
    if (!match || !match[2]!.split(/\s+/).includes(rel)) continue
    let page: string | null
    try {
      page = new URL(match[1]!).searchParams.get('page')
    } catch {
      return undefined
    }
    const number = Number(page)
    return Number.isSafeInteger(number) && number >= 1 ? number : undefined
  }
  return undefined
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)
}
