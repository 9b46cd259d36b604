import pkg from '../package.json' with { type: 'json' }

/** Name and version of this tool, as printed by `--version` and put in every report. */
export const TOOL = { name: 'kube-compat-gate', version: pkg.version } as const
