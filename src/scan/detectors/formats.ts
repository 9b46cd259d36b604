import { basenameOf } from '../paths.js'
import { terraformFileOf } from '../terraform/files.js'

/**
 * How the generic detectors read a file: as parsed YAML (JSON is YAML too), as HCL, as
 * shell-like commands (scripts, Makefiles, justfiles, Dockerfiles, `.env`), or leniently line
 * by line (templates, TOML, jsonnet: `key: value` and `key = value` lines, whatever surrounds them),
 * or as a plain list (`images.txt`: one item a line, where only image references are read).
 */
export type Format = 'yaml' | 'hcl' | 'shell' | 'lenient' | 'list'

/** Folders whose files are someone else's (vendored code, caches) or generated copies (golden test output, snapshots), never the repository's own declarations. */
const FOREIGN_FOLDER = /(^|\/)(vendor|vendored|third_party|third-party|node_modules|bower_components|\.terraform|\.git|\.cache|__pycache__|golden|__snapshots__)\//i

/**
 * Lock files of any ecosystem and change logs: versions there are history or other packages'. JSON
 * schemas (`values.schema.json`, `vcluster.schema.json`, KCL `values.schema.k`) describe values, their `default`s and
 * `examples` set nothing (Helm does not apply them). Terraform's plan and state files (`tfplan.json`,
 * `prod.tfplan.json`, `terraform.tfstate`) are its output, repeating what the `.tf` files declare.
 */
const NOT_DECLARATIONS =
  /(^|\/)((changelog|changes|history|news|release[-_]?notes)([-_.][^/]*)?|[^/]*schema\.(json|k)|([^/]*[-_.])?tfplan(\.json)?|[^/]*\.tfstate(\.[^/]*)?|[^/]*\.lock|[^/]*[-.]lock\.(json|ya?ml|hcl)|go\.sum|npm-shrinkwrap\.json|[^/]*\.min\.js|[^/]*\.snap)$/i

const TEMPLATE = /\.(tmpl|gotmpl|tpl|j2|jinja2?|jsonnet|libsonnet|toml|cue|k)$/i
/** Butane (`.bu`) is YAML and Ignition (`.ign`) is JSON: a node's provisioning config, whose inline scripts may install a cluster. */
const YAML_OR_JSON = /\.(ya?ml|json|bu|ign)$/i
const HCL = /\.(tf|tfvars|hcl)$/i
/** Plain lists (images to pre-pull or mirror, one a line). */
const LIST = /\.(txt|list|lst)$/i
const SHELL_NAME = /\.(sh|bash|zsh|ksh|mk|just|env|envrc)$|(^|\/)((gnu)?makefile|justfile|[^/]*\.?dockerfile(\.[^/]+)?|containerfile(\.[^/]+)?|\.env(\.[^/]+)?|\.envrc(\.[^/]+)?)$/i

/** The format the generic detectors read a path as, or undefined when they do not read it. */
export function formatOf(path: string): Format | undefined {
  if (FOREIGN_FOLDER.test(path) || NOT_DECLARATIONS.test(basenameOf(path))) return undefined
  // Helm templates are YAML with template actions: literal versions count, actions do not hide the rest.
  if (/(^|\/)templates\/[^/]+\.(ya?ml|json)$/i.test(path)) return 'lenient'
  if (YAML_OR_JSON.test(path)) return 'yaml'
  // `variables.tf.tpl`, `prod.tfvars.example`: Terraform files kept as templates or examples (see terraform/files.ts).
  if (HCL.test(path) || terraformFileOf(path) !== undefined) return 'hcl'
  if (TEMPLATE.test(path)) return 'lenient'
  if (SHELL_NAME.test(path)) return 'shell'
  if (LIST.test(path)) return 'list'
  // `bin/deploy`, `cli/fleet-test`: read as a script when its first line says so (see isScriptText).
  if (!basenameOf(path).includes('.')) return 'shell'
  return undefined
}

/** Whether a file read as a script may be one: a known script name, or an extensionless file that starts with `#!`. */
export function isScriptText(path: string, text: string): boolean {
  return basenameOf(path).includes('.') || SHELL_NAME.test(path) || text.startsWith('#!')
}

/**
 * Terraform's machine-readable output (`terraform show -json` of a plan or a state) whatever it is named:
 * it repeats what the configuration declares. Tested on the first characters only.
 */
export function isTerraformOutput(text: string): boolean {
  return TERRAFORM_OUTPUT.test(text.slice(0, 200))
}

const TERRAFORM_OUTPUT = /^\s*\{\s*"format_version"\s*:\s*"[^"]*"\s*,\s*"terraform_version"\s*:/
