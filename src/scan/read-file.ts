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
 * trips per file) until a read returns nothing, as a read of at most `maxBytes` + 1 bytes:
 * the walk needs no stat, and neither does a file that reads as it should. fstat is asked
 * only when something is odd, to say what the file is: nothing read (a FIFO put in place of
 * the file after the walk reads as empty), more than the limit read, or a read that failed.
 */
export function readFileBytes(absolute: string, maxBytes: number): FileBytes {
  let fd: number
  try {
    fd = openSync(absolute, OPEN_FLAGS)
  } catch (error) {
    return { ok: false, code: errorCode(error) }
  }
  try {
    let length = 0
    for (;;) {
      if (length === shared.length) shared = grown(shared, length * 2)
      const read = readSync(fd, shared, length, Math.min(shared.length, maxBytes + 1) - length, null)
      if (read === 0) break
      length += read
      if (length > maxBytes) return overLimit(fd, length)
    }
    if (length === 0 && !isRegularFile(fd)) return { ok: false, notRegular: true }
    return { ok: true, bytes: shared.subarray(0, length) }
  } catch (error) {
    // A directory or a FIFO with a writer (EISDIR, EAGAIN): say what it is rather than the code.
    return isRegularFile(fd) ? { ok: false, code: errorCode(error) } : { ok: false, notRegular: true }
  } finally {
    closeSync(fd)
  }
}

/** More than `maxBytes` were read: the size is the file's (fstat), or what was read when it says less (procfs). */
function overLimit(fd: number, read: number): FileBytes {
  const stats = fstatSync(fd)
  if (!stats.isFile()) return { ok: false, notRegular: true }
  return { ok: false, size: Math.max(stats.size, read) }
}

function isRegularFile(fd: number): boolean {
  try {
    return fstatSync(fd).isFile()
  } catch {
    return false
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
