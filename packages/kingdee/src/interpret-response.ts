/**
 * Reads a Kingdee answer (docs/protocols/kingdee.md §6–§7): gateway errors (HTTP 519, 429),
 * business `errcode`s and the legacy `{code, msg}` envelope all become errors through one table;
 * anything else is parsed exactly and checked against the call's schema.
 */
import {
  assertHttpStatus,
  DuplicateKeyError,
  type InvError,
  parseExactJson,
  parseJsonResponse,
  parseRetryAfter,
  parseShape,
  type TransportResponse,
} from '@inv/core';
import { kingdeeEnvelopeSchema, kingdeeGatewayErrorSchema } from '@inv/kingdee-protocol';
import type { KingdeeCall } from './client.js';
import { KINGDEE_PROVIDER_ID } from './constants.js';
import type { KingdeeFailure } from './errors.js';

function descriptionCn(body: {
  descriptionCn?: string | null | undefined;
  description_cn?: string | null | undefined;
}): string | undefined {
  return body.descriptionCn ?? body.description_cn ?? undefined;
}

/** HTTP 519 gateway errors, 429, business `errcode`s and shapes, all through one table (§6–§7). */
export function interpret<T>(
  response: TransportResponse,
  call: KingdeeCall<T>,
  toError: (failure: KingdeeFailure) => InvError,
): { body: T; raw: unknown } {
  const { status } = response;
  if (status === 519 || status === 429) {
    let failure: InvError | undefined;
    try {
      const body = parseShape(
        kingdeeGatewayErrorSchema,
        parseExactJson(response.text, { provider: KINGDEE_PROVIDER_ID }),
        KINGDEE_PROVIDER_ID,
        'gateway error',
      );
      failure = toError({
        errcode: body.errcode,
        description: body.description,
        descriptionCn: descriptionCn(body),
        status,
        operation: call.operation,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      });
    } catch (error) {
      // An envelope naming a key twice is refused, as any answer; anything else is not the
      // gateway's envelope (a proxy page): the core helpers classify the status below.
      if (error instanceof DuplicateKeyError) throw error;
    }
    if (failure) throw failure;
  }
  assertHttpStatus(response, KINGDEE_PROVIDER_ID);
  // Exact: 19-digit ids and long quantities keep their digits, a repeated key is refused (§11.2).
  const raw = parseJsonResponse(response, KINGDEE_PROVIDER_ID);
  if (raw !== null && typeof raw === 'object' && !('errcode' in raw) && 'code' in raw) {
    // push_app_authorize may answer `{code: 200, msg, data}` (§2).
    const legacy = raw as { code: unknown; msg?: unknown };
    if (legacy.code !== 200 && legacy.code !== '200') {
      throw toError({
        errcode: String(legacy.code),
        description: typeof legacy.msg === 'string' ? legacy.msg : undefined,
        status,
        operation: call.operation,
      });
    }
  } else {
    const envelope = parseShape(kingdeeEnvelopeSchema, raw, KINGDEE_PROVIDER_ID, call.what);
    if (envelope.errcode !== 0) {
      throw toError({
        errcode: envelope.errcode,
        description: envelope.description,
        descriptionCn: descriptionCn(envelope),
        status,
        operation: call.operation,
      });
    }
  }
  return { body: parseShape(call.schema, raw, KINGDEE_PROVIDER_ID, call.what), raw };
}
