import { execFileSync } from 'node:child_process'
import { appendFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const CHANGED_FILES = 4
const COMMIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_AUTHOR_DATE: '2026-12-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-12-01T00:00:00Z'
}

/** Where the second base is kept in the tree's repository, so that a reused tree keeps it. */
const VERSION_BASE_REF = 'refs/bench/version-base'

/**
 * Makes the generated tree a pull request: its files committed as the base, then a head commit
 * that edits four declaring files (a comment line added to each of the first four seed-incident
 * files, so the scan's findings stay what the checks expect). Kept when the tree is reused.
 * Returns the base commit for `scan --base`, and `versionBase`: a second base from which the head
 * changes a declared version (see versionBaseOf).
 */
export function preparePullRequest(repo, log) {
  const git = (...args) => execFileSync('git', ['-C', repo.root, ...args], { env: COMMIT_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim()
  if (existsSync(join(repo.root, '.git'))) {
    const base = git('rev-list', '--max-parents=0', 'HEAD')
    return { base, changedFiles: CHANGED_FILES, versionBase: versionBaseOf(repo, base, git, log) }
  }
  log(`committing ${repo.summary.files} files as the pull request's base`)
  git('init', '-q', '-b', 'main')
  git('config', 'commit.gpgsign', 'false')
  git('add', '-A')
  git('commit', '-q', '-m', 'base')
  const base = git('rev-parse', 'HEAD')
  for (const file of repo.summary.seedIncidentFiles.slice(0, CHANGED_FILES)) appendFileSync(join(repo.root, file), '# touched by the pull request\n')
  git('commit', '-q', '-a', '-m', 'head')
  return { base, changedFiles: CHANGED_FILES, versionBase: versionBaseOf(repo, base, git, log) }
}

/**
 * The pull request that changes a version, the common one: a commit beside the head (its parent
 * is the base) whose first seed-incident file declares vcluster 0.21.4 where the head declares
 * 0.22.x, so the head upgrades one release. Everything else is the head's; `scan --base` on it
 * reads one changed file and must resolve and evaluate the base (its declarations differ from
 * the head's). Written from git objects with a throwaway index: the work tree is not touched.
 */
function versionBaseOf(repo, base, git, log) {
  const existing = (() => {
    try {
      return git('rev-parse', '--verify', '--quiet', VERSION_BASE_REF)
    } catch {
      return ''
    }
  })()
  if (existing !== '') return { sha: existing, file: repo.summary.seedIncidentFiles[0] }
  const file = repo.summary.seedIncidentFiles[0]
  const text = execFileSync('git', ['-C', repo.root, 'show', `HEAD:${file}`], { encoding: 'utf8' })
  const older = text.replace(/\b0\.22\.\d+\b/, '0.21.4')
  if (older === text) throw new Error(`${file} declares no vcluster 0.22.x to change for the version-changing pull request`)
  log(`committing the version-changing pull request's base (${file}: vcluster 0.21.4)`)
  const index = join(repo.root, '.git', 'bench-version-base.index')
  const withIndex = (...args) => execFileSync('git', ['-C', repo.root, ...args], { env: { ...COMMIT_ENV, GIT_INDEX_FILE: index }, encoding: 'utf8', input: args[0] === 'hash-object' ? older : undefined }).trim()
  try {
    withIndex('read-tree', 'HEAD')
    const blob = withIndex('hash-object', '-w', '--stdin')
    withIndex('update-index', '--cacheinfo', `100644,${blob},${file}`)
    const tree = withIndex('write-tree')
    const sha = withIndex('commit-tree', tree, '-p', base, '-m', 'base of a pull request that changes a version')
    git('update-ref', VERSION_BASE_REF, sha)
    return { sha, file }
  } finally {
    rmSync(index, { force: true })
  }
}
