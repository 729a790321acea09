import {
  type AggregateInvManagerType,
  batchQueryDataSchema,
  buildStringToSign,
  CanonicalDataError,
  CLIENT_SECRET_PLACEHOLDER,
  canonicalData,
  canonicalJson,
  computeSign,
  DEFAULT_UTC_OFFSET_MINUTES,
  formatWinitTimestamp,
  isEmptyData,
  type PageInvData,
  pageInvDataSchema,
  parseWinitTimestamp,
  type SignedFields,
  signaturesEqual,
  TOKEN_PLACEHOLDER,
  WINIT_ACTIONS,
  WINIT_CODES,
  WINIT_MESSAGES,
  WINIT_SAMPLE_REQUEST_AGGREGATE,
  WINIT_SAMPLE_REQUEST_ATTRIBUTES,
  WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT,
  WINIT_SAMPLE_RESPONSE_TEXT,
  WINIT_SANDBOX_CREDENTIALS,
} from '@inv/winit-protocol';
import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { readBody } from '../http.js';
import { createRevisionCache } from '../revision-cache.js';
import {
  type Aggregation,
  aggregateRows,
  createWinitSandboxState,
  toWireRow,
  type WinitSandboxDatasetOptions,
  type WinitSandboxRow,
  type WinitSandboxState,
} from './winit-data.js';

/** Options of the Winit gateway impersonation (docs/protocols/winit.md; see the @inv/sandbox README). */
export interface WinitSandboxOptions {
  /** Largest request body read, in bytes (answers 1001 beyond it). Default 1 MiB; `createSandboxApp` passes its `maxBodyBytes`. */
  maxBodyBytes?: number | undefined;
  /**
   * Accepted credentials. Default: the §12 test credentials (app_keys `demo@example.com` and
   * `rebecca` with token `0123456789ABCDEF0123456789ABCDEF`; client `FAKECLIENTID` /
   * `FAKECLIENTSECRET==`).
   */
  credentials?:
    | {
        /** app_key → merchant token. */
        appKeys?: Readonly<Record<string, string>> | undefined;
        /** client_id → client_secret (app mode). */
        clients?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;
  /**
   * Largest accepted distance between `timestamp` and the sandbox clock, in ms, or `false` to
   * skip the check (to replay the 2021 documented examples without a frozen clock). Default
   * 600 000 (±10 min, §9 [assumed]).
   */
  timestampSkewMs?: number | false | undefined;
  /** UTC offset `timestamp`, `startTime` and `endTime` are read in, minutes. Default 480 (UTC+8, §9 [assumed]). */
  utcOffsetMinutes?: number | undefined;
  /** Require app mode (`client_id` + `client_sign`) on every request. Default false (§2 [assumed]). */
  requireClientSign?: boolean | undefined;
  /**
   * Also require the raw `data` text to equal canon(data) byte for byte, as a server hashing the
   * received text would (§5 [assumed]). Default false: verify against canon(parsed data) only.
   */
  strictDataBytes?: boolean | undefined;
  /**
   * Authenticated requests per app_key in a sliding window; beyond it the answer is 1006 (§8 [assumed]).
   * Default 1000 per 60 000 ms. `false` disables the limit.
   */
  rateLimit?: { limit?: number | undefined; windowMs?: number | undefined } | false | undefined;
  /** Seed and size of the generated dataset. Ignored when `state` is given. */
  dataset?: WinitSandboxDatasetOptions | undefined;
  /** Pre-built state, to share it with admin routes or tests. Default: built from `dataset`. */
  state?: WinitSandboxState | undefined;
}

/** Debug header of a 1004/1005 refusal: base64 of the string-to-sign with the secret masked (§7). */
export const WINIT_STRING_TO_SIGN_HEADER = 'X-Winit-Mock-String-To-Sign';

const CONTENT_TYPE = 'application/json;charset=UTF-8';
const REQUIRED_FIELDS = [
  'action',
  'app_key',
  'format',
  'sign',
  'sign_method',
  'timestamp',
  'version',
] as const;
const OPTIONAL_FIELDS = ['platform', 'language', 'client_id', 'client_sign'] as const;
const HEX32 = /^[0-9A-F]{32}$/;

type Refusal = { code: string; detail: string; headers?: Record<string, string> };

/** A request that passed §7 checks 1–6. */
interface Accepted {
  action: string;
  appKey: string;
  data: unknown;
}

const refuse = (code: string, detail: string, headers?: Record<string, string>): Refusal => ({
  code,
  detail,
  ...(headers ? { headers } : {}),
});

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

const quote = (value: string, max = 60): string =>
  JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);

/**
 * The raw text of a top-level member of a JSON object text (already known to be valid JSON), for
 * `strictDataBytes`. The last occurrence wins, as with `JSON.parse`.
 */
export function rawTopLevelMember(text: string, name: string): string | undefined {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const skipString = (): void => {
    i++;
    while (i < n) {
      const ch = text.charAt(i);
      if (ch === '\\') i += 2;
      else if (ch === '"') {
        i++;
        return;
      } else i++;
    }
  };
  const skipValue = (): void => {
    const first = text.charAt(i);
    if (first === '"') {
      skipString();
      return;
    }
    if (first === '{' || first === '[') {
      let depth = 0;
      while (i < n) {
        const ch = text.charAt(i);
        if (ch === '"') {
          skipString();
          continue;
        }
        if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          depth--;
          if (depth === 0) {
            i++;
            return;
          }
        }
        i++;
      }
      return;
    }
    while (i < n && !',}] \t\n\r'.includes(text.charAt(i))) i++;
  };
  let found: string | undefined;
  ws();
  if (text.charAt(i) !== '{') return undefined;
  i++;
  for (;;) {
    ws();
    if (i >= n || text.charAt(i) === '}') return found;
    const keyStart = i;
    skipString();
    const key = JSON.parse(text.slice(keyStart, i)) as string;
    ws();
    i++; // ':'
    ws();
    const valueStart = i;
    skipValue();
    if (key === name) found = text.slice(valueStart, i);
    ws();
    if (text.charAt(i) !== ',') return found;
    i++;
  }
}

/** Routes impersonating the Winit gateway, mounted at the root of the sandbox. */
export function winitRoutes(context: SandboxContext, options: WinitSandboxOptions = {}): Hono {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const appKeys: Readonly<Record<string, string>> =
    options.credentials?.appKeys ??
    Object.fromEntries(
      WINIT_SANDBOX_CREDENTIALS.appKeys.map((key) => [key, WINIT_SANDBOX_CREDENTIALS.token]),
    );
  const clients: Readonly<Record<string, string>> = options.credentials?.clients ?? {
    [WINIT_SANDBOX_CREDENTIALS.clientId]: WINIT_SANDBOX_CREDENTIALS.clientSecret,
  };
  const skewMs = options.timestampSkewMs ?? 600_000;
  const offset = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  const rateLimit =
    options.rateLimit === false
      ? undefined
      : {
          limit: options.rateLimit?.limit ?? 1000,
          windowMs: options.rateLimit?.windowMs ?? 60_000,
        };
  const state = options.state ?? createWinitSandboxState(options.dataset);
  const recent = new Map<string, number[]>();
  const has = (record: Readonly<Record<string, string>>, key: string): boolean =>
    Object.hasOwn(record, key);

  /** §7 checks 1–6, in order; the first failure answers. */
  const verify = (text: string): Accepted | Refusal => {
    const body = text.replace(/^\uFEFF/, '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      return refuse(
        WINIT_CODES.invalidEnvelope,
        `body: not valid JSON (${(error as Error).message}); send one JSON object, UTF-8, whatever the Content-Type`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return refuse(
        WINIT_CODES.invalidEnvelope,
        `body: expected a JSON object, got ${describe(parsed)}`,
      );
    }
    const envelope = parsed as Record<string, unknown>;
    for (const field of REQUIRED_FIELDS) {
      const value = envelope[field];
      if (value === undefined || value === null) {
        return refuse(
          WINIT_CODES.invalidEnvelope,
          `${field} is missing (required envelope field, §2)`,
        );
      }
      if (typeof value !== 'string') {
        return refuse(
          WINIT_CODES.invalidEnvelope,
          `${field} must be a string, got ${describe(value)}`,
        );
      }
      if (value.trim() === '') {
        return refuse(
          WINIT_CODES.invalidEnvelope,
          `${field} is blank (required envelope field, §2)`,
        );
      }
    }
    for (const field of OPTIONAL_FIELDS) {
      const value = envelope[field];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        return refuse(
          WINIT_CODES.invalidEnvelope,
          `${field} must be a string, got ${describe(value)}`,
        );
      }
    }
    const str = (field: string): string | undefined => {
      const value = envelope[field];
      return typeof value === 'string' ? value : undefined;
    };
    const fields: SignedFields = {
      action: str('action') ?? '',
      app_key: str('app_key') ?? '',
      format: str('format') ?? '',
      platform: str('platform') ?? '',
      sign_method: str('sign_method') ?? '',
      timestamp: str('timestamp') ?? '',
      version: str('version') ?? '',
    };
    if (fields.format !== 'json') {
      return refuse(
        WINIT_CODES.invalidEnvelope,
        `format must be "json", got ${quote(fields.format)}`,
      );
    }
    if (fields.sign_method !== 'md5') {
      return refuse(
        WINIT_CODES.invalidEnvelope,
        `sign_method must be "md5", got ${quote(fields.sign_method)}`,
      );
    }
    if (fields.version !== '1.0') {
      return refuse(
        WINIT_CODES.invalidEnvelope,
        `version must be "1.0" (the API version, not a row version), got ${quote(fields.version)}`,
      );
    }
    const data = envelope.data;
    let dataString: string;
    try {
      dataString = canonicalData(data);
    } catch (error) {
      if (!(error instanceof CanonicalDataError)) throw error;
      return refuse(WINIT_CODES.invalidEnvelope, `data: ${error.message}`);
    }

    // 2. Known account and app.
    const token = has(appKeys, fields.app_key) ? appKeys[fields.app_key] : undefined;
    if (token === undefined) {
      return refuse(
        WINIT_CODES.unknownUser,
        `app_key ${quote(fields.app_key)} is not a sandbox account; use one of ${Object.keys(appKeys).join(', ')}`,
      );
    }
    const clientId = str('client_id');
    const clientSign = str('client_sign');
    const clientSecret =
      clientId !== undefined && has(clients, clientId) ? clients[clientId] : undefined;
    if (clientId !== undefined && clientSecret === undefined) {
      return refuse(
        WINIT_CODES.unknownUser,
        `client_id ${quote(clientId)} is not a sandbox app; use one of ${Object.keys(clients).join(', ')}`,
      );
    }

    // 3. Timestamp, read in UTC+8 [assumed].
    const sentAt = parseWinitTimestamp(fields.timestamp, offset);
    if (sentAt === undefined) {
      return refuse(
        WINIT_CODES.badTimestamp,
        `timestamp ${quote(fields.timestamp)} must be a real date-time as yyyy-MM-dd HH:mm:ss (24-hour, zero-padded, UTC${offset >= 0 ? '+' : '-'}${Math.abs(offset) / 60})`,
      );
    }
    if (skewMs !== false) {
      const now = context.now();
      const drift = sentAt - now;
      if (Math.abs(drift) > skewMs) {
        return refuse(
          WINIT_CODES.badTimestamp,
          `timestamp ${quote(fields.timestamp)} is ${Math.round(Math.abs(drift) / 1000)} s ${drift < 0 ? 'behind' : 'ahead of'} the sandbox clock ${formatWinitTimestamp(now, offset)} (UTC${offset >= 0 ? '+' : '-'}${Math.abs(offset) / 60}); allowed skew ±${Math.round(skewMs / 1000)} s`,
        );
      }
    }

    // 4. Merchant sign, over canon(parsed data) (§5).
    const debug = (placeholder: string): Record<string, string> => ({
      [WINIT_STRING_TO_SIGN_HEADER]: Buffer.from(
        buildStringToSign(fields, dataString, placeholder),
        'utf8',
      ).toString('base64'),
    });
    const sign = str('sign') ?? '';
    const expectedSign = computeSign(fields, dataString, token);
    if (!HEX32.test(sign)) {
      const hint = /^[0-9a-fA-F]{32}$/.test(sign)
        ? 'hex must be UPPERCASE'
        : `got ${sign.length} characters`;
      return refuse(
        WINIT_CODES.badSign,
        `sign must be 32 uppercase hex digits (MD5), ${hint}`,
        debug(TOKEN_PLACEHOLDER),
      );
    }
    if (!signaturesEqual(expectedSign, sign)) {
      return refuse(
        WINIT_CODES.badSign,
        `sign does not match uppercase MD5 of token + action…version + token over the received fields and canonical data (sorted keys, nulls dropped); see header ${WINIT_STRING_TO_SIGN_HEADER}`,
        debug(TOKEN_PLACEHOLDER),
      );
    }
    if (options.strictDataBytes) {
      const raw = rawTopLevelMember(body, 'data');
      const expected = dataString === '' ? undefined : dataString;
      const rawIsEmpty = raw === undefined || isEmptyData(JSON.parse(raw));
      if (expected === undefined ? !rawIsEmpty : raw !== expected) {
        return refuse(
          WINIT_CODES.badSign,
          `strictDataBytes: the raw data text must be the canonical DATA byte for byte (compact, keys sorted by UTF-16 code unit, nulls dropped); expected ${quote(expected ?? '""', 120)}, got ${quote(raw ?? '(absent)', 120)}`,
          debug(TOKEN_PLACEHOLDER),
        );
      }
    }

    // 5. App signature, when app mode is on or app fields are present.
    if (options.requireClientSign || clientId !== undefined || clientSign !== undefined) {
      if (clientId === undefined || clientId.trim() === '') {
        return refuse(
          WINIT_CODES.badClientSign,
          options.requireClientSign
            ? 'client_id is required: this sandbox requires app mode (requireClientSign)'
            : 'client_id is required with client_sign (app mode sends both)',
        );
      }
      const secret = clientSecret ?? '';
      if (clientSign === undefined || clientSign.trim() === '') {
        return refuse(
          WINIT_CODES.badClientSign,
          'client_sign is required with client_id (app mode sends both)',
          debug(CLIENT_SECRET_PLACEHOLDER),
        );
      }
      if (!HEX32.test(clientSign)) {
        return refuse(
          WINIT_CODES.badClientSign,
          `client_sign must be 32 uppercase hex digits (MD5), got ${quote(clientSign)}`,
          debug(CLIENT_SECRET_PLACEHOLDER),
        );
      }
      if (!signaturesEqual(computeSign(fields, dataString, secret), clientSign)) {
        return refuse(
          WINIT_CODES.badClientSign,
          `client_sign does not match uppercase MD5 of client_secret + action…version + client_secret over the same fields and data; see header ${WINIT_STRING_TO_SIGN_HEADER}`,
          debug(CLIENT_SECRET_PLACEHOLDER),
        );
      }
    }

    // 6. Rate limit per app_key, sliding window (§8 [assumed]).
    if (rateLimit) {
      const now = context.now();
      const window = (recent.get(fields.app_key) ?? []).filter(
        (at) => at > now - rateLimit.windowMs,
      );
      if (window.length >= rateLimit.limit) {
        recent.set(fields.app_key, window);
        return refuse(
          WINIT_CODES.rateLimited,
          `app_key ${quote(fields.app_key)} sent ${rateLimit.limit} requests in the last ${rateLimit.windowMs} ms (limit ${rateLimit.limit} per ${rateLimit.windowMs} ms, sliding window)`,
        );
      }
      window.push(now);
      recent.set(fields.app_key, window);
    }
    return { action: fields.action, appKey: fields.app_key, data };
  };

  /**
   * pageInv's matching rows per query (pageVo aside) until the dataset changes: a sync pages
   * through one query, and filtering every row of the dataset for each page made a 1M-row sync
   * quadratic. A few syncs at a time (one per warehouse × serviceType × grade segment).
   */
  const matching = createRevisionCache<readonly WinitSandboxRow[]>({
    revision: () => state.revision(),
    maxWeight: 16,
  });

  const answerAction = (request: Accepted): { data: unknown } | { text: string } | Refusal => {
    switch (request.action) {
      case WINIT_ACTIONS.queryWarehouse:
        return { data: state.warehouses().map((w) => ({ ...w })) };
      case WINIT_ACTIONS.batchQuery:
        return batchQuery(state, request.data);
      case WINIT_ACTIONS.pageInv:
        return pageInv(state, request.data, offset, matching.get);
      default:
        return refuse(
          WINIT_CODES.unknownAction,
          `${request.action} (this sandbox serves ${Object.values(WINIT_ACTIONS).join(', ')})`,
        );
    }
  };

  /**
   * Successful answers as UTF-8 bytes, by action and data, until the dataset changes (16 MB at
   * most). A client polling the same query is answered without filtering, serializing and encoding
   * the same rows again: serializing was the largest share of the route's CPU after the signature
   * checks.
   */
  const answers = createRevisionCache<Uint8Array<ArrayBuffer> | Refusal>({
    revision: () => state.revision(),
    maxWeight: 16 * 1024 * 1024,
    weigh: (answer) => ('code' in answer ? 0 : answer.length),
    keep: (answer) => !('code' in answer),
  });
  const answer = (request: Accepted): Uint8Array<ArrayBuffer> | Refusal =>
    // Keyed by the data as received, not its canonical form (which drops nulls a schema may refuse).
    answers.get(`${request.action}\u0000${JSON.stringify(request.data) ?? ''}`, () => {
      const found = answerAction(request);
      if ('code' in found) return found;
      return Buffer.from(
        'text' in found
          ? found.text
          : JSON.stringify({ code: WINIT_CODES.success, msg: '操作成功', data: found.data }),
        'utf8',
      );
    });

  const app = new Hono();
  app.all('/openapi/service', async (c) => {
    const started = performance.now();
    let route = '/openapi/service';
    const send = (
      status: number,
      text: string | Uint8Array<ArrayBuffer>,
      code: string,
      verdict: string,
      headers = {},
    ) => {
      context.record({
        provider: 'winit',
        method: c.req.method,
        route,
        status,
        verdict,
        code: code === WINIT_CODES.success ? undefined : code,
        ms: performance.now() - started,
      });
      return c.body(text, 200, { 'content-type': CONTENT_TYPE, ...headers });
    };
    const refusal = (r: Refusal) => {
      const msg = `${WINIT_MESSAGES[r.code] ?? ''}: ${r.detail}`;
      return send(
        200,
        JSON.stringify({ code: r.code, msg, data: '' }),
        r.code,
        `refused: ${msg}`,
        r.headers,
      );
    };
    try {
      if (c.req.method !== 'POST') {
        return refusal(
          refuse(
            WINIT_CODES.invalidEnvelope,
            `method must be POST (one JSON body), got ${c.req.method}`,
          ),
        );
      }
      const body = await readBody(c, maxBodyBytes);
      if (body === undefined) {
        return refusal(
          refuse(
            WINIT_CODES.invalidEnvelope,
            `request body exceeds the ${maxBodyBytes}-byte limit`,
          ),
        );
      }
      const verdict = verify(body);
      if ('code' in verdict) return refusal(verdict);
      route = verdict.action;
      const answered = answer(verdict);
      if ('code' in answered) return refusal(answered);
      return send(200, answered, WINIT_CODES.success, 'accepted');
    } catch (error) {
      return refusal(refuse(WINIT_CODES.internal, `sandbox failure: ${(error as Error).message}`));
    }
  });
  return app;
}

/** Zod issues as `path: message` (at most three), for 2001 details. */
function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = issue.path
      .map((part, index) =>
        typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`,
      )
      .join('');
    return `${path || 'data'}: ${issue.message}`;
  });
  return shown.join('; ') + (issues.length > 3 ? ` (+${issues.length - 3} more)` : '');
}

const aggregationOf = (types: readonly AggregateInvManagerType[] | null | undefined): Aggregation =>
  new Set(types ?? []);

/** batch.query (§10.1 and its sandbox [assumed] rules): one row per (merchandise, classification). */
function batchQuery(state: WinitSandboxState, data: unknown): { data: unknown } | Refusal {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refuse(
      WINIT_CODES.invalidData,
      `data must be an object {warehouseCode, merchandises[1..500]}, got ${isEmptyData(data) ? 'empty data' : describe(data)}`,
    );
  }
  const result = batchQueryDataSchema.safeParse(data);
  if (!result.success) {
    const count = Array.isArray((data as { merchandises?: unknown }).merchandises)
      ? ` (got ${(data as { merchandises: unknown[] }).merchandises.length})`
      : '';
    const text = issuesText(result.error.issues);
    return refuse(WINIT_CODES.invalidData, text.startsWith('merchandises:') ? text + count : text);
  }
  const request = result.data;
  const aggregation = aggregationOf(request.aggregateInvManagerTypes);
  const attribute = request.inventoryAttribute ?? {};
  const batchTriple =
    attribute.batchManagerType && attribute.batchDate && attribute.packingBatchNo
      ? attribute
      : undefined;
  const rows: WinitSandboxRow[] = [];
  const seen = new Set<WinitSandboxRow>();
  for (const merchandise of request.merchandises) {
    const spec = merchandise.specification || null;
    for (const row of state.rowsOf(request.warehouseCode, merchandise.merchandiseCode)) {
      if ((spec !== null && row.specification !== spec) || seen.has(row)) {
        continue;
      }
      if (
        !aggregation.has('MERCHANDISE_GRADE') &&
        attribute.merchandiseGrade &&
        row.merchandiseGrade !== attribute.merchandiseGrade
      ) {
        continue;
      }
      if (
        !aggregation.has('SKU_CODE_THIRD') &&
        attribute.skuCodeThird &&
        row.skuCodeThird !== attribute.skuCodeThird
      ) {
        continue;
      }
      if (
        !aggregation.has('BATCH') &&
        batchTriple &&
        (row.batchManagerType !== batchTriple.batchManagerType ||
          row.batchDate !== batchTriple.batchDate ||
          row.packingBatchNo !== batchTriple.packingBatchNo)
      ) {
        continue;
      }
      if (attribute.organization && row.organization !== attribute.organization) continue;
      seen.add(row);
      rows.push(row);
    }
  }
  const list = aggregateRows(rows, aggregation).map((row) => toWireRow(row, aggregation));
  return {
    data: { pageParams: { pageNo: 1, pageSize: list.length, totalCount: list.length }, list },
  };
}

// Each documented request answers the documented response that fits it: the aggregated one has no
// merchandiseGrade because MERCHANDISE_GRADE is aggregated away (§10.1, §11.4).
const SAMPLE_ANSWERS = new Map([
  [canonicalJson(WINIT_SAMPLE_REQUEST_ATTRIBUTES.data), WINIT_SAMPLE_RESPONSE_TEXT],
  [canonicalJson(WINIT_SAMPLE_REQUEST_AGGREGATE.data), WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT],
]);

/** pageInv (§10.2 and its sandbox [assumed] rules); the documented examples replay verbatim (§11.4). */
function pageInv(
  state: WinitSandboxState,
  data: unknown,
  offset: number,
  matching: (key: string, compute: () => readonly WinitSandboxRow[]) => readonly WinitSandboxRow[],
): { data: unknown } | { text: string } | Refusal {
  if (!isEmptyData(data) && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    return refuse(WINIT_CODES.invalidData, `data must be an object or "", got ${describe(data)}`);
  }
  const result = pageInvDataSchema.safeParse(isEmptyData(data) ? {} : data);
  if (!result.success) return refuse(WINIT_CODES.invalidData, issuesText(result.error.issues));
  const sample = isEmptyData(data) ? undefined : SAMPLE_ANSWERS.get(canonicalJson(data));
  if (sample !== undefined) return { text: sample };
  const request = result.data as PageInvData & typeof result.data;
  const window: { startTime?: number; endTime?: number } = {};
  for (const field of ['startTime', 'endTime'] as const) {
    const text = request[field];
    if (!text) continue;
    const at = parseWinitTimestamp(text, offset);
    if (at === undefined) {
      return refuse(WINIT_CODES.invalidData, `${field}: ${quote(text)} is not a real date-time`);
    }
    window[field] = at;
  }
  if (
    window.startTime !== undefined &&
    window.endTime !== undefined &&
    window.startTime > window.endTime
  ) {
    return refuse(
      WINIT_CODES.invalidData,
      `startTime ${quote(request.startTime ?? '')} must not be after endTime ${quote(request.endTime ?? '')}`,
    );
  }
  const attribute = request.inventoryAttribute ?? {};
  const aggregation = aggregationOf(request.aggregateInvManagerTypes);
  const warehouses = new Set(
    `${request.warehouseCodes ?? ''},${request.warehouseCode ?? ''}`
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean),
  );
  // Empty serviceType means 2C and empty grade GOOD (§10.2).
  const serviceType = request.serviceType || '2C';
  const grade = request.merchandiseGrade || attribute.merchandiseGrade || 'GOOD';
  const skuCodeThird = attribute.skuCodeThird || undefined;
  const organization = request.organization || attribute.organization || undefined;
  const batchTriple =
    attribute.batchManagerType && attribute.batchDate && attribute.packingBatchNo
      ? attribute
      : undefined;
  const equalsIfGiven = (wanted: string | null | undefined, actual: string | null): boolean =>
    !wanted || wanted === actual;
  const filter = (): WinitSandboxRow[] =>
    state
      .rows()
      .filter(
        (row) =>
          (warehouses.size === 0 || warehouses.has(row.warehouseCode)) &&
          row.serviceType === serviceType &&
          (aggregation.has('MERCHANDISE_GRADE') || row.merchandiseGrade === grade) &&
          equalsIfGiven(request.merchandiseCode, row.merchandiseCode) &&
          equalsIfGiven(request.merchandiseSerno, row.merchandiseSerno) &&
          equalsIfGiven(request.specification, row.specification) &&
          equalsIfGiven(request.provideChannel, row.provideChannel) &&
          equalsIfGiven(request.salesChannel, row.salesChannel) &&
          equalsIfGiven(organization, row.organization) &&
          (aggregation.has('SKU_CODE_THIRD') || equalsIfGiven(skuCodeThird, row.skuCodeThird)) &&
          (aggregation.has('BATCH') ||
            !batchTriple ||
            (row.batchManagerType === batchTriple.batchManagerType &&
              row.batchDate === batchTriple.batchDate &&
              row.packingBatchNo === batchTriple.packingBatchNo)) &&
          (window.startTime === undefined || row.changedAt >= window.startTime) &&
          (window.endTime === undefined || row.changedAt < window.endTime),
      );
  const rows = matching(JSON.stringify({ ...request, pageVo: undefined }), () =>
    aggregateRows(filter(), aggregation),
  );
  // Defaults 1 and 10 (§10.2); pageNo past the end gives an empty list with the true total.
  const pageNo = request.pageVo?.pageNo ?? 1;
  const pageSize = request.pageVo?.pageSize ?? 10;
  const list = rows
    .slice((pageNo - 1) * pageSize, pageNo * pageSize)
    .map((row) => toWireRow(row, aggregation));
  return { data: { pageParams: { pageNo, pageSize, totalCount: rows.length }, list } };
}
