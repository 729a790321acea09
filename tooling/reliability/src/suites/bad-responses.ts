/**
 * Bad answers to a client. A scripted gateway on 127.0.0.1 answers with otherwise valid envelopes
 * carrying HTML pages, empty bodies, wrong types, missing fields, numbers with thousands
 * separators, NaN, numbers beyond float range and negative quantities. Each becomes a typed error
 * whose message names the field, or a documented coercion, never a silently wrong number.
 */
import { type InventoryRecord, type Provider, ResponseShapeError, TransportError } from '@inv/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../failure.js';
import { type Scripted, type ScriptedGateway, startScriptedGateway } from '../scripted-gateway.js';

/** A row patch: each member replaces the sample row's; `undefined` removes the member. */
export type RowPatch = Record<string, unknown>;

/** A field refused in a row: label, patch, the field's name, what the issue must say. */
export type FieldCase = readonly [label: string, patch: RowPatch, field: string, reason: RegExp];

/** A broken envelope: label, the whole body, the path the error must name. */
export type EnvelopeCase = readonly [label: string, body: string, path: string];

/** What {@link describeBadAnswers} needs to know about a provider. */
export interface BadAnswersAdapter {
  name: string;
  /** Answers of requests that are not scripted (e.g. a token call that always succeeds). */
  fixed?: ((path: string) => Scripted | undefined) | undefined;
  /** The provider on the scripted gateway, with retries off. */
  create(baseURL: string): Provider;
  /** The look-up operation (`byIds`/`bySkus`) the row cases go through. */
  lookup(provider: Provider): Promise<InventoryRecord[]>;
  /** A valid look-up answer with one sample row, `patch` applied. */
  answer(patch: RowPatch): string;
  /** What the sample row becomes (matched with `toMatchObject`). */
  baseline: Record<string, unknown>;
  /** A quantity field of the row, for raw tokens JSON.stringify cannot write (NaN, 1e400). */
  quantityField: string;
  /** The issue path of a row field, e.g. `data.rows.0.qty` or `inStockQty`. */
  fieldPath(field: string): string;
  /** The row as the message names it, e.g. `data.rows.0` or `list[0]`. */
  rowLabel: string;
  /** The 5xx status a proxy in front of the gateway answers with. */
  gatewayStatus: number;
  fieldCases: readonly FieldCase[];
  /** Broken envelopes and the operation that reads them. */
  envelopes: { via(provider: Provider): Promise<unknown>; cases: readonly EnvelopeCase[] };
  /** Negative quantities in a row and the quantities they must become. */
  negative: { patch: RowPatch; quantities: Record<string, string> };
}

const HTML = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';

/** A scripted gateway for the current `describe`, started before its tests. */
export function useScriptedGateway(fixed?: (path: string) => Scripted | undefined): {
  readonly url: string;
  script(answer: Scripted): void;
} {
  let gateway: ScriptedGateway | undefined;
  beforeAll(async () => {
    gateway = await startScriptedGateway(fixed);
  });
  afterAll(() => gateway?.close());
  return {
    get url() {
      if (!gateway) throw new Error('the scripted gateway is not started yet');
      return gateway.url;
    },
    script: (answer) => gateway?.script(answer),
  };
}

/** The bad-answer scenarios, run against `adapter`'s client. */
export function describeBadAnswers(adapter: BadAnswersAdapter): void {
  describe(`${adapter.name} client facing bad answers`, () => {
    const gateway = useScriptedGateway(adapter.fixed);
    const lookup = (): Promise<InventoryRecord[]> => adapter.lookup(adapter.create(gateway.url));
    const withRaw = (raw: string): string =>
      adapter.answer({ [adapter.quantityField]: '__RAW__' }).replace('"__RAW__"', raw);

    it('the scripted gateway serves a valid answer as a record (the baseline)', async () => {
      gateway.script({ body: adapter.answer({}) });
      const [record] = await lookup();
      expect(record).toMatchObject(adapter.baseline);
    });

    it.each([
      [
        'an HTML error page with HTTP 200',
        { body: HTML, contentType: 'text/html' },
        /an HTML page/,
      ],
      [
        `an HTML error page with HTTP ${adapter.gatewayStatus}`,
        { status: adapter.gatewayStatus, body: HTML, contentType: 'text/html' },
        new RegExp(`HTTP ${adapter.gatewayStatus}`),
      ],
      ['an empty body', { body: '' }, /empty body/],
      ['a body cut mid-row', { body: adapter.answer({}).slice(0, 80) }, /not valid JSON/],
      ['a raw NaN token', { body: withRaw('NaN') }, /not valid JSON/],
    ])('%s is a retryable TransportError', async (_, answer, message) => {
      gateway.script(answer);
      const error = await failure(lookup);
      expect(error).toBeInstanceOf(TransportError);
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(message);
    });

    it.each(adapter.fieldCases)(
      '%s is a ResponseShapeError naming the field and row',
      async (_, patch, field, reason) => {
        gateway.script({ body: adapter.answer(patch) });
        const error = await failure(lookup);
        expect(error).toBeInstanceOf(ResponseShapeError);
        const path = adapter.fieldPath(field);
        const issues = (error as ResponseShapeError).issues;
        expect(issues.map((issue) => issue.path)).toContain(path);
        expect(error.message).toContain(adapter.rowLabel);
        expect(error.message).toContain(path);
        expect(issues.find((issue) => issue.path === path)?.message).toMatch(reason);
      },
    );

    it('a quantity beyond float range (1e400) is refused, not read as Infinity', async () => {
      gateway.script({ body: withRaw('1e400') });
      const error = await failure(lookup);
      expect(error).toBeInstanceOf(ResponseShapeError);
      expect(error.message).toContain(adapter.fieldPath(adapter.quantityField));
    });

    it.each(adapter.envelopes.cases)(
      'an envelope with %s is a ResponseShapeError naming it',
      async (_, body, path) => {
        gateway.script({ body });
        const error = await failure(() => adapter.envelopes.via(adapter.create(gateway.url)));
        expect(error).toBeInstanceOf(ResponseShapeError);
        expect(error.message).toContain(path);
      },
    );

    it('negative quantities are kept exactly, sign included (never clamped to 0)', async () => {
      gateway.script({ body: adapter.answer(adapter.negative.patch) });
      const [record] = await lookup();
      expect(record?.quantities).toMatchObject(adapter.negative.quantities);
    });
  });
}
