/**
 * Delivers Kingdee inventory-change pushes to subscribers (docs/protocols/kingdee.md §10.1,
 * [assumed]): changed ids are batched per receiver, POSTed signed, retried with back-off, recorded
 * in a bounded history, and put through the seeded delivery faults (each attempt:
 * `delivery-attempt.ts`).
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { buildPushBody, resolvePushFormat } from '@inv/kingdee-protocol';
import type { z } from 'zod';
import type { faultConfigSchema } from '../faults.js';
import { createDeliveryAttempts, type DeliveryTarget } from './delivery-attempt.js';
import type { DeliveryRecord } from './delivery-record.js';
import {
  type PushOptions,
  type PushSubscription,
  pushOptionsSchema,
  pushSubscriptionSchema,
  type ResolvedPushOptions,
  retryDelay,
} from './options.js';
import { sleep } from './sleep.js';

export interface PushControllerOptions extends PushOptions {
  /** Receivers registered at start (and after a reset). */
  subscriptions?: readonly PushSubscription[] | undefined;
  now(): number;
  /** The fault configuration in force; its `deliveries` rules and `seed` apply to attempts. */
  faults(): z.output<typeof faultConfigSchema>;
  fetch?: typeof fetch | undefined;
}

export interface PushController {
  /** Queues changed ids for every current subscriber. */
  notify(ids: readonly string[]): void;
  /** Adds a receiver, or replaces the secret of one with the same URL. Throws a ZodError. */
  subscribe(subscription: PushSubscription): void;
  /** Removes one receiver (or every one without `url`); returns how many were removed. */
  unsubscribe(url?: string): number;
  /** Receivers, without their secrets. */
  subscriptions(): { url: string; since: string }[];
  /** The newest deliveries first, at most `limit`. */
  deliveries(limit?: number): DeliveryRecord[];
  /** Resolves once no change waits to be batched and no delivery is in flight or waiting to retry. */
  idle(): Promise<void>;
  /** Cancels pending deliveries, forgets the history, restores the start subscriptions. */
  reset(): void;
  /** Cancels everything for good and runs the `onClose` callbacks. */
  close(): void;
  /** Registers cleanup for `close` (e.g. stopping a change stream). */
  onClose(callback: () => void): void;
  readonly options: ResolvedPushOptions;
}

interface Subscriber extends DeliveryTarget {
  url: string;
  since: string;
  buffer: Set<string>;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Aborted when the receiver is removed: its deliveries stop retrying. */
  stop: AbortController;
}

export function createPushController(input: PushControllerOptions): PushController {
  const { subscriptions: initial = [], now, faults, fetch: fetchImpl, ...rest } = input;
  const options = pushOptionsSchema.parse(rest);
  const start = initial.map((subscription) => pushSubscriptionSchema.parse(subscription));
  const attempts = createDeliveryAttempts({
    send: fetchImpl ?? globalThis.fetch,
    now,
    format: resolvePushFormat(options.format),
    timeoutMs: options.timeoutMs,
    faults,
  });
  const subscribers = new Map<string, Subscriber>();
  let history: DeliveryRecord[] = [];
  let closed = false;
  let pending = 0;
  let waiters: (() => void)[] = [];
  const closers: (() => void)[] = [];

  const begin = (): void => {
    pending++;
  };
  const end = (): void => {
    pending--;
    if (pending === 0) {
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    }
  };

  const record = (delivery: DeliveryRecord): void => {
    history.push(delivery);
    if (history.length > options.historySize)
      history.splice(0, history.length - options.historySize);
  };

  const run = async (subscriber: Subscriber, delivery: DeliveryRecord): Promise<void> => {
    const signal = subscriber.stop.signal;
    const body = buildPushBody(delivery.ids, Date.parse(delivery.createdAt));
    try {
      for (let attempt = 1; attempt <= options.retry.maxAttempts; attempt++) {
        if (attempt > 1) await sleep(retryDelay(options.retry, attempt), signal);
        if (signal.aborted) break;
        if (await attempts.attempt(subscriber, delivery, body, attempt, signal)) {
          delivery.status = 'delivered';
          return;
        }
      }
      delivery.status = signal.aborted ? 'cancelled' : 'failed';
    } finally {
      end();
    }
  };

  const flush = (subscriber: Subscriber): void => {
    subscriber.timer = undefined;
    const ids = [...subscriber.buffer];
    subscriber.buffer.clear();
    const createdAt = new Date(now()).toISOString();
    for (let i = 0; i < ids.length; i += options.maxIdsPerDelivery) {
      const delivery: DeliveryRecord = {
        deliveryId: randomUUID(),
        url: subscriber.url,
        ids: ids.slice(i, i + options.maxIdsPerDelivery),
        createdAt,
        status: 'pending',
        attempts: [],
      };
      record(delivery);
      begin();
      void run(subscriber, delivery);
    }
    end();
  };

  const add = (subscription: z.output<typeof pushSubscriptionSchema>): void => {
    const existing = subscribers.get(subscription.url);
    if (existing) {
      existing.secret = subscription.secret;
      return;
    }
    const stop = new AbortController();
    // Every delivery in back-off or in flight listens to it: hundreds is normal, not a leak.
    setMaxListeners(0, stop.signal);
    subscribers.set(subscription.url, {
      ...subscription,
      since: new Date(now()).toISOString(),
      buffer: new Set(),
      timer: undefined,
      held: [],
      stop,
    });
  };

  const drop = (subscriber: Subscriber): void => {
    if (subscriber.timer !== undefined) {
      clearTimeout(subscriber.timer);
      subscriber.timer = undefined;
      end();
    }
    subscriber.stop.abort();
    attempts.releaseHeld(subscriber);
    subscribers.delete(subscriber.url);
  };

  for (const subscription of start) add(subscription);

  return {
    options,
    notify(ids) {
      if (ids.length === 0 || closed) return;
      for (const subscriber of subscribers.values()) {
        for (const id of ids) subscriber.buffer.add(id);
        if (subscriber.timer === undefined) {
          begin();
          subscriber.timer = setTimeout(() => flush(subscriber), options.batchWindowMs);
        }
      }
    },
    subscribe(subscription) {
      add(pushSubscriptionSchema.parse(subscription));
    },
    unsubscribe(url) {
      const removed = [...subscribers.values()].filter((s) => url === undefined || s.url === url);
      for (const subscriber of removed) drop(subscriber);
      return removed.length;
    },
    subscriptions: () => [...subscribers.values()].map(({ url, since }) => ({ url, since })),
    deliveries: (limit = options.historySize) => history.slice(-limit).reverse(),
    idle: () =>
      pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    reset() {
      for (const subscriber of [...subscribers.values()]) drop(subscriber);
      history = [];
      for (const subscription of start) add(subscription);
    },
    close() {
      closed = true;
      for (const subscriber of [...subscribers.values()]) drop(subscriber);
      for (const callback of closers.splice(0)) callback();
    },
    onClose(callback) {
      closers.push(callback);
    },
  };
}
