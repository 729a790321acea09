/**
 * The memory attack of #18.8, replayed against a running sandbox: signed Winit queries whose `data`
 * carries a unique ~900 KB member (each a new answer-cache key) and thousands of Kingdee app-tokens.
 * The load test reports the server's RSS afterwards: bounded caches keep it near its level before.
 */
import {
  computeAppSignature,
  KINGDEE_PATHS,
  KINGDEE_SANDBOX_CREDENTIALS,
} from '@inv/kingdee-protocol';
import { WINIT_ACTIONS } from '@inv/winit-protocol';
import { createKingdeeSigner, createWinitSigner } from './signers.js';

export interface UniqueLargeOptions {
  winitQueries: number;
  memberBytes: number;
  kingdeeTokens: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export interface UniqueLargeResult extends UniqueLargeOptions {
  /** Answers that were not a success (`code "0"` / `errcode 0`). */
  failures: number;
  firstFailure?: string | undefined;
}

export async function runUniqueLarge(
  url: string,
  session: { appToken: string; domain: string },
  options: UniqueLargeOptions,
): Promise<UniqueLargeResult> {
  let failures = 0;
  let firstFailure: string | undefined;
  const check = async (response: Response, ok: (body: Record<string, unknown>) => boolean) => {
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // counted below
    }
    if (response.status !== 200 || !ok(body)) {
      failures++;
      firstFailure ??= `${response.status} ${text.slice(0, 300)}`;
    }
  };
  const { appKey, appSecret } = KINGDEE_SANDBOX_CREDENTIALS.account;
  const tokenQuery = `app_key=${appKey}&app_signature=${encodeURIComponent(computeAppSignature(appSecret, appKey))}`;
  const signToken = createKingdeeSigner(session, KINGDEE_PATHS.authToken, tokenQuery);
  const jobs: (() => Promise<void>)[] = [];
  for (let i = 0; i < options.winitQueries; i++) {
    jobs.push(async () => {
      const note = `${i}:${Date.now()}:`.padEnd(options.memberBytes, 'x');
      const body = createWinitSigner(
        { note, pageVo: { pageNo: 1, pageSize: 10 } },
        WINIT_ACTIONS.pageInv,
      )();
      const response = await fetch(`${url}/openapi/service`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await check(response, (answer) => answer.code === '0');
    });
  }
  for (let i = 0; i < options.kingdeeTokens; i++) {
    jobs.push(async () => {
      const response = await fetch(`${url}${KINGDEE_PATHS.authToken}?${tokenQuery}`, {
        headers: signToken(),
      });
      await check(response, (answer) => answer.errcode === 0);
    });
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await (jobs[next++] as () => Promise<void>)();
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { ...options, failures, firstFailure };
}
