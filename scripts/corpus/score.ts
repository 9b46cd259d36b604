/**
 * npm run corpus:score [-- --labels DIR] [--mirror DIR] [--repo OWNER/NAME] [--quiet]
 *                         [--min-recall 0.9] [--min-precision 0.98]
 * npm run corpus:score -- --shapes test/fixtures/corpus-shapes    (the CI fixtures: <shape>/labels.yaml + <shape>/repo/)
 *
 * For each label file: materialise the pinned commit from the local snapshot, run the scanner,
 * match its declarations to the hand labels and print recall and precision per repository and
 * overall, with the misses and false positives. A repository without a snapshot is skipped.
 * Exits 0 unless a --min-* bar is given and missed (then 1); 2 for bad arguments or labels.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { LabelError, readLabelDirectory, readLabelFile, type RepositoryLabels } from './labels.js'
import { addUp, precision, recall, scoreRepository, type RepositoryScore } from './match.js'
import { reportOf } from './scan.js'
import { findGitDirectory, hasCommit, materialise } from './snapshot.js'

const DEFAULT_LABELS = join(import.meta.dirname, '..', '..', 'test', 'corpus', 'labels')
const DEFAULT_MIRROR = process.env.KCG_CORPUS_MIRROR ?? '/work/.mirror'

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`

function bar(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number) || number < 0 || number > 1) throw new LabelError(`--${name} takes a share between 0 and 1, not '${value}'`)
  return number
}

/** A corpus-shapes directory: each `<shape>/labels.yaml` with the tree to scan in `<shape>/repo/`. */
function readShapes(directory: string): { labels: RepositoryLabels; root: string }[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(directory, entry.name, 'labels.yaml')))
    .map((entry) => entry.name)
    .sort()
    .map((shape) => ({ labels: readLabelFile(join(directory, shape, 'labels.yaml')), root: join(directory, shape, 'repo') }))
}

async function scoreOne(labels: RepositoryLabels, mirror: string, root?: string): Promise<RepositoryScore | string> {
  if (root !== undefined) return scoreRepository(labels.labels, await reportOf(root), labels.unversioned)
  if (labels.commit === undefined) return 'skipped: the label file pins no commit'
  const gitDirectory = findGitDirectory(mirror, labels.repository)
  if (gitDirectory === undefined) return `skipped: no snapshot under ${mirror}`
  if (!hasCommit(gitDirectory, labels.commit)) return `skipped: the snapshot lacks commit ${labels.commit.slice(0, 12)}`
  const tree = await materialise(gitDirectory, labels.commit)
  try {
    return scoreRepository(labels.labels, await reportOf(tree.root), labels.unversioned)
  } catch (error) {
    return `error: the scan failed: ${(error as Error).message.split('\n')[0]}`
  } finally {
    rmSync(tree.root, { recursive: true, force: true })
  }
}

function printRepository(repository: string, score: RepositoryScore, quiet: boolean): void {
  console.log(
    `${repository}: labelled ${score.labelled}, found ${score.found}, recall ${percent(recall(score))}; ` +
      `declared ${score.declared}, false positives ${score.falsePositives.length}, precision ${percent(precision({ declared: score.declared, falsePositives: score.falsePositives.length }))}`
  )
  if (score.silentPass) console.log('  SILENT PASS: the report declares nothing and diagnoses nothing')
  for (const use of score.silentAbout) console.log(`  silent about ${use.file}:${use.line} ${use.component} used without a version${use.note ? ` (${use.note})` : ''}`)
  if (quiet) return
  for (const miss of score.misses)
    console.log(`  miss  ${miss.file}:${miss.line} ${miss.component}${miss.role ? `/${miss.role}` : ''} ${miss.version}${miss.raw ? `  (${miss.raw})` : ''}`)
  for (const extra of score.falsePositives)
    console.log(`  false ${extra.file}:${extra.line} ${extra.component}${extra.role ? `/${extra.role}` : ''} ${extra.version}  [${extra.source ?? '?'}]`)
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      labels: { type: 'string' },
      shapes: { type: 'string' },
      mirror: { type: 'string' },
      repo: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      'min-recall': { type: 'string' },
      'min-precision': { type: 'string' }
    }
  })
  const minRecall = bar(values['min-recall'], 'min-recall')
  const minPrecision = bar(values['min-precision'], 'min-precision')
  const mirror = values.mirror ?? DEFAULT_MIRROR
  const wanted = values.repo ? new Set(values.repo) : undefined
  const all = (
    values.shapes !== undefined
      ? readShapes(values.shapes)
      : readLabelDirectory(values.labels ?? DEFAULT_LABELS).map((labels) => ({ labels, root: undefined }))
  ).filter(({ labels }) => !wanted || wanted.has(labels.repository))

  const scores: RepositoryScore[] = []
  let skipped = 0
  for (const { labels, root } of all) {
    const result = await scoreOne(labels, mirror, root)
    if (typeof result === 'string') {
      console.log(`${labels.repository}: ${result}`)
      skipped++
      continue
    }
    scores.push(result)
    printRepository(labels.repository, result, values.quiet === true)
  }
  const totals = addUp(scores)
  const unversioned = all.reduce((sum, { labels }) => sum + labels.unversioned.length, 0)
  const silentAbout = scores.reduce((sum, score) => sum + score.silentAbout.length, 0)
  const silentPasses = scores.filter((score) => score.silentPass).length
  const meanRecall = scores.length === 0 ? 1 : scores.reduce((sum, score) => sum + recall(score), 0) / scores.length
  console.log(
    `\noverall (${scores.length} repositories scored, ${skipped} skipped): labelled ${totals.labelled}, found ${totals.found}, ` +
      `recall ${percent(recall(totals))} (mean per repository ${percent(meanRecall)}); declared ${totals.declared}, ` +
      `false positives ${totals.falsePositives}, precision ${percent(precision(totals))}\n` +
      `uses without a version: ${unversioned - silentAbout} of ${unversioned} mentioned by the report; silent passes: ${silentPasses}`
  )
  let failed = false
  if (minRecall !== undefined && recall(totals) < minRecall) {
    console.log(`recall ${percent(recall(totals))} is below --min-recall ${percent(minRecall)}`)
    failed = true
  }
  if (minPrecision !== undefined && precision(totals) < minPrecision) {
    console.log(`precision ${percent(precision(totals))} is below --min-precision ${percent(minPrecision)}`)
    failed = true
  }
  return failed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof LabelError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error((error as Error).message)
      process.exit(2)
    }
    console.error(process.env.DEBUG ? error : `corpus:score failed: ${(error as Error).message}`)
    process.exit(2)
  }
)
