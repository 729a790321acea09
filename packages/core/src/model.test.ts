import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ResponseShapeError } from './errors.js';
import { optionalQuantitySchema, quantitySchema } from './model.js';
import { parseShape } from './parse-shape.js';

describe('quantity schemas', () => {
  const row = z.object({ qty: quantitySchema, valid_qty: optionalQuantitySchema });

  it('refuse an out-of-range quantity with a shape error naming the field and the limit', () => {
    const parse = (): unknown =>
      parseShape(
        z.object({ rows: z.array(row) }),
        { rows: [{ qty: '1', valid_qty: '1e-160000' }] },
        'demo',
        'answer',
      );
    expect(parse).toThrow(ResponseShapeError);
    expect(parse).toThrow(
      /rows\.0\.valid_qty: "1e-160000" has 160000 digits after the decimal point; at most 400/,
    );
  });

  it('keep accepting exponent notation within range', () => {
    expect(row.parse({ qty: '1.5e3', valid_qty: 2e-7 })).toEqual({
      qty: '1500',
      valid_qty: '0.0000002',
    });
  });
});
