import { readFileSync } from 'node:fs';
import { missingAnchors } from '@inv/test-helpers';
import { describe, expect, it } from 'vitest';
import { WINIT_REFERENCE_URL, WINIT_SECTIONS, winitReference } from './reference.js';

describe('winitReference', () => {
  const doc = readFileSync(new URL('../../../docs/protocols/winit.md', import.meta.url), 'utf8');

  it('links every section it names to a heading that exists in the reference', () => {
    expect(missingAnchors(doc, Object.values(WINIT_SECTIONS))).toEqual([]);
  });

  it('builds absolute URLs an npm user can open', () => {
    expect(winitReference('4')).toBe(`${WINIT_REFERENCE_URL}#4-sign-and-client_sign`);
    expect(WINIT_REFERENCE_URL).toMatch(/^https:\/\/github\.com\/.+\/docs\/protocols\/winit\.md$/);
  });
});
