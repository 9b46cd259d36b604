import { randomUUID } from 'node:crypto'
import type { GitHubClient } from '../../github/client.js'
import { createdId, createOnce, NO_BLIND_RETRY } from '../../github/create-once.js'
import type { CheckRunAnnotation } from './annotations.js'
import { LIMITS, fitText } from './limits.js'

export const CHECK_RUN_NAME = 'kube-compat-gate'

export interface CheckRunInput {
  owner: string
  repo: string
  headSha: string
  passed: boolean
  title: string
  summary: string
  annotations: readonly CheckRunAnnotation[]
  detailsUrl: string | undefined
}

/**
 * One completed check run that carries the annotations past the ten per type that workflow
 * commands get, the most important first: the first request creates it with 50, each update
 * appends 50 more, up to LIMITS.checkRunAnnotationsTotal; the summary says how many were left out.
 */
export async function publishCheckRun(client: GitHubClient, input: CheckRunInput): Promise<{ id: number; requests: number }> {
  const carried = input.annotations.slice(0, LIMITS.checkRunAnnotationsTotal)
  const left = input.annotations.length - carried.length
  const batches: CheckRunAnnotation[][] = []
  for (let i = 0; i < carried.length; i += LIMITS.checkRunAnnotationsPerRequest) {
    batches.push(carried.slice(i, i + LIMITS.checkRunAnnotationsPerRequest))
  }
  const leftNote = left > 0 ? `> ${left} more location${left === 1 ? ' is' : 's are'} not annotated in this check run (${byLevel(input.annotations.slice(carried.length))}; it carries the first ${carried.length}, errors first); the job summary and SARIF list every one.\n\n` : ''
  const output = (annotations: CheckRunAnnotation[] | undefined) => ({
    title: input.title,
    summary: fitText(`${leftNote}${input.summary}`, LIMITS.checkRunSummaryChars, '…the report is cut here; the job summary has all of it.'),
    ...(annotations && annotations.length > 0 ? { annotations } : {})
  })
  const repository = { owner: input.owner, repo: input.repo }
  // Names this very creation, so that a retry can find what a failed attempt made instead of adding a second one.
  const externalId = randomUUID()
  const created = await createOnce(
    async () =>
      createdId(
        (
          await client.rest.checks.create({
            ...repository,
            name: CHECK_RUN_NAME,
            head_sha: input.headSha,
            status: 'completed',
            conclusion: input.passed ? 'success' : 'failure',
            external_id: externalId,
            ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
            output: output(batches[0]),
            ...NO_BLIND_RETRY
          })
        ).data,
        'a check run'
      ),
    async () =>
      (await client.rest.checks.listForRef({ ...repository, ref: input.headSha, check_name: CHECK_RUN_NAME, filter: 'all', per_page: 100 })).data.check_runs.find(
        (run) => run.external_id === externalId
      )
  )
  for (const batch of batches.slice(1)) {
    await client.rest.checks.update({ ...repository, check_run_id: created.id, output: output(batch) })
  }
  return { id: created.id, requests: Math.max(1, batches.length) }
}

/** "3 failures, 200 warnings": what was left out, by level. */
function byLevel(annotations: readonly CheckRunAnnotation[]): string {
  const counts = new Map<string, number>()
  for (const annotation of annotations) counts.set(annotation.annotation_level, (counts.get(annotation.annotation_level) ?? 0) + 1)
  return (['failure', 'warning', 'notice'] as const)
    .filter((level) => counts.has(level))
    .map((level) => `${counts.get(level)} ${level}${counts.get(level) === 1 ? '' : 's'}`)
    .join(', ')
}
