/**
 * One attempt of a push delivery (docs/protocols/kingdee.md §10.1, [assumed]): signed, put through
 * the delivery faults drawn for it (drop, delay, reorder, duplicate), POSTed, its outcome recorded
 * on the delivery.
 */
import { anySignal } from '@inv/core';
import { type KingdeePushFormat, signPushDelivery } from '@inv/kingdee-protocol';
import type { z } from 'zod';
import type { faultConfigSchema } from '../faults.js';
import {
  createDeliveryFaultPicker,
  type DeliveryFault,
  type DeliveryFaultPicker,
} from './delivery-faults.js';
import type { DeliveryAttempt, DeliveryRecord } from './delivery-record.js';
import { sleep } from './sleep.js';

/** The receiver an attempt goes to. */
export interface DeliveryTarget {
  secret: string;
  /** Attempts held back by a `reorder` fault, released when the next attempt to this URL ends. */
  held: (() => void)[];
}

export interface DeliveryAttemptOptions {
  send: typeof fetch;
  now(): number;
  format: KingdeePushFormat;
  timeoutMs: number;
  /** The fault configuration in force; its `deliveries` rules and `seed` apply to attempts. */
  faults(): z.output<typeof faultConfigSchema>;
}

export interface DeliveryAttempts {
  /** Makes attempt `attempt` of `delivery` to `target`; resolves with whether it was accepted. */
  attempt(
    target: DeliveryTarget,
    delivery: DeliveryRecord,
    body: string,
    attempt: number,
    signal: AbortSignal,
  ): Promise<boolean>;
  /** Lets the attempts a `reorder` fault holds back for `target` go on. */
  releaseHeld(target: DeliveryTarget): void;
}

export function createDeliveryAttempts(input: DeliveryAttemptOptions): DeliveryAttempts {
  const { send, now, format, timeoutMs, faults } = input;
  let picker: { config: unknown; picker: DeliveryFaultPicker } | undefined;

  /** A new generator whenever the fault configuration is replaced, as the request rules do. */
  const faultsFor = (url: string): DeliveryFault[] => {
    const config = faults();
    if (!config.deliveries || config.deliveries.length === 0) return [];
    if (picker?.config !== config) {
      picker = { config, picker: createDeliveryFaultPicker(config.deliveries, config.seed) };
    }
    return picker.picker.pick(url);
  };

  const releaseHeld = (subscriber: DeliveryTarget): void => {
    const held = subscriber.held;
    subscriber.held = [];
    for (const release of held) release();
  };

  const hold = (subscriber: DeliveryTarget, ms: number, signal: AbortSignal): Promise<void> => {
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
    const timeout = AbortSignal.timeout(timeoutMs);
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
        ? `no answer within ${timeoutMs} ms`
        : ((error as Error).cause as Error | undefined)?.message || (error as Error).message;
      return false;
    } finally {
      combined.dispose();
      entry.ms = Math.round((performance.now() - started) * 10) / 10;
    }
  };

  const attemptOnce = async (
    subscriber: DeliveryTarget,
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

  return { attempt: attemptOnce, releaseHeld };
}
