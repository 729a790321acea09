/**
 * Request parameters (docs/protocols/kingdee.md §4, §11.5): the decoded query, or a GET's JSON body when
 * the query is empty. Reading is linear in the number of values, and bounded: a parameter with a
 * documented limit (`ids`, at most 100, §9.1) is refused at its first value past the limit, and a
 * request carries at most {@link KINGDEE_MAX_PARAM_VALUES} values in all. Copying a parameter's
 * values for each value added made one 109 KB body of 20,000 values block the server for 8–10 s.
 */
import {
  decodeRawQuery,
  parseArrayParam,
  parseJdyDateTime,
  parseJsonPreservingIntegers,
} from '@inv/kingdee-protocol';
import { clip, type Refusal } from '../../gateway/refusal.js';
import { hasRequestBody, readBody, requestHeader } from '../../http.js';
import { invalidParameter } from './envelope.js';
import type { KingdeeRequest } from './request.js';

/** Decoded parameters: each key with every value it was given, in received order. */
export type Params = Map<string, string[]>;

/**
 * Values one request may carry, over all its parameters [assumed]: the gateway publishes no limit, and
 * no documented call needs more (100 ids, six filter lists).
 */
export const KINGDEE_MAX_PARAM_VALUES = 1000;

/** Most values of one parameter, for parameters whose endpoint documents a limit. */
export type ParamLimits = Readonly<Record<string, number>>;

/** Collects parameter values in O(1) each, refusing the first value past a limit. */
export class ParamReader {
  readonly params: Params = new Map();
  private total = 0;

  constructor(
    private readonly limits: ParamLimits,
    private readonly maxTotal = KINGDEE_MAX_PARAM_VALUES,
  ) {}

  /** Adds one value; `d` is ignored (a doc-generator artefact, §11.1). */
  add(key: string, value: string): Refusal | undefined {
    if (key === 'd') return undefined;
    const values = this.params.get(key);
    const count = (values?.length ?? 0) + 1;
    const limit = Object.hasOwn(this.limits, key) ? this.limits[key] : undefined;
    if (limit !== undefined && count > limit) {
      return invalidParameter(
        clip(key),
        `is given more than ${limit} values`,
        `at most ${limit} per request`,
      );
    }
    if (++this.total > this.maxTotal) {
      return invalidParameter(
        'parameters',
        `hold more than ${this.maxTotal} values in all`,
        `at most ${this.maxTotal} values per request`,
      );
    }
    if (values) values.push(value);
    else this.params.set(key, [value]);
    return undefined;
  }
}

/** Query parameters, or a GET's JSON body when the query is empty (§11.5). */
export async function readParams(
  request: KingdeeRequest,
  limits: ParamLimits,
  maxBodyBytes: number,
): Promise<Params | Refusal> {
  const decoded = decodeRawQuery(request.rawQuery);
  if (!decoded.ok) return invalidParameter('query', 'cannot be decoded', undefined, decoded.reason);
  const reader = new ParamReader(limits);
  for (const [key, value] of decoded.params) {
    const refused = reader.add(key, value);
    if (refused) return refused;
  }
  const { params } = reader;
  const { c } = request;
  if (request.method !== 'GET') {
    // A POST's body is neither signed (§5.1) nor read as parameters (push_app_authorize takes its
    // one in the query, §2): read only for the request inspector; the app has capped its size.
    if (hasRequestBody(c)) request.body = await readBody(c, maxBodyBytes);
    return params;
  }
  if (params.size > 0) return params;
  const length = Number(requestHeader(c, 'content-length') ?? '0');
  if (length > maxBodyBytes) {
    return invalidParameter('body', `of ${length} bytes is larger than ${maxBodyBytes} bytes`);
  }
  const text = await readBody(c, maxBodyBytes);
  if (text === undefined) return invalidParameter('body', `is larger than ${maxBodyBytes} bytes`);
  request.body = text;
  if (text.trim() === '') return params;
  let body: unknown;
  try {
    body = parseJsonPreservingIntegers(text);
  } catch {
    return invalidParameter('GET body', 'is not JSON', 'parameters in the query, or a JSON object');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return invalidParameter('GET body', 'is not an object', 'a JSON object of parameters');
  }
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) {
      // An empty JSON array means "no values", like `ids=[]`.
      if (value.length === 0) {
        const refused = reader.add(key, '[]');
        if (refused) return refused;
      }
      for (const item of value) {
        const refused = addBodyValue(reader, key, item);
        if (refused) return refused;
      }
    } else {
      const refused = addBodyValue(reader, key, value);
      if (refused) return refused;
    }
  }
  return params;
}

function addBodyValue(reader: ParamReader, key: string, item: unknown): Refusal | undefined {
  if (item === null || typeof item === 'object') {
    return invalidParameter(
      `body parameter ${clip(key)}`,
      'is not a string, number or array of them',
    );
  }
  return reader.add(key, String(item));
}

/** The one value of `key`, or a refusal when it is given more than once. */
export function single(params: Params, key: string): string | undefined | Refusal {
  const values = params.get(key);
  if (values === undefined) return undefined;
  if (values.length > 1) {
    return invalidParameter(key, `is given ${values.length} times`, 'once');
  }
  return values[0];
}

/** A positive integer parameter, `fallback` when absent. */
export function positiveInt(
  key: string,
  value: string | undefined,
  fallback: number,
): number | Refusal {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    return invalidParameter(
      key,
      `"${clip(value)}" is not a positive integer`,
      'an integer from 1 to 999999999',
    );
  }
  return Number(value);
}

/** A `yyyy-MM-dd HH:mm:ss` filter read in `timeZone`, `undefined` when absent. */
export function timeFilter(
  params: Params,
  key: string,
  timeZone: string,
): number | undefined | Refusal {
  const value = single(params, key);
  if (typeof value !== 'string') return value;
  const at = parseJdyDateTime(value, timeZone);
  if (at === undefined) {
    return invalidParameter(key, `"${clip(value)}" is not a time`, 'the form yyyy-MM-dd HH:mm:ss');
  }
  return at;
}

/** The values of a list parameter in any §11.6 form, at most `max`; ids must be digits. */
export function listParam(
  key: string,
  values: readonly string[],
  max: number,
  digitsOnly: boolean,
): string[] | Refusal {
  const parsed = parseArrayParam(key, values);
  if (!parsed.ok) return invalidParameter(key, 'is not a valid list', undefined, parsed.reason);
  if (parsed.values.length > max) {
    return invalidParameter(
      key,
      `holds ${parsed.values.length} values`,
      `at most ${max} per request`,
    );
  }
  if (digitsOnly) {
    for (const [index, id] of parsed.values.entries()) {
      if (!/^\d{1,19}$/.test(id)) {
        return invalidParameter(
          `${key}[${index}]`,
          `"${clip(id)}" is not an id`,
          'up to 19 decimal digits',
        );
      }
    }
  }
  return parsed.values;
}
