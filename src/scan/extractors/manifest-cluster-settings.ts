import { isMap, isScalar, visit } from 'yaml'
import type { Usage } from '../../model.js'
import { dirnameOf, isYamlPath } from '../paths.js'
import type { SourceFile } from '../source-file.js'
import { emptyExtraction, type Extraction, type Extractor } from './extractor.js'
import { anyLiteral } from './literal.js'

/** `--feature-gates=A=true,B=false` inside an argument string. */
const FEATURE_GATES_ARGUMENT = /feature-gates[=\s]+"?([A-Za-z0-9=,]+)/g
/** `failCgroupV1: false`, also inside kubeadm patches embedded as strings. */
const FAIL_CGROUP_V1_OFF = /failCgroupV1["']?\s*:\s*false\b/g
/**
 * The cgroupfs driver chosen: kubelet configuration, a kubelet argument, or a containerd
 * runc option (kind's containerdConfigPatches carry TOML inside YAML strings).
 */
const CGROUPFS_DRIVER = /cgroupDriver["']?\s*:\s*["']?cgroupfs\b|--cgroup-driver[=\s]+["']?cgroupfs\b|SystemdCgroup\s*=\s*false\b/g
const namesASetting = anyLiteral('featureGates', 'feature-gates', 'failCgroupV1', 'cgroupDriver', 'cgroup-driver', 'SystemdCgroup')

/**
 * Cluster settings that decide whether an entry applies: feature gates turned on (a
 * `featureGates` map in kind or kubelet configuration, or a `--feature-gates=` argument)
 * nodes kept on cgroup v1 (`failCgroupV1: false`, which only cgroup v1 nodes need) and the
 * cgroupfs cgroup driver.
 */
export const manifestClusterSettings: Extractor = {
  id: 'manifest-cluster-settings',
  accepts: isYamlPath,
  mightDeclare: namesASetting,
  extract(file: SourceFile): Extraction {
    const out: Extraction & { usages: Usage[] } = { ...emptyExtraction(), usages: [] }
    const group = dirnameOf(file.path)
    const add = (usage: Omit<Usage, 'file' | 'line' | 'column' | 'source' | 'group'>, offset: number): void => {
      out.usages.push({ ...usage, ...file.locate(offset), source: 'manifest-cluster-settings', group })
    }
    for (const { doc } of file.yaml(manifestClusterSettings.mightDeclare).documents) {
      visit(doc, {
        Pair(_key, pair) {
          if (!isScalar(pair.key) || pair.key.value !== 'featureGates' || !isMap(pair.value)) return
          for (const gate of pair.value.items) {
            if (isScalar(gate.key) && isScalar(gate.value) && gate.value.value === true) {
              add({ feature: 'featureGate', name: String(gate.key.value) }, gate.key.range?.[0] ?? 0)
            }
          }
        },
        Scalar(_key, scalar) {
          if (typeof scalar.value !== 'string') return
          for (const match of scalar.value.matchAll(FEATURE_GATES_ARGUMENT)) {
            for (const setting of match[1]!.split(',')) {
              const [name, value] = setting.split('=')
              if (name && value === 'true') add({ feature: 'featureGate', name }, scalar.range?.[0] ?? 0)
            }
          }
        }
      })
    }
    for (const match of file.text.matchAll(FAIL_CGROUP_V1_OFF)) {
      if (!isCommentedOut(file.text, match.index)) add({ feature: 'cgroupV1' }, match.index)
    }
    for (const match of file.text.matchAll(CGROUPFS_DRIVER)) {
      if (!isCommentedOut(file.text, match.index)) add({ feature: 'cgroupfsDriver' }, match.index)
    }
    return out
  }
}

function isCommentedOut(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset) + 1
  return text.slice(lineStart, offset).includes('#')
}
