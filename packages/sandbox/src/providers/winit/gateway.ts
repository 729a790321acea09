/**
 * Routes impersonating the Winit gateway (docs/protocols/winit.md): `POST /openapi/service`, dispatched
 * on `action`. Every request runs the shared gateway pipeline with the checks in the §7 order:
 * envelope (read), app_key and client_id (identify), timestamp (clock), sign and client_sign
 * (signature), rate limit, then the action and its data (dispatch). Winit sends no nonce (§2), so
 * there is no replay step. The first failure answers 200 `{code, msg, data: ""}`, naming the
 * field, the rule and what the sandbox expected.
 */
import {
  stringToSignParts,
  TOKEN_PLACEHOLDER,
  WINIT_ACTIONS,
  WINIT_CODES,
} from '@inv/winit-protocol';
import { Hono } from 'hono';
import type { SandboxContext } from '../../context.js';
import { keepText } from '../../gateway/kept-text.js';
import { winitLoggedParams } from '../../gateway/logged-params.js';
import { gatewayHandler } from '../../gateway/pipeline.js';
import { slidingWindowLimiter } from '../../gateway/rate-limit.js';
import { quote, Refusal } from '../../gateway/refusal.js';
import { winitMatchKey } from '../../record/match-key.js';
import { createRevisionCache } from '../../revision-cache.js';
import { createWinitSandboxState } from '../winit-data.js';
import { answerKey, createAnswerCache } from './answer-cache.js';
import type { WinitSandboxRow } from './dataset-types.js';
import { batchQuery } from './endpoints/batch-query.js';
import type { ActionResult, WinitActionHandler } from './endpoints/endpoint.js';
import { pageInv } from './endpoints/page-inv.js';
import { queryWarehouse } from './endpoints/query-warehouse.js';
import { successAnswer, winitEnvelope, winitRefusal } from './envelope.js';
import { resolveWinitOptions, type WinitSandboxOptions, winitDatasetOptions } from './options.js';
import { readWinitRequest, type WinitRequest } from './request.js';
import { createWinitVerifier } from './verify.js';

/** Routes impersonating the Winit gateway, mounted at the root of the sandbox. */
export function winitRoutes(context: SandboxContext, options: WinitSandboxOptions = {}): Hono {
  const config = resolveWinitOptions(options);
  const state = options.state ?? createWinitSandboxState(winitDatasetOptions(options));
  const verifier = createWinitVerifier(config);
  const limiter = config.rateLimit
    ? slidingWindowLimiter(config.rateLimit.limit, config.rateLimit.intervalMs)
    : undefined;
  const actions: Readonly<Record<string, WinitActionHandler>> = {
    [WINIT_ACTIONS.queryWarehouse]: queryWarehouse(state),
    [WINIT_ACTIONS.batchQuery]: batchQuery(state),
    [WINIT_ACTIONS.pageInv]: pageInv(
      state,
      config.utcOffsetMinutes,
      // A few syncs at a time (one per warehouse × serviceType × grade segment).
      createRevisionCache<readonly WinitSandboxRow[]>({
        revision: () => state.revision(),
        maxWeight: 16,
      }),
    ),
  };

  const answers = createAnswerCache(() => state.revision(), config.answerCacheBytes);
  context.measure('winit.answerCacheBytes', () => answers.weight);
  context.measure('winit.answerCacheEntries', () => answers.size);

  const answerAction = (request: WinitRequest): Uint8Array<ArrayBuffer> | Refusal => {
    const { action } = request.fields;
    const handler = Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!handler) {
      return winitRefusal(
        WINIT_CODES.unknownAction,
        'action',
        `${quote(action)} is not served`,
        `one of ${Object.values(WINIT_ACTIONS).join(', ')}`,
      );
    }
    const found: ActionResult = handler(request.data);
    if (found instanceof Refusal) return found;
    return Buffer.from(
      'text' in found
        ? found.text
        : JSON.stringify({ code: WINIT_CODES.success, msg: '操作成功', data: found.data }),
      'utf8',
    );
  };

  /** §7 #6 [assumed]: a sliding window per app_key, counting authenticated requests only. */
  const rateLimit = (request: WinitRequest): Refusal | undefined => {
    if (!limiter || limiter.take(request.fields.app_key, request.now)) return undefined;
    const { limit, intervalMs } = limiter;
    return winitRefusal(
      WINIT_CODES.rateLimited,
      'app_key',
      `${quote(request.fields.app_key)} sent ${limit} requests in the last ${intervalMs} ms`,
      `at most ${limit} per ${intervalMs} ms (sliding window)`,
    );
  };

  const handle = gatewayHandler<WinitRequest>(context, {
    provider: 'winit',
    envelope: winitEnvelope,
    read: (c) => readWinitRequest(c, config.maxBodyBytes, context.now()),
    checks: [verifier.identify, verifier.checkClock, verifier.verifySignature, rateLimit],
    matchKey: (request) => winitMatchKey(request.fields.action, request.data),
    route: (request) => request.fields.action,
    params: (request) => winitLoggedParams(request.data, request.dataString),
    // The request inspector's view (issue #16): the body as sent and what `sign` covers, the
    // token as a placeholder; texts cut to the log's cap so a large body is not held.
    inspect: ({ body, fields, dataString }) => {
      const data = keepText(dataString);
      return {
        body: keepText(body),
        stringToSign: () => stringToSignParts(fields, data, TOKEN_PLACEHOLDER),
      };
    },
    dispatch(request) {
      const { action } = request.fields;
      const answer = answers.get(answerKey(action, request.data), () => answerAction(request));
      // A refusal of the action or its data goes back to the pipeline, which logs its field and
      // rule (under the action, from `route`) and answers it in the envelope.
      return answer instanceof Refusal ? answer : successAnswer(answer, action);
    },
  });
  const app = new Hono();
  app.all('/openapi/service', handle);
  return app;
}
