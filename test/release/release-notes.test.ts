import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain JavaScript build script without type declarations
import { releaseNotes } from '../../scripts/release-notes.mjs'

const notes = releaseNotes as (changelog: string, version: string) => { notes?: string; error?: string; line?: number }

const CHANGELOG = `# Changelog

## [Unreleased]

- Something not released yet.

## [0.2.0] - 2027-01-15

### Added

- \`--format codequality\`.

### Fixed

- A finding reported twice.

## [0.1.0] - 2026-12-01

- First release.

## [0.0.9] - 2026-11-01

[Unreleased]: https://example.test/compare/v0.2.0...HEAD
[0.2.0]: https://example.test/releases/tag/v0.2.0
`

describe('release notes from CHANGELOG.md', () => {
  it.each([
    ['a section with subsections, up to the next version', '0.2.0', { notes: '### Added\n\n- `--format codequality`.\n\n### Fixed\n\n- A finding reported twice.\n' }],
    ['the oldest section, up to the link references', '0.1.0', { notes: '- First release.\n' }],
    ['a version without a section', '0.3.0', { error: 'no section "## [0.3.0] - YYYY-MM-DD"' }],
    ['a section that lists nothing', '0.0.9', { error: 'the section of 0.0.9 lists no change', line: 21 }],
    ['dots are not wildcards', '0x2x0', { error: 'no section "## [0x2x0] - YYYY-MM-DD"' }]
  ])('%s', (_name, version, expected) => {
    expect(notes(CHANGELOG, version)).toEqual(expected)
  })
})
