import { isMap } from 'yaml'
import { githubWorkflow, readWorkflow } from '../extractors/github-workflow.js'
import type { Extraction } from '../extractors/extractor.js'
import { literal } from '../extractors/literal.js'
import type { Detector } from './detector.js'

const STEPS = literal('steps:')
import type { FileView } from './file-view.js'

/**
 * A YAML document with `jobs:` whose jobs have `steps:` is a GitHub Actions workflow wherever it
 * is kept (a reusable workflow under `ci/`, a template folder): read exactly as one, its
 * declarations reported as inferred, since only its shape says what it is.
 */
export const workflowShaped: Detector = {
  id: 'workflow-shaped',
  mightDetect: (text) => STEPS.foundIn(text) && text.includes('jobs'),
  detect(view: FileView, out: Extraction): void {
    if (view.format !== 'yaml' || githubWorkflow.accepts(view.file.path)) return
    for (const { doc } of view.file.yaml(workflowShaped.mightDetect).documents) {
      const jobs = isMap(doc.contents) ? doc.contents.get('jobs', true) : undefined
      if (!isMap(jobs) || !jobs.items.some((job) => isMap(job.value) && job.value.has('steps'))) continue
      const read: Extraction = { declarations: [], diagnostics: [], links: [], providers: [], distros: [], deploys: [], uses: [], values: [] }
      readWorkflow(read, view.file, doc.contents)
      for (const declaration of read.declarations) {
        declaration.source = workflowShaped.id
        declaration.confidence = 'inferred'
      }
      out.declarations.push(...read.declarations)
      out.diagnostics.push(...read.diagnostics)
      out.links?.push(...(read.links ?? []))
      out.deploys?.push(...(read.deploys ?? []))
      out.distros?.push(...(read.distros ?? []))
    }
  }
}
