import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'

export type FileBytes =
  | { ok: true; bytes: Buffer }
  | { ok: false; code: string }
  | { ok: false; notRegular: true }
  | { ok: false; size: number }

// O_NONBLOCK: a FIFO put in place of a file after the walk must not block the open.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * One buffer serves every read: on a warm page cache a read is a memory copy, and a fresh
 * allocation per file costs more than that. The bytes are valid until the next read; callers
 * decode them before reading another file.
 */
let shared: Buffer = Buffer.allocUnsafe(256 * 1024)

/**
 * The bytes of a file, read synchronously (the promise API costs several thread-pool round
 * trips per file). The size limit is checked on the opened file, so the walk needs no stat,
 * and while reading a file whose size fstat does not tell.
 */
export function readFileBytes(absolute: string, maxBytes: number): FileBytes {
  let fd: number
  try {
    fd = openSync(absolute, OPEN_FLAGS)
  } catch (error) {
    return { ok: false, code: errorCode(error) }
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) return { ok: false, notRegular: true }
    if (stats.size > maxBytes) return { ok: false, size: stats.size }
    if (shared.length < stats.size) shared = Buffer.allocUnsafe(stats.size)
    let length = 0
    // As readFileSync does: up to the size fstat gave, with no read just to see the end; a
    // file that says 0 bytes (procfs and the like) is read until a read returns nothing.
    while (stats.size === 0 || length < stats.size) {
      if (length === shared.length) shared = grown(shared, length * 2)
      const read = readSync(fd, shared, length, shared.length - length, null)
      if (read === 0) break
      length += read
      if (length > maxBytes) return { ok: false, size: length }
    }
    return { ok: true, bytes: shared.subarray(0, length) }
  } catch (error) {
    return { ok: false, code: errorCode(error) }
  } finally {
    closeSync(fd)
  }
}

function grown(buffer: Buffer, length: number): Buffer {
  const larger = Buffer.allocUnsafe(length)
  buffer.copy(larger)
  return larger
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error'
}
