import { describe, expect, it } from 'vitest'
import { resolveEnvironments } from '../../src/resolve/environments.js'
import type { Declaration, GroupLink } from '../../src/model.js'
import { environmentRow } from '../scan/fixture-rows.js'

let line = 0
/** `vcluster 0.22.1 in apps.yaml#0` → a declaration; `host`/`virtual` are Kubernetes roles. */
function d(spec: string): Declaration {
  const [slot, version, , group] = spec.split(' ') as [string, string, string, string]
  const file = group.split('#')[0]!
  const kubernetes = slot === 'host' || slot === 'virtual' || slot === 'range'
  return {
    component: kubernetes ? 'kubernetes' : (slot as Declaration['component']),
    ...(kubernetes ? { role: slot === 'virtual' ? ('virtual' as const) : ('host' as const) } : {}),
    ...(slot === 'range' ? { constraint: true as const } : {}),
    version,
    raw: version,
    file: file.includes('.') ? file : `${file}/x.yaml`,
    line: ++line,
    column: 1,
    source: 'test',
    group
  }
}

describe('resolveEnvironments', () => {
  it.each<[string, string[], GroupLink[], string[]]>([
    ['a chart directory: Chart.yaml and values.yaml together', ['vcluster 0.22.1 in charts/dev', 'virtual 1.32.0 in charts/dev'], [], ['vcluster=0.22.1 virtual=1.32.0']],
    [
      'two releases in one file stay apart; the only host joins both',
      ['vcluster 0.22.1 in apps.yaml#0', 'virtual 1.31.0 in apps.yaml#0', 'vcluster 0.23.0 in apps.yaml#1', 'virtual 1.32.0 in apps.yaml#1', 'host 1.31.4 in hack'],
      [],
      ['vcluster=0.22.1 virtual=1.31.0 host=1.31.4', 'vcluster=0.23.0 virtual=1.32.0 host=1.31.4']
    ],
    [
      'a values file a release links to belongs to that release, not to its directory',
      ['vcluster 0.23.2 in apps/prod.yaml#0', 'virtual 1.32.2 in clusters/prod', 'vcluster 0.21.0 in clusters/prod/other.yaml#0'],
      [{ group: 'apps/prod.yaml#0', file: 'clusters/prod/x.yaml' }],
      ['vcluster=0.21.0', 'vcluster=0.23.2 virtual=1.32.2']
    ],
    [
      'a chart\'s own values file that another release names stays the chart\'s too: naming adds a pairing, it does not take one away',
      ['vcluster 0.22.1 in clusters/dev', 'virtual 1.32.0 in clusters/dev', 'vcluster 0.23.0 in clusters/dev/deploy.sh#0'],
      [{ group: 'clusters/dev/deploy.sh#0', file: 'clusters/dev/x.yaml' }],
      ['vcluster=0.22.1 virtual=1.32.0', 'vcluster=0.23.0 virtual=1.32.0']
    ],
    [
      'matrix axis values give one environment each; include entries are not crossed; another job\'s hosts are its own',
      ['vcluster 0.22.1 in wf.yml#e2e', 'host 1.30.0 in wf.yml#e2e', 'host 1.31.0 in wf.yml#e2e', 'vcluster 0.23.0 in wf.yml#compat#include.0', 'virtual 1.32.0 in wf.yml#compat#include.0', 'vcluster 0.22.1 in wf.yml#compat#include.1', 'virtual 1.31.0 in wf.yml#compat#include.1'],
      [],
      ['vcluster=0.22.1 host=1.30.0', 'vcluster=0.22.1 host=1.31.0', 'vcluster=0.22.1 virtual=1.31.0', 'vcluster=0.23.0 virtual=1.32.0']
    ],
    [
      'a host in the same or a parent directory wins over another directory',
      ['vcluster 0.22.1 in envs/prod/vc.yaml#0', 'host 1.30.0 in envs/prod', 'vcluster 0.23.0 in envs/dev/vc.yaml#0', 'host 1.32.0 in envs/dev'],
      [],
      ['vcluster=0.22.1 host=1.30.0', 'vcluster=0.23.0 host=1.32.0']
    ],
    [
      'a chart kubeVersion range is what a chart accepts, never the host',
      ['vcluster 0.22.1 in charts/dev', 'range >=1.28.0-0 in charts/dev'],
      [],
      ['vcluster=0.22.1']
    ],
    [
      'hosts no release uses stand alone, once per version',
      ['host 1.29.0 in infra', 'host 1.29.0 in infra', 'kubectl 1.29.1 in infra'],
      [],
      ['host=1.29.0 kubectl=1.29.1']
    ],
    [
      'sibling folders never pair: values in a folder of their own are checked alone against each vcluster that could read them',
      ['virtual 1.32.0 in a', 'vcluster 0.22.1 in b/c.yaml#0', 'vcluster 0.23.0 in d/e.yaml#0'],
      [],
      ['vcluster=0.22.1', 'vcluster=0.22.1 virtual=1.32.0 (unpaired)', 'vcluster=0.23.0', 'vcluster=0.23.0 virtual=1.32.0 (unpaired)']
    ],
    [
      'values in a sibling folder never pair even with the only vcluster of the repository',
      ['virtual 1.32.0 in examples/a', 'vcluster 0.22.1 in examples/b/app.yaml#0'],
      [],
      ['vcluster=0.22.1', 'vcluster=0.22.1 virtual=1.32.0 (unpaired)']
    ],
    [
      'values in the directory of a release without values of its own pair with it',
      ['virtual 1.32.0 in apps', 'vcluster 0.22.1 in apps/app.yaml#0'],
      [],
      ['vcluster=0.22.1 virtual=1.32.0']
    ],
    [
      'a release that names its values file takes only that one; a stray file beside it is checked alone',
      ['virtual 1.30.0 in apps/dev-values.yaml', 'virtual 1.32.0 in apps', 'vcluster 0.35.0 in apps/set.yaml#0'],
      [{ group: 'apps/set.yaml#0', file: 'apps/dev-values.yaml' }],
      ['vcluster=0.35.0 virtual=1.30.0', 'vcluster=0.35.0 virtual=1.32.0 (unpaired)']
    ],
    [
      'every host file counts: a workflow matrix and a kind config of the same version are two hosts',
      ['vcluster 0.22.1 in clusters/dev', 'host 1.34.0 in .github/workflows/ci.yml#e2e', 'host 1.33.0 in .github/workflows/ci.yml#e2e', 'host 1.34.0 in hack'],
      [],
      ['vcluster=0.22.1 host=1.33.0', 'vcluster=0.22.1 host=1.34.0', 'vcluster=0.22.1 host=1.34.0']
    ]
  ])('%s', (_name, specs, links, expected) => {
    expect(resolveEnvironments(specs.map(d), links).map(environmentRow).sort()).toEqual(expected)
  })
})
