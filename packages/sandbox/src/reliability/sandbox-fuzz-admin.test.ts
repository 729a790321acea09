/**
 * Hostile input to the admin routes, generated with fast-check (fixed seed): exponent and inexact
 * stock deltas, deep or large dataset members, foreign hosts and origins. Each is accepted or
 * refused naming the field or rule, and what is stored stays servable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSandboxApp } from '../app.js';
import { SEED, T0 } from '../test-support/fuzz.js';

const RUNS = 500;

describe('admin routes: hostile bodies, hosts and origins', () => {
  const admin = createSandboxApp({
    now: () => T0,
    kingdee: { size: 5 },
    winit: { rateLimit: false, skuCount: 5 },
  });
  const JSON_TYPE = { 'content-type': 'application/json' };
  const kingdeeIds = admin.states.kingdee.positions().map((position) => position.row.id);

  /** Numbers as JSON text: exponents, long digit runs, beyond 2^53, in and out of bounds. */
  const numberText = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('', '-'),
        fc.stringMatching(/^[1-9]\d{0,2}(\.\d{1,3})?$/),
        fc.constantFrom('e', 'E', 'e+', 'e-'),
        fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(160_000, 999_999_999)),
      )
      .map(([sign, mantissa, e, exponent]) => `${sign}${mantissa}${e}${exponent}`),
    fc.stringMatching(/^-?[1-9]\d{15,40}$/),
    fc.stringMatching(/^0\.\d{16,40}$/),
    fc
      .tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 999 }))
      .map(([whole, thousandths]) => `${whole}.${String(thousandths).padStart(3, '0')}`),
  );
  const delta = fc.oneof(
    numberText,
    numberText.map((text) => JSON.stringify(text)),
  );
  /** Nested arrays and objects up to 20,000 deep, as text (JSON.stringify would recurse). */
  const deepValue = fc
    .tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean())
    .map(([depth, arrays]) =>
      arrays
        ? `${'['.repeat(depth)}${']'.repeat(depth)}`
        : `${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}`,
    );

  const send = (path: string, method: string, body: string) =>
    Promise.resolve(admin.app.request(path, { method, headers: JSON_TYPE, body }));

  /** Everything the admin routes serve is still valid, finite JSON. */
  const stillServes = async (): Promise<void> => {
    const res = await admin.app.request('/_sandbox/dataset');
    expect(res.status).toBe(200);
    const exported = (await res.json()) as { kingdee: { rows: { qty: unknown }[] } };
    for (const row of exported.kingdee.rows) expect(Number.isFinite(Number(row.qty))).toBe(true);
  };

  it('stock changes with exponent strings and inexact numbers are 200 or 400 naming delta, never stored unservable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kingdeeIds), delta, async (id, value) => {
        const res = await send(
          '/_sandbox/stock',
          'POST',
          `{"provider":"kingdee","id":"${id}","delta":${value}}`,
        );
        const answer = (await res.json()) as { issues?: string[]; message?: string };
        if (res.status === 400) {
          expect(`${answer.issues?.join('\n')} ${answer.message}`).toMatch(/delta|beyond/);
        } else expect(res.status).toBe(200);
        const qty = admin.states.kingdee.get(id)?.row.qty;
        expect(Number.isSafeInteger(Math.round(Number(qty) * 1000))).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await admin.app.request('/_sandbox/reset', { method: 'POST' });
    await stillServes();
  });

  it('datasets with deep or large extra members are 200 or 400 naming the path, and stay servable', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          deepValue,
          fc.string({ maxLength: 100 }).map((text) => JSON.stringify(text)),
        ),
        fc.oneof(numberText, fc.constant('1')),
        async (extra, usableQty) => {
          const body = `{"format":"inv-sandbox-dataset","version":1,"winit":{"rows":[{"warehouseCode":"US0001","merchandiseCode":"X","usableQty":${usableQty},"extra":{"v":${extra}}}]}}`;
          const res = await send('/_sandbox/dataset', 'PUT', body);
          if (res.status === 400) {
            const { issues } = (await res.json()) as { issues: string[] };
            expect(issues.join('\n')).toMatch(/^winit\.rows\.0\.(extra|usableQty)/m);
          } else expect(res.status).toBe(200);
          await stillServes();
        },
      ),
      { numRuns: 200, seed: SEED },
    );
    await admin.app.request('/_sandbox/reset', { method: 'POST' });
  });

  it('hosts and origins: only loopback hosts from the own origin get in, every refusal says why', async () => {
    const loopback = fc.constantFrom('127.0.0.1', 'localhost', '[::1]', 'LocalHost');
    const foreign = fc.oneof(
      fc.domain(),
      fc.ipV4().filter((ip) => ip !== '127.0.0.1'),
      fc.constantFrom('127.0.0.1.nip.io', 'localhost.evil.example', '0.0.0.0', '[::]', 'a b', ''),
    );
    const port = fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ allowed: fc.constant(true), name: loopback, port }),
          fc.record({ allowed: fc.constant(false), name: foreign, port }),
        ),
        fc.constantFrom('none', 'own', 'foreign', 'null'),
        fc.constantFrom(undefined, 'same-origin', 'same-site', 'cross-site', 'none'),
        fc.constantFrom('GET /_sandbox/dataset', 'PUT /_sandbox/faults', 'POST /_sandbox/reset'),
        async (host, originKind, site, route) => {
          const hostHeader = host.port === undefined ? host.name : `${host.name}:${host.port}`;
          const origin = {
            none: undefined,
            own: `http://${hostHeader}`,
            foreign: 'http://evil.example',
            null: 'null',
          }[originKind];
          const [method = 'GET', path = '/'] = route.split(' ');
          const headers: Record<string, string> = { host: hostHeader, ...JSON_TYPE };
          if (origin !== undefined) headers.origin = origin;
          if (site !== undefined) headers['sec-fetch-site'] = site;
          const res = await admin.app.request(path, {
            method,
            headers,
            ...(method === 'PUT' ? { body: '{"rules":[]}' } : {}),
          });
          const crossOrigin =
            originKind === 'foreign' ||
            originKind === 'null' ||
            (originKind === 'none' && site === 'cross-site');
          if (host.allowed && !crossOrigin) {
            expect(res.status).toBe(200);
            return;
          }
          expect(res.status).toBe(403);
          const answer = (await res.json()) as Record<string, string>;
          expect(answer.error).toBe(host.allowed ? 'cross_origin_refused' : 'host_not_allowed');
          expect(answer.fix).toBeTruthy();
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
    expect(admin.faults.current().rules).toEqual([]);
  });
});
