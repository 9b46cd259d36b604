import { execFileSync } from 'node:child_process'
import { appendFileSync, existsSync } from 'node:fs'
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

/**
 * Makes the generated tree a pull request: its files committed as the base, then a head commit
 * that edits four declaring files (a comment line added to each of the first four seed-incident
 * files, so the scan's findings stay what the checks expect). Kept when the tree is reused.
 * Returns the base commit for `scan --base`.
 */
export function preparePullRequest(repo, log) {
  const git = (...args) => execFileSync('git', ['-C', repo.root, ...args], { env: COMMIT_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim()
  if (existsSync(join(repo.root, '.git'))) return { base: git('rev-list', '--max-parents=0', 'HEAD'), changedFiles: CHANGED_FILES }
  log(`committing ${repo.summary.files} files as the pull request's base`)
  git('init', '-q', '-b', 'main')
  git('config', 'commit.gpgsign', 'false')
  git('add', '-A')
  git('commit', '-q', '-m', 'base')
  const base = git('rev-parse', 'HEAD')
  for (const file of repo.summary.seedIncidentFiles.slice(0, CHANGED_FILES)) appendFileSync(join(repo.root, file), '# touched by the pull request\n')
  git('commit', '-q', '-a', '-m', 'head')
  return { base, changedFiles: CHANGED_FILES }
}
