import { describe, expect, it } from 'vitest'
import { manifestApi } from '../../../src/scan/extractors/manifest-api.js'
import { manifestClusterSettings } from '../../../src/scan/extractors/manifest-cluster-settings.js'
import { manifestPodFeatures } from '../../../src/scan/extractors/manifest-pod-features.js'
import { manifestVclusterConfig } from '../../../src/scan/extractors/manifest-vcluster-config.js'
import { scriptCommands } from '../../../src/scan/extractors/script-commands.js'
import { SourceFile } from '../../../src/scan/source-file.js'
import { extractFrom } from '../../helpers/source.js'

const usagesOf = (result: { usages?: Array<{ feature: string; line: number; column: number; name?: string; apiVersion?: string; kind?: string }> }) =>
  (result.usages ?? []).map(({ feature, line, column, name, apiVersion, kind }) => ({
    feature,
    line,
    column,
    ...(name ? { name } : {}),
    ...(apiVersion ? { apiVersion, kind } : {})
  }))

describe('manifest-api', () => {
  it('reads apiVersion and kind of every document, at the apiVersion token', () => {
    const text = [
      '# a CronJob and a Deployment',
      'apiVersion: batch/v1beta1',
      'kind: CronJob',
      '---',
      'kind: Deployment',
      'apiVersion: "apps/v1"',
      '---',
      'apiVersion: v2',
      'name: chart'
    ].join('\n')
    expect(usagesOf(extractFrom(manifestApi(), 'deploy/app.yaml', text))).toEqual([
      { feature: 'api', line: 2, column: 13, apiVersion: 'batch/v1beta1', kind: 'CronJob' },
      { feature: 'api', line: 6, column: 14, apiVersion: 'apps/v1', kind: 'Deployment' }
    ])
  })

  it('does not report parse errors of Helm templates, but does of plain manifests', () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels: {{ include "x" . }}\n  a: [\n'
    expect(extractFrom(manifestApi(), 'chart/templates/d.yaml', template).diagnostics).toEqual([])
    expect(extractFrom(manifestApi(), 'd.yaml', 'apiVersion: apps/v1\nkind: [Deployment\n').diagnostics).toEqual([
      expect.objectContaining({ file: 'd.yaml', message: expect.stringContaining('YAML does not parse') })
    ])
  })

  it('reads only the lines up to apiVersion and kind: an error further down neither hides the API nor is reported', () => {
    const broken = extractFrom(manifestApi(), 'd.yaml', 'apiVersion: batch/v1beta1\nkind: CronJob\nspec: [\n')
    expect(broken.diagnostics).toEqual([])
    expect(usagesOf(broken)).toEqual([{ feature: 'api', line: 1, column: 13, apiVersion: 'batch/v1beta1', kind: 'CronJob' }])
  })
})

describe('manifest-api with the apiVersions the database names', () => {
  const listed = manifestApi(new Set(['batch/v1beta1']))

  it('records a use of a listed API, at the same place as without the list', () => {
    const text = 'apiVersion: batch/v1beta1\nkind: CronJob\n---\napiVersion: apps/v1\nkind: Deployment\n'
    expect(usagesOf(extractFrom(listed, 'deploy/app.yaml', text))).toEqual([{ feature: 'api', line: 1, column: 13, apiVersion: 'batch/v1beta1', kind: 'CronJob' }])
  })

  it('records nothing for a manifest of an API the database does not name, and does not parse it', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nspec: [\n'
    expect(listed.mightDeclare(text)).toBe(false)
    expect(extractFrom(listed, 'deploy/app.yaml', text)).toEqual({ declarations: [], diagnostics: [] })
    expect(usagesOf(listed.extract(new SourceFile('deploy/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\n')))).toEqual([])
  })

  it('still reads a document whose apiVersion may be spelled with escapes', () => {
    const text = 'apiVersion: "batch\\/v1beta1"\nkind: CronJob\n'
    expect(usagesOf(extractFrom(listed, 'deploy/app.yaml', text))).toEqual([{ feature: 'api', line: 1, column: 13, apiVersion: 'batch/v1beta1', kind: 'CronJob' }])
  })
})

describe('manifest-pod-features', () => {
  it('finds resizePolicy and exec probes of one pod template, sharing an object', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          resizePolicy:',
      '            - resourceName: cpu',
      '              restartPolicy: NotRequired',
      '          livenessProbe:',
      '            exec:',
      '              command: [cat, /tmp/ok]',
      '          readinessProbe:',
      '            httpGet: { path: /, port: 80 }'
    ].join('\n')
    const result = extractFrom(manifestPodFeatures, 'k/app.yaml', text)
    expect(usagesOf(result)).toEqual([
      { feature: 'resizePolicy', line: 8, column: 11 },
      { feature: 'execProbe', line: 11, column: 11 }
    ])
    expect(new Set(result.usages!.map((u) => u.object)).size).toBe(1)
  })

  it('reads a pod that has only initContainers', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n    - name: a\n      resizePolicy:\n        - resourceName: cpu\n          restartPolicy: NotRequired\n'
    expect(usagesOf(extractFrom(manifestPodFeatures, 'p.yaml', text))).toEqual([{ feature: 'resizePolicy', line: 6, column: 7 }])
  })

  it('an empty resizePolicy and HTTP probes are not features', () => {
    const text = 'spec:\n  containers:\n    - name: a\n      resizePolicy: []\n      livenessProbe:\n        tcpSocket: { port: 1 }\n      command: [exec]\n'
    expect(usagesOf(extractFrom(manifestPodFeatures, 'p.yaml', text))).toEqual([])
  })
})

describe('manifest-cluster-settings', () => {
  it('reads feature gates from a featureGates map and from --feature-gates arguments', () => {
    const text = [
      'kind: Cluster',
      'apiVersion: kind.x-k8s.io/v1alpha4',
      'featureGates:',
      '  InPlacePodVerticalScaling: true',
      '  SomethingOff: false',
      'controlPlane:',
      '  distro:',
      '    k8s:',
      '      apiServer:',
      '        extraArgs: ["--feature-gates=PodLevelResources=true,Other=false"]'
    ].join('\n')
    expect(usagesOf(extractFrom(manifestClusterSettings, 'hack/kind.yaml', text))).toEqual([
      { feature: 'featureGate', line: 4, column: 3, name: 'InPlacePodVerticalScaling' },
      { feature: 'featureGate', line: 10, column: 21, name: 'PodLevelResources' }
    ])
  })

  it('takes failCgroupV1: false (also inside a kubeadm patch string) as cgroup v1 nodes, but not in a comment', () => {
    const text = ['kubeadmConfigPatches:', '  - |', '    kind: KubeletConfiguration', '    failCgroupV1: false', '# failCgroupV1: false'].join('\n')
    expect(usagesOf(extractFrom(manifestClusterSettings, 'kind.yaml', text))).toEqual([{ feature: 'cgroupV1', line: 4, column: 5 }])
  })

  it('takes cgroupDriver: cgroupfs, --cgroup-driver=cgroupfs and SystemdCgroup = false as the cgroupfs driver, not systemd or a comment', () => {
    const text = [
      'containerdConfigPatches:',
      '  - |-',
      '    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]',
      '      SystemdCgroup = false',
      'kubeadmConfigPatches:',
      '  - |',
      '    kind: KubeletConfiguration',
      '    cgroupDriver: cgroupfs',
      'args: ["--cgroup-driver=cgroupfs"]',
      'other: { cgroupDriver: systemd }',
      '# cgroupDriver: cgroupfs'
    ].join('\n')
    expect(usagesOf(extractFrom(manifestClusterSettings, 'kind.yaml', text))).toEqual([
      { feature: 'cgroupfsDriver', line: 4, column: 7 },
      { feature: 'cgroupfsDriver', line: 8, column: 5 },
      { feature: 'cgroupfsDriver', line: 9, column: 9 }
    ])
  })
})

describe('manifest-vcluster-config', () => {
  it('finds values written for the charts before 0.20, also under an umbrella chart key', () => {
    const direct = 'vcluster:\n  image: rancher/k3s:v1.29.0-k3s1\nsyncer:\n  extraArgs: []\n'
    expect(usagesOf(extractFrom(manifestVclusterConfig, 'v/values.yaml', direct))).toEqual([{ feature: 'vclusterLegacyValues', line: 4, column: 3 }])
    const umbrella = 'vcluster:\n  vcluster:\n    image: rancher/k3s:v1.29.0-k3s1\n'
    expect(usagesOf(extractFrom(manifestVclusterConfig, 'u/values.yaml', umbrella))).toEqual([{ feature: 'vclusterLegacyValues', line: 3, column: 5 }])
  })

  it('finds the legacy top-level api.image of the k8s chart', () => {
    const text = 'api:\n  image: registry.k8s.io/kube-apiserver:v1.26.1\n'
    expect(usagesOf(extractFrom(manifestVclusterConfig, 'v/values.yaml', text)).map((u) => u.feature)).toEqual(['vclusterLegacyValues'])
  })

  it('0.20 configuration is not legacy; per-component k8s images are reported', () => {
    const text = 'controlPlane:\n  distro:\n    k8s:\n      apiServer:\n        image:\n          tag: v1.31.1\n'
    expect(usagesOf(extractFrom(manifestVclusterConfig, 'vcluster.yaml', text))).toEqual([{ feature: 'vclusterK8sComponentImages', line: 6, column: 11 }])
  })
})

describe('script-commands', () => {
  it('finds vcluster convert config and kubectl --subresource resize in scripts and workflows', () => {
    const script = '#!/bin/sh\nset -e\nvcluster convert config --distro k3s < old.yaml > vcluster.yaml\nkubectl patch pod web --subresource resize --patch "$P"\n'
    expect(usagesOf(extractFrom(scriptCommands, 'hack/migrate.sh', script))).toEqual([
      { feature: 'vclusterConvertConfig', line: 3, column: 1 },
      { feature: 'kubectlResizeSubresource', line: 4, column: 1 }
    ])
    const workflow = 'jobs:\n  x:\n    steps:\n      - run: kubectl patch pod a --subresource=resize -p "{}"\n'
    expect(usagesOf(extractFrom(scriptCommands, '.github/workflows/ci.yml', workflow))).toEqual([{ feature: 'kubectlResizeSubresource', line: 4, column: 14 }])
  })

  it('ignores YAML that is not a workflow', () => {
    expect(scriptCommands.accepts('deploy/app.yaml')).toBe(false)
  })
})
