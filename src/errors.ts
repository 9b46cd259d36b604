/** The user asked for something the tool cannot do (bad flag, bad input value). Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A message for people from anything thrown; stack traces only when DEBUG is set. */
export function describeError(error: unknown): string {
  if (process.env.DEBUG && error instanceof Error && error.stack) return error.stack
  return error instanceof Error ? error.message : String(error)
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied for the user running the gate',
  EPERM: 'the operating system does not allow it',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device'
}

/** "cannot read X: permission denied …" instead of a bare `EACCES`. */
export function describeFileError(error: unknown, action: string, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const reason = (code && FILE_ERRORS[code]) ?? (code ? code : error instanceof Error ? error.message : String(error))
  return `cannot ${action} ${path}: ${reason}`
}
