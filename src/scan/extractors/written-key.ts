import { literal } from './literal.js'

/**
 * Characters that can follow a map key written out in YAML or JSON: its colon, a space
 * before the colon (`key : v`, or an explicit `? key` line), the closing quote of `"key":`,
 * the backslash of `\"key\":` in JSON inside a string, a line break (`? key`). Anything else
 * (`controlPlaneRef`, `distroless`) continues another word.
 */
const KEY_ENDS = new Set([':', ' ', '\t', '"', "'", '\\', '\n', '\r'])

/**
 * A test of whether a text may hold `key` as a map key: a pre-filter, so it errs towards
 * yes. A key spelled with escapes (`"control\x50lane"`) is not seen, as with a plain
 * `includes`. Made once per key: the key is searched from its rarest character.
 */
export function mayHoldKey(key: string): (text: string) => boolean {
  const word = literal(key)
  return (text) => {
    for (let at = word.indexIn(text); at !== -1; at = word.indexIn(text, at + 1)) {
      const next = text[at + key.length]
      if (next === undefined || KEY_ENDS.has(next)) return true
    }
    return false
  }
}
