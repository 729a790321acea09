/**
 * `GET /_sandbox/requests/stream`: the request log as server-sent events (hono's `streamSSE`),
 * one `request` event per new entry, its id as the event id. A client that reconnects sends
 * `Last-Event-ID` (or `?after=<id>`) and first gets the entries it missed that the log still holds.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RequestLog, RequestLogEntry } from './context.js';

/** A comment line now and then: proxies keep the stream open and a closed client is noticed. */
const KEEP_ALIVE_MS = 15_000;

/** New entries held for a slow client; past it the oldest are dropped (the log holds them). */
const MAX_PENDING = 500;

export function requestStream(log: RequestLog, c: Context): Response {
  const resumeFrom = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? Number.NaN);
  return streamSSE(c, async (stream) => {
    const pending: RequestLogEntry[] = Number.isInteger(resumeFrom) ? log.since(resumeFrom) : [];
    let wake: (() => void) | undefined;
    const unsubscribe = log.subscribe((entry) => {
      pending.push(entry);
      if (pending.length > MAX_PENDING) pending.shift();
      wake?.();
    });
    let open = true;
    stream.onAbort(() => {
      open = false;
      unsubscribe();
      wake?.();
    });
    try {
      await stream.write(': inv sandbox request log\n\n');
      while (open) {
        for (let entry = pending.shift(); entry; entry = pending.shift()) {
          await stream.writeSSE({
            event: 'request',
            id: String(entry.id),
            data: JSON.stringify(entry),
          });
        }
        const woken = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), KEEP_ALIVE_MS);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = undefined;
        if (!woken && open) await stream.write(': keep-alive\n\n');
      }
    } finally {
      unsubscribe();
    }
  });
}
