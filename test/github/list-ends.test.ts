import { describe, expect, it } from 'vitest'
import { MAX_PAGES } from '../../src/github/bounded-list.js'
import { linkedPage, listEnds, type ListPage } from '../../src/github/list-ends.js'

/** A list of `count` numbered items served in pages of `perPage`, as GitHub does (Link: next and last), recording the pages asked. */
function pagedList(count: number, perPage: number, links: 'next and last' | 'next only' = 'next and last') {
  const asked: number[] = []
  const last = Math.max(1, Math.ceil(count / perPage))
  const page = async (number: number): Promise<ListPage<number>> => {
    asked.push(number)
    const data = Array.from({ length: Math.max(0, Math.min(perPage, count - (number - 1) * perPage)) }, (_, i) => (number - 1) * perPage + i)
    const at = (n: number) => `<https://api.github.com/repositories/1/issues/7/comments?per_page=${perPage}&page=${n}>`
    const link = number >= last ? undefined : links === 'next only' ? `${at(number + 1)}; rel="next"` : `${at(number + 1)}; rel="next", ${at(last)}; rel="last"`
    return { data, headers: link ? { link } : {} }
  }
  return { page, asked }
}

describe('a GitHub list read at both ends', () => {
  it.each([
    ['one page', 7, [1], undefined],
    ['exactly the page limit', MAX_PAGES * 10, Array.from({ length: MAX_PAGES }, (_, i) => i + 1), undefined],
    ['two pages over the limit (5,100 comments + the gate\'s, 100 a page, as redteam R11)', (MAX_PAGES + 2) * 10, [...Array.from({ length: MAX_PAGES / 2 }, (_, i) => i + 1), ...Array.from({ length: MAX_PAGES / 2 }, (_, i) => i + 3 + MAX_PAGES / 2)], { from: MAX_PAGES / 2 + 1, to: MAX_PAGES / 2 + 2 }]
  ])('%s: reads the first and the last pages, never more than the limit', async (_name, count, pages, skipped) => {
    const list = pagedList(count, 10)
    const read = await listEnds(list.page, 'comment list')
    expect(list.asked).toEqual(pages)
    expect(read.skipped).toEqual(skipped)
    expect(read.items[0]).toBe(0)
    expect(read.items.at(-1)).toBe(count - 1)
  })

  it('walks from the front a list that names no last page, and fails past the limit saying so', async () => {
    expect((await listEnds(pagedList(35, 10, 'next only').page, 'comment list')).items).toHaveLength(35)
    const endless = pagedList(1_000_000, 10, 'next only')
    await expect(listEnds(endless.page, 'comment list')).rejects.toThrow(`the comment list has more than ${MAX_PAGES} pages`)
    expect(endless.asked.length).toBeLessThanOrEqual(MAX_PAGES)
  })

  it.each([
    ['<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?per_page=100&page=52>; rel="last"', 'last', 52],
    ['<https://api.github.com/x?page=2>; rel="next"', 'last', undefined],
    ['<https://api.github.com/x?page=0>; rel="last"', 'last', undefined],
    ['<not a url>; rel="last"', 'last', undefined],
    [undefined, 'next', undefined]
  ] as const)('linkedPage(%j, %s) is %j', (link, rel, page) => {
    expect(linkedPage(link, rel)).toBe(page)
  })
})
