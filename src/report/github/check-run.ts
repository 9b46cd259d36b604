import type { GitHubClient } from '../../github/client.js'
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
 * One completed check run that carries every annotation, past the ten per type that
 * workflow commands get: the first request creates it with 50, each update appends 50 more.
 */
export async function publishCheckRun(client: GitHubClient, input: CheckRunInput): Promise<{ id: number; requests: number }> {
  const batches: CheckRunAnnotation[][] = []
  for (let i = 0; i < input.annotations.length; i += LIMITS.checkRunAnnotationsPerRequest) {
    batches.push(input.annotations.slice(i, i + LIMITS.checkRunAnnotationsPerRequest))
  }
  const output = (annotations: CheckRunAnnotation[] | undefined) => ({
    title: input.title,
    summary: fitText(input.summary, LIMITS.checkRunSummaryChars, '…the report is cut here; the job summary has all of it.'),
    ...(annotations && annotations.length > 0 ? { annotations } : {})
  })
  const repository = { owner: input.owner, repo: input.repo }
  const created = await client.rest.checks.create({
    ...repository,
    name: CHECK_RUN_NAME,
    head_sha: input.headSha,
    status: 'completed',
    conclusion: input.passed ? 'success' : 'failure',
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    output: output(batches[0])
  })
  for (const batch of batches.slice(1)) {
    await client.rest.checks.update({ ...repository, check_run_id: created.data.id, output: output(batch) })
  }
  return { id: created.data.id, requests: Math.max(1, batches.length) }
}
