import { describe, expect, it } from 'vitest';
import { headingAnchors, missingAnchors } from './markdown-anchors.js';

const doc = [
  '# Title',
  '## 4. Sign and client_sign',
  '### 5.1 X-Api-Signature',
  '#### 10.2 库存查询 (pageInv)',
  '##### too deep',
].join('\n');

describe('headingAnchors', () => {
  it('spells anchors as GitHub does for level 2 to 4 headings', () => {
    expect([...headingAnchors(doc)]).toEqual([
      '4-sign-and-client_sign',
      '51-x-api-signature',
      '102-库存查询-pageinv',
    ]);
  });

  it('names the anchors no heading has', () => {
    expect(missingAnchors(doc, ['51-x-api-signature', 'title', 'too-deep'])).toEqual([
      'title',
      'too-deep',
    ]);
  });
});
