import { distroValues } from './vcluster-apps.mjs'
import { NOUNS } from './vocabulary.mjs'

/**
 * The `.gitignore` files, and the files they (or the always-skipped folder names) hide:
 * a big `node_modules/`, Go `vendor/` folders, build output and logs. Some hidden files
 * declare the seed incident, so a scanner that walks into them reports findings that the
 * repository does not have.
 */
export const ROOT_GITIGNORE =
  '# dependencies\nnode_modules/\n# build output\ndist/\nbuild/\ncoverage/\n*.log\n.terraform/\n# benchmark bookkeeping\n/.bench-tree.json\n'

/** A service-level .gitignore with a negation: `keep.rendered.yaml` stays tracked. */
export function nestedGitignore(service) {
  return [
    { path: `${service.root}/.gitignore`, content: '# local output\ntmp/\n*.rendered.yaml\n!keep.rendered.yaml\n' },
    { path: `${service.root}/keep.rendered.yaml`, content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${service.name}-rendered\ndata:\n  note: tracked on purpose\n` }
  ]
}

/** Files under the nested .gitignore's rules: ignored. */
export function nestedIgnoredFiles(random, service) {
  return [
    { path: `${service.root}/out.rendered.yaml`, content: `# rendered locally\nkind: List\nitems: []\n` },
    { path: `${service.root}/tmp/scratch-${random.int(1, 99)}.yaml`, content: 'scratch: true\n' }
  ]
}

const PACKAGES = ['left-pad', 'lodash', 'yaml', 'zod', 'pino', 'undici', 'semver', 'chalk', 'commander', 'ws', 'uuid', 'debug']

/** One file of a `node_modules/` tree, with the occasional YAML a package ships. */
export function nodeModulesFile(random, index, prefix) {
  const pkg = `${random.pick(PACKAGES)}${index % 7 === 0 ? '' : `-${random.pick(NOUNS)}`}`
  const kind = random.weighted([
    [6, 'js'],
    [1, 'package'],
    [1, 'readme'],
    [1, 'yaml']
  ])
  const base = `${prefix}node_modules/${pkg}`
  switch (kind) {
    case 'js': {
      let text = `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n`
      const target = random.skewedSize(2000, 100, 40_000)
      while (text.length < target) text += `function ${random.pick(NOUNS)}${text.length}(a,b){return a==null?b:typeof a==="object"?Object.assign({},a,b):a}\n`
      return { path: `${base}/lib/${random.pick(NOUNS)}-${index}.js`, content: text }
    }
    case 'package':
      return { path: `${base}/package.json`, content: `{"name":"${pkg}","version":"${random.int(0, 9)}.${random.int(0, 30)}.${random.int(0, 9)}","main":"lib/index.js"}\n` }
    case 'readme':
      return { path: `${base}/README-${index}.md`, content: `# ${pkg}\n\nInstall with npm.\n` }
    case 'yaml':
      return { path: `${base}/.github/workflows/ci-${index}.yml`, content: `name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n` }
  }
}

/** A chart vendored into node_modules that declares the seed incident: must not be reported. */
export function hiddenIncidentChart(random, prefix) {
  const choice = { vcluster: '0.22.1', distro: 'k3s', virtual: 'v1.32.0-k3s1' }
  return [
    { path: `${prefix}/Chart.yaml`, content: `apiVersion: v2\nname: hidden\nversion: 0.1.0\ndependencies:\n  - name: vcluster\n    version: ${choice.vcluster}\n    repository: https://charts.loft.sh\n` },
    { path: `${prefix}/values.yaml`, content: `vcluster:\n${distroValues(random, choice, 2)}` }
  ]
}

/** Go vendored modules, build output and logs. */
export function otherIgnoredFile(random, index, service) {
  switch (index % 4) {
    case 0:
    case 1:
      return { path: `${service.root}/vendor/github.com/${random.pick(NOUNS)}/${random.pick(['api', 'client', 'util'])}/${random.pick(NOUNS)}-${index}.go`, content: `package ${random.pick(NOUNS)}\n\nfunc F${index}() int { return ${index} }\n` }
    case 2:
      return { path: `${service.root}/dist/${random.pick(NOUNS)}-${index}.js`, content: `export const built${index}=${index};\n`.repeat(random.int(5, 200)) }
    default:
      return { path: `${service.root}/${random.pick(['debug', 'npm-debug', 'test'])}-${index}.log`, content: `level=info msg="run ${index}"\n`.repeat(random.int(1, 100)) }
  }
}
