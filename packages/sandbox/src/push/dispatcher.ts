/**
 * Delivers Kingdee inventory-change pushes to subscribers (docs/protocols/kingdee.md §10.1,
 * [assumed]): changed ids are batched per receiver, POSTed signed, retried with back-off, recorded
 * in a bounded history, and put through the seeded delivery faults.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { anySignal } from '@inv/core';
import {
  buildPushBody,
  type KingdeePushFormat,
  resolvePushFormat,
  signPushDelivery,
} from '@inv/kingdee-protocol';
import type { z } from 'zod';
import type { faultConfigSchema } from '../faults.js';
import {
  createDeliveryFaultPicker,
  type DeliveryFault,
  type DeliveryFaultPicker,
} from './delivery-faults.js';
import {
  type PushOptions,
  type PushSubscription,
  pushOptionsSchema,
  pushSubscriptionSchema,
  type ResolvedPushOptions,
  retryDelay,
} from './options.js';

/** One attempt of a delivery, as `GET /_sandbox/deliveries` shows it. */
export interface DeliveryAttempt {
  attempt: number;
  /** When it was sent (ISO). */
  at: string;
  /** HTTP status, or `null` when no answer came (timeout, network error, dropped). */
  status: number | null;
  /** Milliseconds from sending to the answer (or failure). */
  ms: number;
  /** Start of the receiver's answer (at most 200 characters), e.g. its refusal reason. */
  answer?: string | undefined;
  error?: string | undefined;
  /** Delivery faults applied to this attempt. */
  faults?: string[] | undefined;
  /** A byte-for-byte copy sent by a `duplicate` fault. */
  copy?: true | undefined;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface DeliveryRecord {
  deliveryId: string;
  url: string;
  ids: string[];
  /** When the batch was formed (ISO). */
  createdAt: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
}

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

interface Subscriber {
  url: string;
  secret: string;
  since: string;
  buffer: Set<string>;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Attempts held back by a `reorder` fault, released when the next attempt to this URL ends. */
  held: (() => void)[];
  /** Aborted when the receiver is removed: its deliveries stop retrying. */
  stop: AbortController;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export function createPushController(input: PushControllerOptions): PushController {
  const { subscriptions: initial = [], now, faults, fetch: fetchImpl, ...rest } = input;
  const options = pushOptionsSchema.parse(rest);
  const format: KingdeePushFormat = resolvePushFormat(options.format);
  const start = initial.map((subscription) => pushSubscriptionSchema.parse(subscription));
  const send = fetchImpl ?? globalThis.fetch;
  const subscribers = new Map<string, Subscriber>();
  let history: DeliveryRecord[] = [];
  let closed = false;
  let pending = 0;
  let waiters: (() => void)[] = [];
  const closers: (() => void)[] = [];
  let picker: { config: unknown; picker: DeliveryFaultPicker } | undefined;

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

  /** A new generator whenever the fault configuration is replaced, as the request rules do. */
  const faultsFor = (url: string): DeliveryFault[] => {
    const config = faults();
    if (!config.deliveries || config.deliveries.length === 0) return [];
    if (picker?.config !== config) {
      picker = { config, picker: createDeliveryFaultPicker(config.deliveries, config.seed) };
    }
    return picker.picker.pick(url);
  };

  const record = (delivery: DeliveryRecord): void => {
    history.push(delivery);
    if (history.length > options.historySize)
      history.splice(0, history.length - options.historySize);
  };

  const releaseHeld = (subscriber: Subscriber): void => {
    const held = subscriber.held;
    subscriber.held = [];
    for (const release of held) release();
  };

  const hold = (subscriber: Subscriber, ms: number, signal: AbortSignal): Promise<void> => {
    const released = new AbortController();
    subscriber.held.push(() => released.abort());
    const combined = anySignal([signal, released.signal]);
    return sleep(ms, combined.signal).finally(combined.dispose);
  };

  /** Sends one copy; resolves with the attempt's outcome. */
  const post = async (
    delivery: DeliveryRecord,
    attempt: number,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
    extra: Partial<DeliveryAttempt>,
  ): Promise<boolean> => {
    const entry: DeliveryAttempt = {
      attempt,
      at: new Date(now()).toISOString(),
      status: null,
      ms: 0,
      ...extra,
    };
    delivery.attempts.push(entry);
    const started = performance.now();
    const timeout = AbortSignal.timeout(options.timeoutMs);
    // Not AbortSignal.any: `signal` lives as long as the subscription (core's anySignal).
    const combined = anySignal([signal, timeout]);
    try {
      const response = await send(delivery.url, {
        method: 'POST',
        headers,
        body,
        signal: combined.signal,
        redirect: 'manual',
      });
      entry.status = response.status;
      const text = await response.text().catch(() => '');
      if (text !== '') entry.answer = text.slice(0, 200);
      return response.status >= 200 && response.status < 300;
    } catch (error) {
      entry.error = timeout.aborted
        ? `no answer within ${options.timeoutMs} ms`
        : ((error as Error).cause as Error | undefined)?.message || (error as Error).message;
      return false;
    } finally {
      combined.dispose();
      entry.ms = Math.round((performance.now() - started) * 10) / 10;
    }
  };

  const attemptOnce = async (
    subscriber: Subscriber,
    delivery: DeliveryRecord,
    body: string,
    attempt: number,
    signal: AbortSignal,
  ): Promise<boolean> => {
    const picked = faultsFor(delivery.url);
    const names = picked.length > 0 ? picked.map((fault) => fault.type) : undefined;
    // Signed before any delay: a late packet carries the timestamp it was sent with.
    const { headers } = signPushDelivery({
      secret: subscriber.secret,
      deliveryId: delivery.deliveryId,
      timestamp: now(),
      body,
      format,
    });
    if (picked.some((fault) => fault.type === 'drop')) {
      delivery.attempts.push({
        attempt,
        at: new Date(now()).toISOString(),
        status: null,
        ms: 0,
        error: 'dropped by a delivery fault',
        faults: names,
      });
      return false;
    }
    for (const fault of picked) {
      if (fault.type === 'delay') await sleep(fault.ms, signal);
      if (fault.type === 'reorder') await hold(subscriber, fault.holdMs, signal);
    }
    if (signal.aborted) return false;
    const copies = picked.some((fault) => fault.type === 'duplicate') ? 2 : 1;
    try {
      const outcomes = await Promise.all(
        Array.from({ length: copies }, (_, copy) =>
          post(delivery, attempt, headers, body, signal, {
            faults: names,
            ...(copy > 0 ? { copy: true as const } : {}),
          }),
        ),
      );
      return outcomes.some(Boolean);
    } finally {
      releaseHeld(subscriber);
    }
  };

  const run = async (subscriber: Subscriber, delivery: DeliveryRecord): Promise<void> => {
    const signal = subscriber.stop.signal;
    const body = buildPushBody(delivery.ids, Date.parse(delivery.createdAt));
    try {
      for (let attempt = 1; attempt <= options.retry.maxAttempts; attempt++) {
        if (attempt > 1) await sleep(retryDelay(options.retry, attempt), signal);
        if (signal.aborted) break;
        if (await attemptOnce(subscriber, delivery, body, attempt, signal)) {
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
    releaseHeld(subscriber);
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
