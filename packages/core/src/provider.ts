import { ConfigError } from './errors.js';
import type { InventoryRecord } from './model.js';

/** What a provider can do. Callers check before calling an optional operation. */
export type Capability =
  | 'inventory.byIds'
  | 'inventory.bySkus'
  | 'inventory.list'
  | 'inventory.changes';

export interface ProviderLimits {
  /** Largest number of ids/SKUs one request may carry (Kingdee 100, Winit 500). */
  maxBatchSize: number;
  /** Largest page the provider serves. */
  maxPageSize: number;
  /** Documented request budget. */
  rateLimit: { limit: number; intervalMs: number };
}

/** Options every operation accepts. */
export interface OperationOptions {
  /** Cancels the operation, including retries and waits for the rate limiter. */
  signal?: AbortSignal | undefined;
}

export interface ByIdsResult {
  /** Normalized records, in request order where the provider keeps it. */
  records: InventoryRecord[];
  /** Requested ids or SKUs the provider did not return. */
  missing: string[];
}

/**
 * Resume point of a paged sync. Opaque to callers: store it as JSON and pass it back as
 * `cursor` to continue after the last page that was fully delivered.
 */
export type Cursor = Record<string, string | number | boolean | null>;

/** One page of a paged sync, with the cursor that resumes *after* it. */
export interface Page<T = InventoryRecord> {
  items: T[];
  /** Cursor to resume after this page; `null` when this was the last page. */
  next: Cursor | null;
  /** Total rows the provider announced, when it announces one. */
  total?: number | undefined;
}

export interface ListOptions extends OperationOptions {
  /** Resume after a page previously delivered (from {@link Page.next}). */
  cursor?: Cursor | undefined;
  /** Rows per request, capped at the provider's maximum. */
  pageSize?: number | undefined;
}

export interface ChangesOptions extends ListOptions {
  /** Only positions changed at or after this instant. */
  since: Date;
  /** Only positions changed before this instant; defaults to now. */
  until?: Date | undefined;
}

/** Inventory operations. Optional members exist exactly when the matching capability is declared. */
export interface InventoryOperations {
  /** Positions by the provider's inventory-row ids (Kingdee inventory ids). */
  byIds?(ids: readonly string[], options?: OperationOptions): Promise<ByIdsResult>;
  /** Positions by SKU (Winit merchandise codes). */
  bySkus?(
    skus: readonly string[],
    options?: OperationOptions & Record<string, unknown>,
  ): Promise<ByIdsResult>;
  /** Every position, page by page, in constant memory. */
  pages?(options?: ListOptions): AsyncIterable<Page>;
  /** Every position as a flat stream (built on `pages`). */
  list?(options?: ListOptions): AsyncIterable<InventoryRecord>;
  /** Positions changed in a time window (incremental sync). */
  changes?(options: ChangesOptions): AsyncIterable<Page>;
}

/** An inventory provider plugin: identity, capabilities, limits and operations. */
export interface Provider<Id extends string = string> {
  readonly id: Id;
  readonly displayName: string;
  readonly capabilities: ReadonlySet<Capability>;
  readonly limits: ProviderLimits;
  readonly inventory: InventoryOperations;
}

/**
 * A provider whose listed operations are known to exist, so callers need no `?.`: what a provider
 * package declares, e.g. `ProviderWith<'winit', 'bySkus' | 'pages' | 'list' | 'changes'>`.
 */
export type ProviderWith<
  Id extends string,
  Ops extends keyof InventoryOperations,
> = Provider<Id> & {
  readonly inventory: InventoryOperations & Required<Pick<InventoryOperations, Ops>>;
};

/** `list` is derived from `pages` when a definition has one and not the other. */
type WithDerivedList<Ops extends InventoryOperations> = Ops extends {
  pages: NonNullable<InventoryOperations['pages']>;
}
  ? Ops & { list: NonNullable<InventoryOperations['list']> }
  : Ops;

export interface ProviderDefinition<Id extends string = string> {
  id: Id;
  displayName: string;
  capabilities: readonly Capability[];
  limits: ProviderLimits;
  inventory: InventoryOperations;
}

const OPERATION_OF: Record<Capability, keyof InventoryOperations> = {
  'inventory.byIds': 'byIds',
  'inventory.bySkus': 'bySkus',
  'inventory.list': 'pages',
  'inventory.changes': 'changes',
};

/**
 * Declares a provider. Checks that every declared capability has its operation and that limits
 * are positive, so a plugin mistake fails at construction instead of mid-sync. When `pages` is
 * given and `list` is not, `list` is derived from it.
 */
export function defineProvider<Id extends string, Ops extends InventoryOperations>(
  definition: ProviderDefinition<Id> & { inventory: Ops },
): Provider<Id> & { readonly inventory: WithDerivedList<Ops> } {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.id)) {
    throw new ConfigError('id', `"${definition.id}" must be lowercase letters, digits and dashes`);
  }
  for (const capability of definition.capabilities) {
    const operation = OPERATION_OF[capability];
    if (typeof definition.inventory[operation] !== 'function') {
      throw new ConfigError(
        `inventory.${operation}`,
        `capability "${capability}" is declared but inventory.${operation} is not implemented`,
        { provider: definition.id },
      );
    }
  }
  const { maxBatchSize, maxPageSize, rateLimit } = definition.limits;
  for (const [name, value] of [
    ['limits.maxBatchSize', maxBatchSize],
    ['limits.maxPageSize', maxPageSize],
    ['limits.rateLimit.limit', rateLimit.limit],
    ['limits.rateLimit.intervalMs', rateLimit.intervalMs],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new ConfigError(name, `must be a positive integer, got ${String(value)}`, {
        provider: definition.id,
      });
    }
  }
  const inventory: InventoryOperations = { ...definition.inventory };
  const pages = inventory.pages;
  if (pages && !inventory.list) {
    inventory.list = (options) => flattenPages(pages(options));
  }
  return Object.freeze({
    id: definition.id,
    displayName: definition.displayName,
    capabilities: new Set(definition.capabilities),
    limits: Object.freeze({ ...definition.limits }),
    // `list` was derived above exactly when WithDerivedList adds it.
    inventory: Object.freeze(inventory) as WithDerivedList<Ops>,
  });
}

/** Flattens an async iterable of pages into an async iterable of their items. */
export async function* flattenPages<T>(
  pages: AsyncIterable<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) yield* page.items;
}
