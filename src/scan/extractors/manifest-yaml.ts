/**
 * Helm templates and other Go-templated YAML rarely parse as YAML; their parse errors are
 * not worth a diagnostic from the manifest extractors, which read every YAML file.
 */
export function isTemplated(text: string): boolean {
  return text.includes('{{')
}
