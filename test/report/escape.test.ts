import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forMarkdown, forMarkdownCode, forMarkdownUrl, forTerminal } from '../../src/report/escape.js'
import { fuzzParameters } from '../helpers/fuzz.js'

/** What a repository can put in a file name or a value, and what each surface must show instead. */
describe('escaping repository text', () => {
  it.each([
    ['a percent sign', '100%.yaml', '100%.yaml'],
    ['a CRLF and a workflow command', 'a\r\n::error::pwned', 'a ::error::pwned'],
    ['HTML', '<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['a table cell separator', 'a | b', 'a \\| b'],
    ['backticks', 'run `rm -rf /`', 'run \\`rm -rf /\\`'],
    ['an HTML comment that would hide the rest', 'x <!-- hidden -->', 'x &lt;\\!-- hidden --&gt;'],
    ['a link', '[click](https://evil.example)', '\\[click\\]\\(https:\u200b//evil.example\\)'],
    ['a mention of a team', 'ping @org/security-team', 'ping @\u200borg/security-team'],
    ['a bare web address', 'see www.evil.example', 'see www\u200b.evil.example'],
    ['an entity', '&lt;', '&amp;lt;'],
    ['a right-to-left override', 'evil\u202egnp.yaml', 'evil\ufffdgnp.yaml'],
    ['an ANSI escape', '\u001b[31mred', '\ufffd\\[31mred']
  ])('Markdown text: %s', (_name, text, expected) => {
    expect(forMarkdown(text)).toBe(expected)
  })

  it.each([
    ['plain text', 'clusters/dev/Chart.yaml:6', '`clusters/dev/Chart.yaml:6`'],
    ['one backtick', 'a`b', '``a`b``'],
    ['two backticks (closed a fixed `` fence early)', 'a``b', '```a``b```'],
    ['a backtick at an end', '`x', '`` `x ``'],
    ['a table cell separator', 'a|b', '`a\\|b`'],
    ['a CRLF', 'a\r\nb', '`a b`'],
    ['HTML (inert in code)', '<!-- x -->', '`<!-- x -->`']
  ])('Markdown code: %s', (_name, text, expected) => {
    expect(forMarkdownCode(text)).toBe(expected)
  })

  it.each([
    ['balanced parentheses', 'https://github.com/o/r/blob/s/a(1)#L6', 'https://github.com/o/r/blob/s/a%281%29#L6'],
    ['a closing parenthesis that would end the link', 'https://x/a)b', 'https://x/a%29b'],
    ['spaces, quotes and angle brackets', 'https://x/a b"c\'d<e>', 'https://x/a%20b%22c%27d%3Ce%3E'],
    ['already encoded text stays as it is', 'https://x/100%250A', 'https://x/100%250A']
  ])('Markdown link destination: %s', (_name, url, expected) => {
    expect(forMarkdownUrl(url)).toBe(expected)
  })

  it.each([
    ['an ANSI colour', '\u001b[31mred\u001b[0m', '\ufffd[31mred\ufffd[0m'],
    ['a carriage return that would overwrite the line', 'ok\rFAIL', 'ok\ufffdFAIL'],
    ['a bidirectional override', 'a\u202eb', 'a\ufffdb'],
    ['a newline that would start a runner command', 'a\n::error::pwned', 'a\ufffd::error::pwned'],
    ['a tab stays', 'a\tb', 'a\tb']
  ])('terminal: %s', (_name, text, expected) => {
    expect(forTerminal(text)).toBe(expected)
  })

  it('a code span never closes early, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', 'a', ' ', '|', '\n') }), (text) => {
        const code = forMarkdownCode(text)
        const fence = /^`+/.exec(code)![0]
        const inner = code.slice(fence.length, code.length - fence.length)
        expect(code.endsWith(fence)).toBe(true)
        // A run of exactly the fence's length inside would close the span.
        expect((inner.match(/`+/g) ?? []).every((run) => run.length !== fence.length)).toBe(true)
        expect(inner).not.toMatch(/[\r\n]/)
      }),
      fuzzParameters(500)
    )
  })

  it('Markdown text never keeps a line break, a raw angle bracket or an unescaped structure character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const out = forMarkdown(text)
        expect(out).not.toMatch(/[\r\n<>]/)
        expect(out).not.toMatch(/(^|[^\\])[`|[\]()*_]/)
      }),
      fuzzParameters(500)
    )
  })
})
