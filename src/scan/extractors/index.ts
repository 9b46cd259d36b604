import type { Extractor } from './extractor.js'
import { helmChart } from './helm-chart.js'
import { kindConfig } from './kind-config.js'
import { vclusterValues } from './vcluster-values.js'

/** Every source kind the scanner reads. Adding a source is adding it here. */
export const EXTRACTORS: readonly Extractor[] = [vclusterValues, helmChart, kindConfig]
