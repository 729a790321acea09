import { describe, expect, it } from 'vitest';
import { keepText } from './kept-text.js';

describe('keepText', () => {
  it('keeps short texts and cuts long ones to the cap, saying so', () => {
    expect(keepText('abc', 10)).toBe('abc');
    const cut = keepText('x'.repeat(100), 40);
    expect(cut).toHaveLength(40);
    expect(cut).toMatch(/^x+… \[cut: 100 characters in all\]$/);
    expect(keepText(cut, 40)).toBe(cut);
  });
});
