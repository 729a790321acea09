import { describe, expect, it } from 'vitest';
import { findDuplicateKey, firstTooDeep, pathAt } from './json-structure.js';

describe('json structure walks', () => {
  const text = '{"a":[1,{"b\\"c":[true,"]}[{,",-2.5]}],"d":{"e":{}}}';

  it('pathAt names the value starting at an index, keys unescaped, past strings holding brackets', () => {
    expect(pathAt(text, text.indexOf('-2.5'))).toBe('a.1.b"c.2');
    expect(pathAt(text, text.indexOf('1,'))).toBe('a.0');
    expect(pathAt(text, text.indexOf('{}'))).toBe('d.e');
    expect(pathAt(text, 0)).toBe('');
  });

  it('firstTooDeep finds the first container past the depth, ignoring brackets in strings', () => {
    expect(firstTooDeep(text, 4)).toBe(-1);
    expect(firstTooDeep(text, 3)).toBe(text.indexOf('[true'));
    expect(firstTooDeep('"[[[["', 1)).toBe(-1);
    expect(firstTooDeep('[]', 0)).toBe(0);
  });

  it('findDuplicateKey names the second occurrence, and nothing when keys repeat only across objects', () => {
    expect(findDuplicateKey('[{"a":1},{"a":{"a":2}}]')).toBeUndefined();
    expect(findDuplicateKey('[{"a":1},{"x":{"a":2,"\\u0061":3}}]')).toEqual({
      key: 'a',
      path: '1.x.a',
    });
  });
});
