import type { InventoryRecord } from '@inv/core';

/** A normalized record with every field filled, overridable per test. */
export function record(overrides: {
  provider?: string;
  key?: string;
  sku?: string;
  variant?: string | null;
  name?: string | null;
  warehouse?: string | null;
  grade?: string | null;
  onHand?: string | null;
  available?: string | null;
}): InventoryRecord {
  const sku = overrides.sku ?? 'SKU-1';
  const warehouse = overrides.warehouse === undefined ? 'WH1' : overrides.warehouse;
  const variant = overrides.variant ?? null;
  return {
    provider: overrides.provider ?? 'fake',
    key: overrides.key ?? `${sku}|${warehouse}|${variant ?? ''}`,
    warehouse: { id: null, code: warehouse, name: null },
    location: null,
    item: {
      sku,
      id: null,
      name: overrides.name === undefined ? `Name of ${sku}` : overrides.name,
      variant: variant === null ? null : { id: null, code: variant, name: variant },
    },
    batch: null,
    grade: overrides.grade ?? null,
    quantities: {
      onHand: overrides.onHand === undefined ? '10' : overrides.onHand,
      available: overrides.available === undefined ? '7' : overrides.available,
      reserved: null,
      frozen: null,
      inboundInTransit: null,
      pendingOutbound: null,
    },
    version: null,
    raw: { sku },
  };
}
