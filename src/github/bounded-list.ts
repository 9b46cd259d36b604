/** Pages of 100 a list may have; a pull request with more than 5,000 comments is not a real one. */
export const MAX_PAGES = 50

/**
 * `client.paginate` that stops after `MAX_PAGES` pages and then fails, so the caller's warning
 * says what happened: every page of a list that never ends answers fast, so no deadline fires.
 */
export async function listAll<T>(paginate: (done: () => void) => Promise<T[]>, what: string): Promise<T[]> {
  let stopped = false
  const items = await paginate(() => (stopped = true))
  if (stopped) throw new Error(`the ${what} has more than ${MAX_PAGES} pages, so the gate does not read it to the end`)
  return items
}

/** The map function for `client.paginate` that counts pages and calls `stop` at the limit. */
export function pageCounter<T>(stop: () => void): (response: { data: T[] }, done: () => void) => T[] {
  let pages = 0
  return (response, done) => {
    if (++pages >= MAX_PAGES) {
      stop()
      done()
    }
    return response.data
  }
}
