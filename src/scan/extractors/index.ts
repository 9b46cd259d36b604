import { genericLayer } from '../detectors/index.js'
import { versionList } from '../detectors/version-list.js'
import { chartArchive } from '../chart-archive.js'
import { argocdApplication } from './argocd-application.js'
import { clusterApiVcluster } from './cluster-api-vcluster.js'
import { ciScripts, jenkinsfile } from './ci-scripts.js'
import { clusterManifests } from './cluster-manifests.js'
import { compose } from './compose.js'
import type { Extractor } from './extractor.js'
import { fleet } from './fleet.js'
import { fluxHelmRelease } from './flux-helmrelease.js'
import { githubWorkflow } from './github-workflow.js'
import { helmChart } from './helm-chart.js'
import { helmfile } from './helmfile.js'
import { k3sHelmChart } from './k3s-helmchart.js'
import { kindConfig } from './kind-config.js'
import { kustomization } from './kustomization.js'
import { shellScript } from './shell-script.js'
import { terraform } from './terraform.js'
import { toolVersions } from './tool-versions.js'
import { manifestApi } from './manifest-api.js'
import { manifestClusterSettings } from './manifest-cluster-settings.js'
import { manifestPodFeatures } from './manifest-pod-features.js'
import { manifestVclusterConfig } from './manifest-vcluster-config.js'
import { scriptCommands } from './script-commands.js'
import { vclusterValues } from './vcluster-values.js'

/**
 * Every source kind the scanner reads. Adding a source is adding it here. `apiVersions`
 * limits the APIs manifests are searched for (undefined: every API).
 */
export function extractorsFor(apiVersions?: ReadonlySet<string>): readonly Extractor[] {
  return [
    vclusterValues,
    helmChart,
    chartArchive,
    kindConfig,
    argocdApplication,
    fluxHelmRelease,
    helmfile,
    fleet,
    kustomization,
    clusterManifests,
    clusterApiVcluster,
    githubWorkflow,
    shellScript,
    ciScripts,
    jenkinsfile,
    terraform,
    toolVersions,
    compose,
    k3sHelmChart,
    manifestApi(apiVersions),
    manifestPodFeatures,
    manifestClusterSettings,
    manifestVclusterConfig,
    scriptCommands,
    versionList,
    // Last: what it finds is kept only where no extractor above declared the same thing.
    genericLayer()
  ]
}

/** Every source kind, every API recorded. */
export const EXTRACTORS: readonly Extractor[] = extractorsFor()
