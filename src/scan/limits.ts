/**
 * What one run reads at most. A pull request controls the files and `.kube-compat-gate.yml`, so
 * each limit has a ceiling that the configuration cannot raise: past it the file is skipped
 * with a warning that names it, and the cost of a run stays bounded by these numbers.
 */

/** A file larger than this is not read (`maxFileBytes` in the configuration lowers or raises it). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024

/** `maxFileBytes` cannot go past this. */
export const MAX_FILE_BYTES_CEILING = 8 * 1024 * 1024

/** Once the files read in one tree add up to this, the rest are skipped, each with a warning. */
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024

/**
 * A `.gitignore` larger than this is not applied (its directory is walked as if it had none):
 * each pattern is tried on every path below it, so 2 MB of patterns cost minutes.
 */
export const MAX_GITIGNORE_BYTES = 128 * 1024
