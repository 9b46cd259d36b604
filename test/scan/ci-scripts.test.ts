import { describe, expect, it } from 'vitest'
import { ciScripts, jenkinsfile } from '../../src/scan/extractors/ci-scripts.js'
import { shellScript } from '../../src/scan/extractors/shell-script.js'
import type { Extractor } from '../../src/scan/extractors/extractor.js'
import { extractFrom } from '../helpers/source.js'

// The seed change in the places held-out attacks E34-E37 put it: a shebang script without an extension, a GitLab
// CI job, a Taskfile task, a Jenkinsfile `sh` step. Each must give what the same line in a .sh file gives.
const HELM = 'helm upgrade --install dev vcluster --repo https://charts.loft.sh --version 0.22.1 --set controlPlane.distro.k3s.image.tag=v1.32.0-k3s1'
const SEED = ['kubernetes 1.32.0', 'vcluster 0.22.1']

function versionsIn(extractor: Extractor, path: string, text: string): string[] {
  return extractFrom(extractor, path, text).declarations.map((d) => `${d.component} ${d.version}`).sort()
}

describe('scripts known by their first line', () => {
  it.each([
    ['#!/usr/bin/env bash', 'ci/deploy'],
    ['#!/bin/sh -e', 'bin/up'],
    ['#!/usr/bin/env zsh', 'scripts/release']
  ])('%s in %s', (shebang, path) => {
    expect(versionsIn(shellScript, path, `${shebang}\n${HELM}\n`)).toEqual(SEED)
  })

  it.each([
    ['a Python script', 'bin/deploy', `#!/usr/bin/env python3\nprint("${HELM}")\n`],
    ['a file without a first-line interpreter', 'OWNERS', `${HELM}\n`],
    ['a licence that mentions kind', 'LICENSE', 'without warranty of any kind\n']
  ])('not %s', (_name, path, text) => {
    expect(versionsIn(shellScript, path, text)).toEqual([])
  })
})

describe('CI files whose steps are shell lines', () => {
  it.each([
    ['a GitLab job script list', '.gitlab-ci.yml', `deploy:\n  stage: deploy\n  script:\n    - echo start\n    - ${HELM}\n`],
    ['a GitLab block script', '.gitlab-ci.yml', `deploy:\n  script: |\n    echo start\n    ${HELM}\n`],
    ['a GitLab before_script with variables', '.gitlab/ci/deploy.yml', `variables:\n  VC: 0.22.1\ndeploy:\n  before_script:\n    - ${HELM.replace('0.22.1', '$VC')}\n`],
    ['a Taskfile command', 'Taskfile.yml', `version: '3'\ntasks:\n  up:\n    cmds:\n      - ${HELM}\n`],
    ['a Taskfile cmd map with vars', 'Taskfile.yaml', `version: '3'\nvars:\n  VC: 0.22.1\ntasks:\n  up:\n    cmds:\n      - cmd: ${HELM.replace('0.22.1', '{{.VC}}')}\n`],
    ['a CircleCI run step', '.circleci/config.yml', `jobs:\n  deploy:\n    steps:\n      - run:\n          command: ${HELM}\n`],
    ['a Drone commands list', '.drone.yml', `steps:\n  - name: deploy\n    commands:\n      - ${HELM}\n`]
  ])('%s', (_name, path, text) => {
    expect(versionsIn(ciScripts, path, text)).toEqual(SEED)
  })

  it('places the version at its line in the CI file', () => {
    const found = extractFrom(ciScripts, '.gitlab-ci.yml', `deploy:\n  script:\n    - echo start\n    - ${HELM}\n`).declarations
    expect(found.map((d) => [d.component, d.line])).toEqual([['vcluster', 4], ['kubernetes', 4]])
  })

  it('does not read other YAML files this way', () => {
    expect(ciScripts.accepts('k8s/job.yaml')).toBe(false)
    expect(ciScripts.accepts('.github/workflows/ci.yml')).toBe(false)
  })
})

describe('Jenkinsfile sh steps', () => {
  it.each([
    ['single quotes', `sh '${HELM}'`],
    ['double quotes', `sh "${HELM}"`],
    ['a triple-quoted block', `sh '''\n  echo start\n  ${HELM}\n'''`],
    ['named arguments', `sh(label: 'deploy', script: "${HELM}")`]
  ])('%s', (_name, step) => {
    expect(versionsIn(jenkinsfile, 'Jenkinsfile', `pipeline {\n  stages {\n    stage('d') {\n      steps {\n        ${step}\n      }\n    }\n  }\n}\n`)).toEqual(SEED)
  })

  it('stops at a quote that never closes on its line', () => {
    expect(() => extractFrom(jenkinsfile, 'Jenkinsfile', `sh '${HELM}\n${"sh '".repeat(10_000)}`)).not.toThrow()
  })
})
