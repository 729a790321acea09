/**
 * The Kingdee envelope (docs/protocols/kingdee.md §6): gateway refusals answer HTTP 519
 * `{errcode, description, descriptionCn}`, business refusals HTTP 200 `{errcode, description,
 * data: null}`, the rate limit HTTP 429 with its reported body (§7 #12).
 */
import { type Answer, type Envelope, Refusal } from '../../gateway/refusal.js';
import type { SignatureFailure } from '../../gateway/signature-failure.js';

// Chinese texts of gateway refusals. Sandbox wording: Kingdee's own texts are not published.
const GATEWAY_CN: Readonly<Record<string, string>> = {
  4001: '不支持的认证版本',
  4002: 'X-Api-ClientID为空',
  4003: 'X-Api-ClientID无效',
  4006: 'X-Api-TimeStamp无效',
  4007: 'X-Api-SignHeaders无效',
  4008: 'X-Api-Signature无效',
  5001: 'API不存在',
  5002: '请求方法不支持',
  5003: 'API不可用',
};

/** The texts business refusals start with (§7 #9–#11, #13), followed by the detail. */
const BUSINESS_TEXT: Readonly<Record<string, string>> = {
  1000202001: 'JWT token has expired',
  1000202002: 'app-token无效',
  1030002006: '授权密钥校验失败，请获取最新密钥加密',
  2000001000: '参数错误',
};

/** The body of §7 #12 as reported [O K4]: no detail, so the reason goes to the log only. */
const THROTTLED_BODY = JSON.stringify({ errcode: 429, description: '已被限流' });

export const KINGDEE_GATEWAY_STATUS = 519;

/** The parameter-error code (§7 #13). */
export const INVALID_PARAMETER = '2000001000';

export const kingdeeEnvelope: Envelope = {
  refuse(refusal) {
    const detail = refusal.describe();
    const errcode = Number(refusal.code);
    if (refusal.status === 429) {
      return { status: 429, body: THROTTLED_BODY, code: refusal.code, verdict: detail };
    }
    if (refusal.status === KINGDEE_GATEWAY_STATUS) {
      const descriptionCn = GATEWAY_CN[refusal.code] ?? '网关错误';
      return {
        status: KINGDEE_GATEWAY_STATUS,
        body: JSON.stringify({ errcode, description: detail, descriptionCn }),
        code: refusal.code,
        verdict: detail,
        headers: refusal.headers,
        mistake: refusal.mistake,
      };
    }
    const text = BUSINESS_TEXT[refusal.code];
    const description = text === undefined ? detail : `${text}: ${detail}`;
    return {
      status: 200,
      body: JSON.stringify({ errcode, description, data: null }),
      code: refusal.code,
      verdict: description,
      headers: refusal.headers,
    };
  },
  internalFailure(error) {
    // Never a 5xx: the gateway's own internal-failure answer (§7), with the cause in the log.
    return {
      status: 200,
      body: JSON.stringify({
        errcode: 2000002000,
        description: '系统错误,请到开发者社区提单反馈',
        data: null,
      }),
      code: '2000002000',
      verdict: `internal failure: ${error instanceof Error ? error.message : String(error)}`,
    };
  },
};

/** A gateway refusal (HTTP 519). */
export const gatewayRefusal = (
  code: string,
  field: string,
  rule: string,
  expected?: string,
  hint?: string,
  headers?: Record<string, string>,
  signature?: SignatureFailure,
): Refusal =>
  new Refusal({
    status: KINGDEE_GATEWAY_STATUS,
    code,
    field,
    rule,
    expected,
    hint,
    headers,
    signature,
  });

/** A business refusal (HTTP 200, non-zero errcode). */
export const businessRefusal = (
  code: string,
  field: string,
  rule: string,
  expected?: string,
  hint?: string,
): Refusal => new Refusal({ code, field, rule, expected, hint });

/** §7 #13: an invalid parameter. */
export const invalidParameter = (
  field: string,
  rule: string,
  expected?: string,
  hint?: string,
): Refusal => businessRefusal(INVALID_PARAMETER, field, rule, expected, hint);

/** A successful answer. */
export function success(data: unknown, description = 'success'): Answer {
  return {
    status: 200,
    body: JSON.stringify({ data, description, errcode: 0 }),
    verdict: 'accepted',
  };
}
