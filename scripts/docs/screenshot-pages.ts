/**
 * The pages behind docs/screenshots/*.png: the job summary and the pull request comment that
 * the action writes for a pull request on a real-looking repository (thirty Argo CD
 * Applications of vcluster; the change moves one team to a k3s 1.32 tenant on vcluster 0.22.1,
 * the seed incident). The Markdown comes from the action's own renderers run on the real
 * pipeline; it is turned into HTML with GitHub-flavoured Markdown (marked) and GitHub's
 * Markdown stylesheet (github-markdown-css, linked from node_modules, not copied).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { marked } from 'marked'
import { runGate } from '../../src/pipeline.js'
import { renderComment } from '../../src/report/github/comment-body.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { platformGitops, writeTree } from '../../test/fixtures/generated/platform-gitops.js'

/** The day the reports are computed for, so end-of-life findings do not move with the calendar. */
export const SCREENSHOT_DATE = '2026-12-07'

/** A made-up repository and commit for the links; nothing is fetched from them. */
const REPOSITORY = 'https://github.com/acme-platform/platform-gitops'
const HEAD_SHA = '3f9c2d7a41be08c5d6e1f2a3b4c5d6e7f8091a2b'
const RUN_URL = `${REPOSITORY}/actions/runs/1234567890`

export interface ScreenshotPage {
  /** File name without extension: docs/screenshots/<name>.png. */
  name: string
  /** What the image shows, for its alt text. */
  title: string
  /** The Markdown the action writes. */
  markdown: string
  html: string
  /** Viewport width in CSS pixels. */
  width: number
  /** The screenshot is as tall as the page, up to this (the job summary goes on far below). */
  maxHeight: number
}

export async function screenshotPages(): Promise<ScreenshotPage[]> {
  const work = mkdtempSync(join(tmpdir(), 'kcg-screenshots-'))
  try {
    const base = join(work, 'base')
    const head = join(work, 'head')
    // The base branch: every team healthy. The head: the pull request that moves one team.
    writeTree(base, platformGitops({ brokenTeam: undefined }))
    writeTree(head, platformGitops())
    const result = await runGate({ root: head, baseRoot: base, failOn: 'error', failScope: 'new', date: SCREENSHOT_DATE })
    const link = (file: string, line: number) => `${REPOSITORY}/blob/${HEAD_SHA}/${file}#L${line}`
    const summary = renderMarkdown(result.report, { grids: result.grids(), link })
    const comment = renderComment(result.report, {
      marker: '<!-- kube-compat-gate:pr-comment path=. -->',
      sha: HEAD_SHA,
      runUrl: RUN_URL,
      previous: false,
      link
    })
    return [
      { name: 'job-summary', title: 'The job summary of a pull request that moves one of thirty vclusters to a k3s 1.32 tenant on vcluster 0.22.1', markdown: summary, html: page('Summary', summary, 'summary'), width: 1012, maxHeight: 1800 },
      { name: 'pr-comment', title: 'The pull request comment for the same change', markdown: comment, html: page('github-actions commented', comment, 'comment'), width: 1012, maxHeight: 1800 }
    ]
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** A page that frames the rendered Markdown the way GitHub shows a job summary or a comment. */
function page(heading: string, markdown: string, kind: 'summary' | 'comment'): string {
  const stylesheet = pathToFileURL(createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css')).href
  const body = marked.parse(markdown, { gfm: true, async: false })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="stylesheet" href="${stylesheet}">
<style>
  body { margin: 0; padding: 24px; background: #f6f8fa; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
  .frame { max-width: 940px; margin: 0 auto; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; }
  .frame > header { padding: 10px 16px; border-bottom: 1px solid #d1d9e0; background: ${kind === 'comment' ? '#f6f8fa' : '#fff'}; font-size: 14px; font-weight: 600; color: #1f2328; }
  .markdown-body { padding: 16px 24px; font-size: 14px; }
</style>
<title>${heading}</title>
</head>
<body>
<div class="frame"><header>${heading}</header><article class="markdown-body">
${body}
</article></div>
<script>document.documentElement.dataset.height = String(document.documentElement.scrollHeight)</script>
</body>
</html>
`
}
