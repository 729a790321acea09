import { readFileSync } from 'node:fs';
import { missingAnchors } from '@inv/test-helpers';
import { describe, expect, it } from 'vitest';
import { KINGDEE_REFERENCE_URL, KINGDEE_SECTIONS, kingdeeReference } from './reference.js';

describe('kingdeeReference', () => {
  const doc = readFileSync(new URL('../../../docs/protocols/kingdee.md', import.meta.url), 'utf8');

  it('links every section it names to a heading that exists in the reference', () => {
    expect(missingAnchors(doc, Object.values(KINGDEE_SECTIONS))).toEqual([]);
  });

  it('builds absolute URLs an npm user can open', () => {
    expect(kingdeeReference('5.1')).toBe(`${KINGDEE_REFERENCE_URL}#51-x-api-signature`);
    expect(KINGDEE_REFERENCE_URL).toMatch(
      /^https:\/\/github\.com\/.+\/docs\/protocols\/kingdee\.md$/,
    );
  });
});
