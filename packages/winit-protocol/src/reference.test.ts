import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WINIT_REFERENCE_URL, WINIT_SECTIONS, winitReference } from './reference.js';

// GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped, spaces → `-`.
function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{2,4} (.+)$/gm)) {
    found.add(
      (heading ?? '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return found;
}

describe('winitReference', () => {
  const doc = readFileSync(new URL('../../../docs/protocols/winit.md', import.meta.url), 'utf8');

  it('links every section it names to a heading that exists in the reference', () => {
    const existing = anchors(doc);
    for (const anchor of Object.values(WINIT_SECTIONS)) expect(existing).toContain(anchor);
  });

  it('builds absolute URLs an npm user can open', () => {
    expect(winitReference('4')).toBe(`${WINIT_REFERENCE_URL}#4-sign-and-client_sign`);
    expect(WINIT_REFERENCE_URL).toMatch(/^https:\/\/github\.com\/.+\/docs\/protocols\/winit\.md$/);
  });
});
