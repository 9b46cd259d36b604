import type { Extractor } from './extractor.js'
import { helmChart } from './helm-chart.js'
import { kindConfig } from './kind-config.js'
import { manifestApi } from './manifest-api.js'
import { manifestClusterSettings } from './manifest-cluster-settings.js'
import { manifestPodFeatures } from './manifest-pod-features.js'
import { manifestVclusterConfig } from './manifest-vcluster-config.js'
import { scriptCommands } from './script-commands.js'
import { vclusterValues } from './vcluster-values.js'

/** Every source kind the scanner reads. Adding a source is adding it here. */
export const EXTRACTORS: readonly Extractor[] = [
  vclusterValues,
  helmChart,
  kindConfig,
  manifestApi,
  manifestPodFeatures,
  manifestClusterSettings,
  manifestVclusterConfig,
  scriptCommands
]
