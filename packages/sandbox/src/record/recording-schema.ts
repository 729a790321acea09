/**
 * The recording file of `--record` / `--replay`: JSON lines, one recorded exchange per line, each
 * with a `version` so a later sandbox can tell an old file from a new one. Every secret is already
 * redacted when a line is written (redact.ts); the match key leaves out timestamps, nonces,
 * signatures and credentials (match-key.ts), so a recording replays for any client credentials.
 */
import { z } from 'zod';

export const RECORDING_VERSION = 1;

const headersSchema = z.record(z.string(), z.string());

export const recordedExchangeSchema = z.object({
  version: z.literal(RECORDING_VERSION),
  provider: z.enum(['kingdee', 'winit']),
  /** `METHOD /path` for Kingdee, the action for Winit. */
  route: z.string(),
  /** Parameters of the match key: the canonical query (Kingdee) or `data`'s fields (Winit). */
  params: z.array(z.tuple([z.string(), z.string()])),
  request: z.object({
    method: z.string(),
    path: z.string(),
    /** The query text as sent (after redaction), without the `?`. */
    query: z.string(),
    headers: headersSchema,
    body: z.string(),
  }),
  answer: z.object({
    status: z.number().int().min(100).max(599),
    headers: headersSchema,
    body: z.string(),
  }),
});

export type RecordedExchange = z.infer<typeof recordedExchangeSchema>;
