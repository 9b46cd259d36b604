import { gunzipSync } from 'node:zlib'
import { parseTar } from 'nanotar'
import { isMap } from 'yaml'
import { emptyExtraction, type Extraction, type Extractor } from './extractors/extractor.js'
import { readChartFacts } from './extractors/helm-chart.js'
import { basenameOf, dirnameOf } from './paths.js'
import { SourceFile } from './source-file.js'

/**
 * What a chart archive unpacks to at most, in memory (never on disk): a packaged vcluster chart
 * is about 50 KB gzipped and under 1 MB unpacked; gzip can turn 2 MB into gigabytes of zeros.
 */
const MAX_UNPACKED_BYTES = 16 * 1024 * 1024
/** The archive's `Chart.yaml` is read only up to this size. */
const MAX_CHART_FILE_BYTES = 256 * 1024

/** A packaged chart in an umbrella's `charts/` folder, as `helm dependency build` writes it (`charts/vcluster-0.22.1.tgz`). */
export function isChartArchive(path: string): boolean {
  return /(?:^|\/)charts\/[^/]+\.tgz$/.test(path)
}

/**
 * Helm installs what an umbrella's `charts/` folder holds, archives included: the archive's own
 * `Chart.yaml` (`<chart>/Chart.yaml`) says which chart and version it is. The archive is
 * gunzipped in memory with a size cap and its tar entries are listed by `nanotar`; nothing is
 * written out or run. Its declarations point at the archive (line 1): there is no line to edit
 * inside it.
 */
export const chartArchive: Extractor = {
  id: 'chart-archive',
  accepts: isChartArchive,
  // Archives are binary: file-scan.ts hands their bytes to `readChartArchive`, never their text.
  mightDeclare: () => false,
  extract: () => emptyExtraction()
}

export function readChartArchive(path: string, bytes: Uint8Array): Extraction {
  const out = emptyExtraction()
  const unreadable = (why: string): Extraction => {
    out.diagnostics.push({ file: path, line: 1, column: 1, message: `chart archive not read: ${why}`, warning: true })
    // A vcluster archive (by its name) that cannot be read leaves the umbrella's vcluster version unknown.
    if (/^vcluster(?:-(?:k3s|k8s|k0s|eks))?-\d/.test(basenameOf(path))) {
      out.unknowns?.push({ component: 'vcluster', file: path, line: 1, column: 1, raw: basenameOf(path), reason: `chart archive not read: ${why}`, cause: 'unreadable', group: dirnameOf(dirnameOf(path)) })
    }
    return out
  }
  let tar: Uint8Array
  try {
    // A copy of its own: nanotar reads the whole underlying buffer, and Node may hand out a slice of a shared one.
    tar = new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES }))
  } catch (error) {
    return unreadable(/ERR_BUFFER_TOO_LARGE|RangeError/.test(String((error as { code?: string }).code ?? error)) ? `unpacks to more than ${MAX_UNPACKED_BYTES} bytes` : 'not a gzip archive')
  }
  let chartYaml: string | undefined
  try {
    const [entry] = parseTar(tar, { filter: (item) => item.type === 'file' && /^[^/]+\/Chart\.yaml$/.test(item.name) && item.size <= MAX_CHART_FILE_BYTES })
    chartYaml = entry?.text
  } catch {
    return unreadable('not a tar archive')
  }
  if (chartYaml === undefined) return unreadable('no <chart>/Chart.yaml in it')
  const file = new SourceFile(path, chartYaml)
  const [document] = file.yaml().documents
  const root = document?.doc.contents
  if (!isMap(root)) return unreadable('its Chart.yaml does not parse')
  readChartFacts(out, file, root, path)
  // Inside an archive no line can be pointed at: the archive itself is the place.
  for (const chart of out.charts ?? []) {
    // A `file://` path inside an archive was packaged into its own charts/: not a folder of the repository.
    chart.dependencies = chart.dependencies.map(({ local: _local, ...dependency }) => ({ ...dependency, from: { file: path, line: 1, column: 1 } }))
    if (chart.version) chart.version = { ...chart.version, file: path, line: 1, column: 1 }
  }
  return out
}
