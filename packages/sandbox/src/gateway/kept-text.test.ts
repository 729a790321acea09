import { describe, expect, it } from 'vitest';
import { editKept, keepText } from './kept-text.js';

describe('keepText', () => {
  it('keeps short texts and cuts long ones to the cap, saying so', () => {
    expect(keepText('abc', 10)).toBe('abc');
    const cut = keepText('x'.repeat(100), 40);
    expect(cut).toHaveLength(40);
    expect(cut).toMatch(/^x+… \[cut: 100 characters in all\]$/);
    expect(keepText(cut, 40)).toBe(cut);
  });

  it('edits what was kept of a text, leaving its cut note out of the edit', () => {
    const upper = (text: string): string => text.toUpperCase();
    expect(editKept('abc', upper)).toBe('ABC');
    expect(editKept(keepText('x'.repeat(100), 40), upper)).toMatch(
      /^X+… \[cut: 100 characters in all\]$/,
    );
  });
});
