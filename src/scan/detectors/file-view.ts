import { lineQuotesIn } from '../extractors/shell-script.js'
import { eachAssignment } from '../shell/commands.js'
import { mayReference, type Variables } from '../shell/expand.js'
import { sharedCommandsOf } from '../shell/words.js'
import type { DocumentFilter, SourceFile } from '../source-file.js'
import { textOf, traced, type Traced } from '../traced.js'
import type { Format } from './formats.js'
import { lenientMappings } from './lenient-lines.js'
import { hclMappings, yamlMappings, type Mapping } from './mappings.js'

/** A name given a value in the file: `NAME=value` in a script or a `run:` block, `NAME ?= value`, `ARG NAME=value`. */
export interface Assignment {
  name: string
  value: Traced
}

/**
 * What every generic detector reads of one file, made from the readings the exact extractors
 * share (the parsed YAML documents, the HCL body, the shell words), so no file is parsed twice.
 * Each part is made when a detector first asks for it: most files need one or two.
 */
export class FileView {
  private madeMappings: Mapping[] | undefined
  private madeAssignments: Assignment[] | undefined
  private madeVariables: Variables | undefined
  private madeMentionsVcluster: boolean | undefined
  private readonly commentStarts = new Map<number, number>()

  constructor(
    readonly file: SourceFile,
    readonly format: Format,
    /** Which YAML documents are worth parsing (those holding a word some detector looks for). */
    private readonly wanted: DocumentFilter
  ) {}

  /** The file speaks of vcluster: a Kubernetes image in it may be a virtual cluster's. Searched once (asked per image found). */
  get mentionsVcluster(): boolean {
    this.madeMentionsVcluster ??= this.file.text.includes('vcluster')
    return this.madeMentionsVcluster
  }

  /**
   * Whether the character at `offset` is inside a comment: after a `#` at the start of its line
   * or after a space, outside quotes on that line (and after `//` in HCL). Asked only of the places
   * a detector matched, so the whole text is never copied.
   */
  inComment(offset: number): boolean {
    // The line's start from the file's line table (a binary search), not a search back along a line that may be megabytes long.
    const lineStart = offset - this.file.locate(offset).column + 1
    let comment = this.commentStarts.get(lineStart)
    if (comment === undefined) {
      comment = this.commentStartAfter(lineStart)
      this.commentStarts.set(lineStart, comment)
    }
    return comment !== -1 && offset > comment
  }

  /** Where the comment of the line starting at `lineStart` begins, or -1: worked out once per line, however many matches it holds. */
  private commentStartAfter(lineStart: number): number {
    const text = this.file.text
    let quote: string | undefined
    let atLineStart = true
    for (let i = lineStart; i < text.length && text[i] !== '\n'; i++) {
      const c = text[i]!
      if (quote !== undefined) {
        if (c === quote) quote = undefined
        continue
      }
      const before = text[i - 1]
      if (c === '#' && (atLineStart || before === ' ' || before === '\t')) return i
      if (this.format === 'hcl' && c === '/' && text[i + 1] === '/') return i
      if (c === '"' || (c === "'" && this.format !== 'yaml' && this.format !== 'lenient')) quote = c
      if (c !== ' ' && c !== '\t') atLineStart = false
    }
    return -1
  }

  get mappings(): Mapping[] {
    this.madeMappings ??= mappingsOf(this.file, this.format, this.wanted)
    return this.madeMappings
  }

  /** Names given a value in the file: shell and Make assignments, `NAME=value` in a `run:` script. */
  get assignments(): Assignment[] {
    if (this.madeAssignments) return this.madeAssignments
    if (this.format === 'shell') {
      const assignments: Assignment[] = []
      eachAssignment(sharedCommandsOf(this.file, lineQuotesIn(this.file.path)).commands, (name, value) => {
        if (textOf(value) !== '') assignments.push({ name, value })
      })
      this.madeAssignments = assignments
    } else {
      this.madeAssignments = inlineAssignments(this)
    }
    return this.madeAssignments
  }

  /**
   * The variables `expand` needs for `value`: none when the value holds no reference. The
   * variables of a structured file are every key of every mapping in it, and detectors declare
   * mostly plain values: made for all 1,000 declaring files of the benchmark's 20,000, they were
   * about a third of the detectors' time (0.44 of 1.48 s under the profiler).
   */
  variablesFor(value: Traced): Variables {
    return mayReference(textOf(value)) ? this.variables : NO_VARIABLES
  }

  /** Every value a name has in this file, for `${NAME}`, `${NAME:-default}`, `$(NAME)`, `${{ env.NAME }}`. */
  get variables(): Variables {
    if (this.madeVariables) return this.madeVariables
    const variables: Variables = new Map()
    const add = (name: string, value: Traced): void => {
      const list = variables.get(name) ?? []
      // A name given many values (a key of every list item) is not a variable anything expands.
      if (list.length < MAX_VALUES_PER_NAME) list.push({ value })
      variables.set(name, list)
    }
    for (const { name, value } of this.assignments) add(name, value)
    if (this.format !== 'shell') {
      for (const mapping of this.mappings) {
        // A workflow's `strategy.matrix` (and its `include` entries): what `${{ matrix.k8s-version }}` takes.
        const matrix = mapping.path.some((key, at) => key === 'matrix' && mapping.path[at - 1] === 'strategy')
        // An action's (or a reusable workflow's) `inputs.<name>.default`: what `${{ inputs.name }}` takes when a caller gives none.
        const input = mapping.path.length >= 2 && mapping.path[mapping.path.length - 2] === 'inputs' ? mapping.path[mapping.path.length - 1] : undefined
        const fallback = input === undefined ? undefined : mapping.entries.get('default')?.values[0]
        if (fallback) add(`inputs.${input}`, fallback)
        for (const entry of mapping.entries.values()) {
          for (const value of entry.values) {
            add(entry.key, value)
            add(`env.${entry.key}`, value)
            if (matrix) add(`matrix.${entry.key}`, value)
          }
        }
      }
    }
    this.madeVariables = variables
    return variables
  }
}

const NO_VARIABLES: Variables = new Map()

/** More values than this for one name are not kept (each is one more expansion of every use). */
const MAX_VALUES_PER_NAME = 8

export function viewOf(file: SourceFile, format: Format, wanted: DocumentFilter): FileView {
  return file.shared('detector-view', () => new FileView(file, format, wanted))
}

function mappingsOf(file: SourceFile, format: Format, wanted: DocumentFilter): Mapping[] {
  if (format === 'hcl') return hclMappings(file)
  if (format === 'lenient') return lenientMappings(file)
  if (format === 'shell' || format === 'list') return []
  const yaml = file.yaml(wanted)
  // A document that does not parse is read line by line, so a template action or a typo hides nothing.
  if (yaml.diagnostics.length > 0) return lenientMappings(file)
  return yamlMappings(file, yaml.documents.map(({ doc }) => doc.contents), wanted)
}

/** `NAME=value` written in a string of a structured file (a `run:` script, a `command:`), also as a quoted argument (`--set-parameters 'k8sVersion=v1.33.3'`). */
const ASSIGNMENT = /(?:^|[\s;&('"])(?:export[ \t]+)?([A-Za-z_]\w*)=(?:"([^"\n]*)"|'([^'\n]*)'|([^\s;&|)'"]+))/g

function inlineAssignments(view: FileView): Assignment[] {
  const text = view.file.text
  if (!text.includes('=')) return []
  const out: Assignment[] = []
  for (const match of text.matchAll(ASSIGNMENT)) {
    const [whole, name, double, single, bare] = match
    const value = double ?? single ?? bare ?? ''
    if (value === '' || view.inComment(match.index)) continue
    const valueStart = match.index + whole.length - value.length - (double !== undefined || single !== undefined ? 1 : 0)
    out.push({ name: name!, value: traced(view.file, value, valueStart) })
  }
  return out
}
