import type { Declaration } from '../../model.js'
import { emptyExtraction, type Extraction, type Extractor } from '../extractors/extractor.js'
import type { SourceFile } from '../source-file.js'
import { chartReference } from './chart-reference.js'
import { devcontainerFeature } from './devcontainer-feature.js'
import { distroBuild } from './distro-build.js'
import type { Detector } from './detector.js'
import { viewOf } from './file-view.js'
import { formatOf, isScriptText, isTerraformOutput } from './formats.js'
import { kubernetesImage } from './kubernetes-image.js'
import { namedValue } from './named-value.js'
import { packageTask } from './package-task.js'
import { markInferred } from './prefer-exact.js'
import { releaseDownload } from './release-download.js'
import { renovateHint } from './renovate-hint.js'
import { toolPackage } from './tool-package.js'
import { vendoredLibrary } from './vendored-library.js'
import { vclusterConfigKeys } from './vcluster-config-keys.js'
import { workflowShaped } from './workflow-shaped.js'

/** Every generic detector. Adding one is adding a file and listing it here. */
export const DETECTORS: readonly Detector[] = [chartReference, kubernetesImage, namedValue, vclusterConfigKeys, releaseDownload, renovateHint, toolPackage, vendoredLibrary, workflowShaped, devcontainerFeature, distroBuild, packageTask]

/**
 * Every word some detector's text test needs, in one regular expression: one pass over each of a
 * monorepo's thousands of manifests instead of thirty searches (the detectors' own tests then run
 * on the few files that pass). Words are added under a first character already listed where
 * possible (`_channel` beside `_version`): each new first character made the pass over the
 * bench tree's files measurably slower (so `eatures"`, the JSON key `"features"` of a dev container, is found by its `e`). A test in detectors.test.ts keeps it in step with the detectors.
 */
export const DETECTOR_WORDS = /vcluster|kindest\/node|rancher\/k3s|k0sproject\/k0s|kube-(?:apiserver|controller-manager|scheduler|proxy)|loft|labring\/kubernetes|\/(?:k8s-)?kubectl|alpine\/k8s|_(?:ver(?:sion|\b)|VERSION|channel|CHANNEL)|[EeSs]VERSION|[es]version|-(?:version|with-kubernetes|sigs\/kind)|[sSrRdDlLeE]Version|eksctl|controlPlane|ControlPlane|version_prefix|microk8s|releases\/(?:download\/|latest)|k3s(?:\.io|\d)|k0s\.\d|rke2(?:\.io|r\d)|kube(?:_tag|adm|let)|k8s_release|dl\.k8s\.io|kubernetes-release|kind\.sigs\.k8s\.io\/dl|renovate:|steps:|MIN(?:IMAL)?_K8S|min(?:imal)?_k8s|upgrade\.cattle\.io|eatures"/

/** What a plain list (a `.txt` of images) is read for: its lines name things, they assign nothing. */
const LIST_DETECTORS = new Set([kubernetesImage.id])

function anyDetectorWord(text: string): boolean {
  return DETECTOR_WORDS.test(text)
}

/**
 * The generic layer as one extractor beside the exact ones: it reads every file whose format it
 * knows (YAML, JSON, HCL, TOML, templates, scripts, Makefiles, Dockerfiles, `.env`), skipping
 * vendored folders, lock files and change logs, and runs the detectors whose text test passes on
 * one shared view of the file. What it declares is `confidence: inferred`.
 */
export function genericLayer(detectors: readonly Detector[] = DETECTORS): Extractor {
  return {
    id: 'detectors',
    accepts: (path) => formatOf(path) !== undefined,
    mightDeclare: detectors === DETECTORS ? anyDetectorWord : (text) => detectors.some((detector) => detector.mightDetect(text)),
    extract(file: SourceFile): Extraction {
      const out = emptyExtraction()
      const format = formatOf(file.path)
      if (format === undefined || (format === 'shell' && !isScriptText(file.path, file.text)) || (format === 'yaml' && isTerraformOutput(file.text))) return out
      const applicable = detectors.filter((detector) => (format !== 'list' || LIST_DETECTORS.has(detector.id)) && detector.mightDetect(file.text))
      if (applicable.length === 0) return out
      const wanted = (documentText: string): boolean => applicable.some((detector) => detector.mightDetect(documentText))
      // It passes on the whole text (`applicable` is not empty): a document that is the whole file is not searched again.
      file.passesWhole(wanted)
      const view = viewOf(file, format, wanted)
      for (const detector of applicable) detector.detect(view, out)
      out.declarations = uniqueInferred(out.declarations)
      for (const diagnostic of out.diagnostics) markInferred(diagnostic)
      return out
    }
  }
}

/**
 * One declaration per place and component: two detectors (or two readings) of one token are one
 * finding. One token has one role too: a reading that saw the token given to a vcluster (a flag of a
 * command that creates one) is more specific than the default host reading of its name.
 */
function uniqueInferred(declarations: Declaration[]): Declaration[] {
  const virtual = new Set(declarations.filter((d) => d.role === 'virtual').map((d) => `${d.line}:${d.column}:${d.component}:${d.version}`))
  const seen = new Set<string>()
  return declarations.filter((d) => {
    const place = `${d.line}:${d.column}:${d.component}:${d.version}`
    if (d.role === 'host' && virtual.has(place)) return false
    const key = `${place}:${d.role ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
