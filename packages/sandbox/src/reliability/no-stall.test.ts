/**
 * One request must not stall the sandbox (#18.1): while the largest GET bodies the Kingdee gateway
 * reads are on their way, `/health` answers too. Over real HTTP, and asserting progress and
 * outcome only, never wall-clock times.
 */
import { KINGDEE_PATHS } from '@inv/kingdee-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../start.js';
import { kingdeeTokenOver, signedGetWithBody } from '../test-support/kingdee-http.js';

const T0 = Date.UTC(2025, 0, 15, 4, 0, 0);
const MAX_BODY = 1024 * 1024;
let sandbox: RunningSandbox;
let appToken: string;

/** A signed business GET with a JSON body (§11.5); resolves with the status and body text. */
function getSigned(path: string, body: string): Promise<{ status: number; text: string }> {
  return signedGetWithBody(sandbox.url, path, body, { appToken, now: T0 });
}

/** A JSON body `{"<key>":[…]}` of digit strings, as close to `bytes` as the values allow. */
function bodyOf(key: string, bytes: number): { text: string; values: number } {
  const values: string[] = [];
  let size = key.length + 6;
  for (let i = 1_000_000; size + 10 < bytes; i++) {
    values.push(`"${i}"`);
    size += 10;
  }
  return { text: `{"${key}":[${values.join(',')}]}`, values: values.length };
}

beforeAll(async () => {
  sandbox = await startSandbox({ now: () => T0, maxBodyBytes: MAX_BODY });
  ({ appToken } = await kingdeeTokenOver(sandbox.url, T0));
});

afterAll(() => sandbox.close());

describe('no request stalls the sandbox', () => {
  it.each([
    ['20,000 ids (the reported 109 KB body)', KINGDEE_PATHS.invSynchronous, 'ids', 109 * 1024],
    ['1 MiB of ids', KINGDEE_PATHS.invSynchronous, 'ids', MAX_BODY - 64],
    ['1 MiB of material_ids', KINGDEE_PATHS.scmInventory, 'material_ids', MAX_BODY - 64],
  ])(
    '%s: /health answers alongside, the body is refused naming the limit',
    async (_name, path, key, bytes) => {
      const { text, values } = bodyOf(key, bytes);
      expect(values).toBeGreaterThan(10_000);
      const finished: string[] = [];
      const big = getSigned(path, text).then((answer) => {
        finished.push('big');
        return answer;
      });
      const health = fetch(`${sandbox.url}/health`).then(async (res) => {
        finished.push('health');
        return res.status;
      });
      const [answer, healthStatus] = await Promise.all([big, health]);
      expect(healthStatus).toBe(200);
      expect(finished).toHaveLength(2);
      expect(answer.status).toBe(200);
      const parsed = JSON.parse(answer.text) as { errcode: number; description: string };
      expect(parsed.errcode).toBe(2000001000);
      expect(parsed.description).toMatch(
        key === 'ids' ? /ids is given more than 100 values/ : /more than 1000 values/,
      );
      // Still serving afterwards.
      const after = await fetch(`${sandbox.url}/health`);
      expect(after.status).toBe(200);
    },
  );
});
