import { describe, expect, it } from 'vitest'
import { listAll, MAX_PAGES, pageCounter } from '../../src/github/bounded-list.js'

/** Walks pages as Octokit's paginate does: the map function of each page, until `done` or the last page. */
async function walk<T>(pages: number, item: T, map: (response: { data: T[] }, done: () => void) => T[]): Promise<T[]> {
  const out: T[] = []
  let finished = false
  for (let page = 0; page < pages && !finished; page++) out.push(...map({ data: [item] }, () => (finished = true)))
  return out
}

describe('a GitHub list walked page by page', () => {
  it('ends, and fails saying so, when the list never ends (every page fast)', async () => {
    let walked = 0
    const counted = (stop: () => void) => {
      const map = pageCounter<number>(stop)
      return (response: { data: number[] }, done: () => void) => (walked++, map(response, done))
    }
    await expect(listAll((stop) => walk(1_000_000, 1, counted(stop)), 'comment list')).rejects.toThrow(
      `the comment list has more than ${MAX_PAGES} pages`
    )
    expect(walked).toBeLessThanOrEqual(MAX_PAGES)
  })

  it('gives every item of a list within the limit', async () => {
    expect(await listAll((stop) => walk(MAX_PAGES - 1, 'c', pageCounter(stop)), 'comment list')).toHaveLength(MAX_PAGES - 1)
  })
})
