import { describe, expect, it } from 'vitest';
import { Refusal } from '../../gateway/refusal.js';
import { KINGDEE_MAX_PARAM_VALUES, ParamReader } from './params.js';

describe('kingdee parameter reader', () => {
  it('adds each value in constant time: a million values of one key, unbounded, in one pass', () => {
    // Copying the key's values for each value added is ~5·10^11 copies here: hours, not a test.
    const reader = new ParamReader({}, Number.POSITIVE_INFINITY);
    let refused = 0;
    for (let i = 0; i < 1_000_000; i++) if (reader.add('material_ids', String(i))) refused++;
    expect(refused).toBe(0);
    const values = reader.params.get('material_ids');
    expect(values).toHaveLength(1_000_000);
    expect(values?.[999_999]).toBe('999999');
  });

  it('refuses the first value past a documented limit, naming the parameter and the limit', () => {
    const reader = new ParamReader({ ids: 100 });
    for (let i = 0; i < 100; i++) expect(reader.add('ids', String(i))).toBeUndefined();
    const refused = reader.add('ids', '100');
    expect(refused).toBeInstanceOf(Refusal);
    expect(refused?.code).toBe('2000001000');
    expect(refused?.describe()).toBe(
      'ids is given more than 100 values: expected at most 100 per request',
    );
  });

  it('refuses a request past the total of values, whatever the keys', () => {
    const reader = new ParamReader({});
    for (let i = 0; i < KINGDEE_MAX_PARAM_VALUES; i++) {
      expect(reader.add(`k${i % 7}`, 'v')).toBeUndefined();
    }
    expect(reader.add('k0', 'v')?.describe()).toBe(
      `parameters hold more than ${KINGDEE_MAX_PARAM_VALUES} values in all: expected at most ${KINGDEE_MAX_PARAM_VALUES} values per request`,
    );
  });

  it('ignores d (a doc-generator artefact, §11.1) without counting it', () => {
    const reader = new ParamReader({}, 1);
    expect(reader.add('d', 'true')).toBeUndefined();
    expect(reader.add('ids', '[]')).toBeUndefined();
    expect([...reader.params.keys()]).toEqual(['ids']);
  });
});
