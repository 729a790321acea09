import { z } from 'zod';
import { createRandom, type Random } from '../random.js';

/**
 * A failure injected into push deliveries (docs/protocols/kingdee.md §10.1), so receivers can be
 * tested for idempotence and loss. Each acts on one attempt of a delivery.
 */
export const deliveryFaultSchema = z.discriminatedUnion('type', [
  /** The attempt is never sent, as if lost on the way: it counts as failed and is retried. */
  z.object({ type: z.literal('drop') }),
  /** The attempt is sent `ms` milliseconds late. */
  z.object({ type: z.literal('delay'), ms: z.number().int().min(0).max(120_000) }),
  /** The attempt is sent twice, byte for byte (the receiver sees a replay). */
  z.object({ type: z.literal('duplicate') }),
  /**
   * The attempt is held back until the next attempt to the same receiver has been sent (or at
   * most `holdMs`, default 1000), so it arrives after a later delivery.
   */
  z.object({
    type: z.literal('reorder'),
    holdMs: z.number().int().min(0).max(120_000).default(1000),
  }),
]);
export type DeliveryFault = z.output<typeof deliveryFaultSchema>;

/** A configured delivery fault: which receivers it hits, how often, how many times. */
export const deliveryFaultRuleSchema = z.object({
  /** Only deliveries to this receiver URL; all when absent. */
  match: z.object({ url: z.string().optional() }).optional(),
  fault: z.union([deliveryFaultSchema, z.array(deliveryFaultSchema).min(1)]),
  /** Probability (0..1) that an attempt is hit, drawn from the seeded generator. Default 1. */
  rate: z.number().min(0).max(1).default(1),
  /** Hit at most this many attempts, then stop. */
  times: z.number().int().positive().optional(),
});
export type DeliveryFaultRule = z.input<typeof deliveryFaultRuleSchema>;

/** Picks the faults of one attempt from the rules, seeded like the request fault rules. */
export interface DeliveryFaultPicker {
  pick(url: string): DeliveryFault[];
}

export function createDeliveryFaultPicker(
  rules: readonly z.output<typeof deliveryFaultRuleSchema>[],
  seed: number,
): DeliveryFaultPicker {
  const random: Random = createRandom(seed);
  const hits = rules.map(() => 0);
  return {
    pick(url) {
      const picked: DeliveryFault[] = [];
      for (const [index, rule] of rules.entries()) {
        if (rule.match?.url !== undefined && rule.match.url !== url) continue;
        if (rule.times !== undefined && (hits[index] ?? 0) >= rule.times) continue;
        if (rule.rate < 1 && random.next() >= rule.rate) continue;
        hits[index] = (hits[index] ?? 0) + 1;
        picked.push(...(Array.isArray(rule.fault) ? rule.fault : [rule.fault]));
      }
      return picked;
    },
  };
}
