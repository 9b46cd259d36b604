import { describe, expect, it } from 'vitest'
import { EXTRACTORS } from '../../../src/scan/extractors/index.js'

/** The extractors that read every YAML file; the table below lists the others. */
const ANY_YAML = new Set(EXTRACTORS.filter((extractor) => extractor.accepts('deploy/app.yaml')).map((extractor) => extractor.id))

const readers = (path: string): string[] => EXTRACTORS.filter((extractor) => extractor.accepts(path) && !ANY_YAML.has(extractor.id)).map((extractor) => extractor.id)

describe('which extractors a path goes to', () => {
  it.each([
    ['Dockerfile', ['shell']],
    ['a/app.Dockerfile', ['shell']],
    ['a/Dockerfile.dev', ['shell']],
    ['a/dockerfile', ['shell']],
    ['Dockerfilex', ['shell']], // no extension: read only when its first line is a shell's #!
    ['aDockerfile', ['shell']], // no extension: read only when its first line is a shell's #!
    ['Containerfile', ['shell']],
    ['a/containerfile', ['shell']], // no extension: read only when its first line is a shell's #!
    ['GNUmakefile', ['shell']],
    ['a/Makefile', ['shell', 'script-commands']],
    ['makefile', ['shell']],
    ['xmakefile', ['shell']], // no extension: read only when its first line is a shell's #!
    ['a/justfile', ['shell']],
    ['ci/deploy.py', []],
    ['.gitlab-ci.yml', ['ci-script']],
    ['a/Taskfile.yml', ['ci-script']],
    ['Jenkinsfile', ['shell', 'jenkinsfile']], // no extension: the shell reader needs a #! first line too
    ['run.SH', ['shell', 'script-commands']],
    ['m.mk', ['shell', 'script-commands']],
    ['a/.tool-versions', ['tool-versions']],
    ['a/.mise.toml', ['tool-versions']],
    ['amise.toml', []],
    ['a/Chart.yaml', ['helm-chart']],
    ['a/chart.yaml', []],
    ['a/fleet.yaml', ['fleet']],
    ['afleet.yaml', []],
    ['a/Kustomization.yml', ['kustomization']],
    ['xkustomization.yaml', []],
    ['a/docker-compose.prod.yml', ['compose']],
    ['xcompose.yaml', []],
    ['a/helmfile-prod.yaml.gotmpl', ['helmfile']],
    ['a/helmfile.d/x.yaml', ['helmfile']],
    ['a/xhelmfile.yaml', []],
    ['a/action.yaml', ['github-workflow']],
    ['a/Action.yml', []],
    ['a/.github/workflows/x.yaml', ['github-workflow', 'script-commands']],
    ['.github/workflows/sub/x.yml', []],
    ['.github/workflows/x.json', []],
    ['a/x.tfvars', ['terraform']],
    ['prod.auto.tfvars', ['terraform']],
    ['prod.tfvars.example', ['terraform']],
    ['templates/variables.tf.tpl', ['terraform']],
    ['x.yaml.bak', []],
    ['src/index.ts', []]
  ])('%s', (path, expected) => {
    expect(readers(path)).toEqual(expected)
  })

  it('sends every YAML file to the manifest and values readers, and nothing else there', () => {
    expect(ANY_YAML.has('manifest-api')).toBe(true)
    expect(ANY_YAML.has('vcluster-values')).toBe(true)
    expect(EXTRACTORS.filter((extractor) => extractor.accepts('x.yaml.bak'))).toEqual([])
  })
})
