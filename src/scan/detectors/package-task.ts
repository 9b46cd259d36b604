import type { Extraction } from '../extractors/extractor.js'
import { anyLiteral } from '../extractors/literal.js'
import { dirnameOf } from '../paths.js'
import { declarePackage, isKubernetesPackage } from '../package-pin.js'
import { textOf } from '../traced.js'
import type { Detector } from './detector.js'
import type { FileView } from './file-view.js'

/** Ansible modules that install distribution packages (short and fully qualified names). */
const PACKAGE_MODULES = /^(?:ansible\.builtin\.|ansible\.legacy\.|community\.general\.)?(apt|yum|dnf|package|zypper|apk)$/

/**
 * An Ansible task installing Kubernetes packages (`apt: { pkg: [kubelet, kubeadm, kubectl] }`, `ansible.builtin.package:
 * name: kubeadm=1.30.2-1.1`): a pinned package declares its version, one without a version is named at its line (the
 * repository's newest is installed: the cluster `kubeadm init` makes runs whatever that is that day).
 */
export const packageTask: Detector = {
  id: 'package-task',
  mightDetect: (text) => KUBE_PACKAGES(text) && MODULE_WORDS(text),
  detect(view: FileView, out: Extraction): void {
    if (view.format !== 'yaml' && view.format !== 'lenient') return
    for (const mapping of view.mappings) {
      const module = mapping.path[mapping.path.length - 1]
      if (module === undefined || !PACKAGE_MODULES.test(module)) continue
      for (const key of ['name', 'pkg', 'package']) {
        for (const value of mapping.entries.get(key)?.values ?? []) {
          if (isKubernetesPackage(textOf(value)) && !view.inComment(value[0]?.offset ?? 0)) declarePackage(out, value, packageTask.id, dirnameOf(view.file.path), 'inferred')
        }
      }
    }
  }
}

const KUBE_PACKAGES = anyLiteral('kubeadm', 'kubelet', 'kubectl')
const MODULE_WORDS = anyLiteral('apt:', 'yum:', 'dnf:', 'package:', 'zypper:', 'apk:')
