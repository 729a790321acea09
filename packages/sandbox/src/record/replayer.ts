/**
 * `--replay FILE`: accepted requests (signature, clock, nonce and session checked with the
 * sandbox's credentials, as always) are answered with the recorded answer of the same match key
 * instead of the endpoint handler. Recordings of one key answer in recorded order, the last one
 * repeating. A request without a recording is refused in the provider's envelope, naming the
 * closest recorded request.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '@inv/core';
import { type Answer, Refusal } from '../gateway/refusal.js';
import { likeness, type MatchKey, matchKeyText } from './match-key.js';
import { type RecordedExchange, recordedExchangeSchema } from './recording-schema.js';

export interface ReplayOptions {
  /** A recording file written by `--record`. */
  file: string;
}

/** Answers a request's key from the recording, or refuses it. */
export type Replay = (key: MatchKey) => Answer | Refusal;

/** Reads `options.file` (JSON lines of recording-schema.ts) into a replay. */
export function loadReplay(options: ReplayOptions): Replay {
  let text: string;
  try {
    text = readFileSync(options.file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'replay.file',
      `cannot read ${options.file}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return createReplay(parseRecording(text, options.file), options.file);
}

/** The exchanges of a recording file's text; a bad line is named with what is wrong in it. */
export function parseRecording(text: string, file: string): RecordedExchange[] {
  const exchanges: RecordedExchange[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ConfigError(
        'replay.file',
        `${file} line ${index + 1} is not JSON: ${(error as Error).message}`,
      );
    }
    const parsed = recordedExchangeSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(
        'replay.file',
        `${file} line ${index + 1}: ${issue?.path.join('.') || 'line'} ${issue?.message ?? 'is invalid'} (a recording written by inv-sandbox --record, version 1)`,
      );
    }
    exchanges.push(parsed.data);
  }
  return exchanges;
}

/** What a request with no recording is refused with: each provider's "no such interface". */
const UNRECORDED = {
  kingdee: { status: 519, code: '5001' },
  winit: { status: 200, code: '1007' },
} as const;

export function createReplay(exchanges: readonly RecordedExchange[], file: string): Replay {
  const byKey = new Map<string, { key: MatchKey; exchanges: RecordedExchange[]; next: number }>();
  for (const exchange of exchanges) {
    const key: MatchKey = {
      provider: exchange.provider,
      route: exchange.route,
      params: exchange.params,
    };
    const text = matchKeyText(key);
    const found = byKey.get(text);
    if (found) found.exchanges.push(exchange);
    else byKey.set(text, { key, exchanges: [exchange], next: 0 });
  }
  return (key) => {
    const found = byKey.get(matchKeyText(key));
    if (found) {
      const exchange = found.exchanges[
        Math.min(found.next, found.exchanges.length - 1)
      ] as RecordedExchange;
      found.next += 1;
      const contentType = exchange.answer.headers['content-type'];
      return {
        status: exchange.answer.status,
        body: Buffer.from(exchange.answer.body, 'utf8'),
        verdict: `replayed from ${file}`,
        headers: contentType ? { 'content-type': contentType } : undefined,
        route: key.provider === 'winit' ? key.route : undefined,
      };
    }
    let closest: MatchKey | undefined;
    let best = Number.NEGATIVE_INFINITY;
    for (const candidate of byKey.values()) {
      const score = likeness(key, candidate.key);
      if (score > best) {
        best = score;
        closest = candidate.key;
      }
    }
    const { status, code } = UNRECORDED[key.provider];
    return new Refusal({
      status,
      code,
      field: 'request',
      rule: `${matchKeyText(key)} has no recording in ${file}`,
      expected: closest ? `the closest recorded request, ${matchKeyText(closest)}` : undefined,
      hint: closest
        ? 'record this request with --record, or send the recorded parameters'
        : `${file} records no ${key.provider} ${key.route}; record it with --record`,
    });
  };
}
