import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ResponseShapeError } from './errors.js';
import { InvError } from './inv-error.js';
import { parseShape } from './parse-shape.js';

describe('parseShape', () => {
  it('names every invalid field of a response', () => {
    const schema = z.object({ rows: z.array(z.object({ qty: z.number() })) });
    try {
      parseShape(schema, { rows: [{ qty: 1 }, { qty: 'x' }] }, 'demo', 'inventory page');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ResponseShapeError);
      expect(error).toBeInstanceOf(InvError);
      expect((error as ResponseShapeError).issues[0]?.path).toBe('rows.1.qty');
    }
  });
});
