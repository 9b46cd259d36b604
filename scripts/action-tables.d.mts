// Types for scripts/action-tables.mjs, which test/docs imports.
export function splitDefault(description: string | undefined): { text: string; default: string }
export function actionTables(actionYaml: string): { inputs: string; outputs: string }
export function withActionTables(readme: string, actionYaml: string): string
