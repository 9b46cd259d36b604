import { basenameOf } from '../paths.js'

/**
 * Which files Terraform reads, and how. A configuration (`.tf`) or a variables file (`.tfvars`) kept as a
 * template or an example to copy (`variables.tf.tpl`, `prod.tfvars.example`) is still one: it is what the
 * rendered or copied file will say.
 */
export type TerraformFile = 'configuration' | 'variables'

/** Suffixes of a Terraform file kept as a template or a copy to fill in. */
const KEPT_AS = /\.(tpl|tmpl|gotmpl|j2|jinja2?|example|sample|dist|template)$/i

export function terraformFileOf(path: string): TerraformFile | undefined {
  const name = basenameOf(path).replace(KEPT_AS, '')
  if (name.endsWith('.tf')) return 'configuration'
  if (name.endsWith('.tfvars')) return 'variables'
  return undefined
}

/**
 * Terraform loads `terraform.tfvars` and `*.auto.tfvars` of the module it runs in by itself: their values
 * replace the variables' defaults. Any other variables file is given on the command line (`-var-file`), so
 * the default still holds for a run without it.
 */
export function isAutoLoaded(path: string): boolean {
  const name = basenameOf(path).replace(KEPT_AS, '')
  return name === 'terraform.tfvars' || name.endsWith('.auto.tfvars')
}
