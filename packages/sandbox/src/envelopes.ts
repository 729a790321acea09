/** Which impersonated gateway a path belongs to. */
export type GatewayName = 'kingdee' | 'winit';

export function gatewayOf(path: string): GatewayName | undefined {
  if (path.startsWith('/openapi/service')) return 'winit';
  if (path.startsWith('/jdy')) return 'kingdee';
  return undefined;
}

/**
 * The body a gateway refuses invalid parameters with (Kingdee `2000001000`, Winit `1001`), or the
 * sandbox's own `{error, message}` off the gateway paths. docs/protocols/kingdee.md §7 #13,
 * docs/protocols/winit.md §7 #1.
 */
export function parameterErrorBody(
  gateway: GatewayName | undefined,
  detail: string,
  error: string,
): Record<string, unknown> {
  if (gateway === 'kingdee') return { errcode: 2000001000, description: `参数错误: ${detail}` };
  if (gateway === 'winit') return { code: '1001', msg: `系统参数错误: ${detail}`, data: '' };
  return { error, message: detail };
}

const json = (body: unknown, status: number, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
  });

/**
 * Answers the sandbox gives in a gateway's own envelope when the failure is not the route's:
 * throttling and system errors (faults), oversized bodies, unexpected exceptions. Clients must see
 * what the real gateway would send, never a bare 5xx from the stand-in.
 * docs/protocols/kingdee.md §7 (#12, #13, internal failure); docs/protocols/winit.md §7 (1001, 1006, 9999).
 */
export const gatewayAnswers = {
  throttle(gateway: GatewayName): Response {
    return gateway === 'kingdee'
      ? json({ errcode: 429, description: '已被限流' }, 429)
      : json({ code: '1006', msg: '请求过于频繁', data: '' }, 200);
  },
  systemError(gateway: GatewayName): Response {
    return gateway === 'kingdee'
      ? json({ errcode: 2000002000, description: '系统错误,请到开发者社区提单反馈' }, 200)
      : json({ code: '9999', msg: '系统异常', data: '' }, 200);
  },
  bodyTooLarge(gateway: GatewayName | undefined, limit: number): Response {
    const detail = `request body exceeds the ${limit}-byte limit`;
    return json(
      parameterErrorBody(gateway, detail, 'payload_too_large'),
      gateway === undefined ? 413 : 200,
    );
  },
  /**
   * A path no route serves. Kingdee: the gateway's 519 API_NOT_FOUND (§7 #1); Winit has one URL,
   * so another path under it is an unknown interface, 1007 (§7 #7); elsewhere a JSON 404.
   */
  notFound(gateway: GatewayName | undefined, method: string, path: string): Response {
    const shown = path.length > 120 ? `${path.slice(0, 120)}…` : path;
    if (gateway === 'kingdee') {
      const description = `API_NOT_FOUND: no API at ${shown}; Kingdee paths start with /jdy/ or /jdyconnector/`;
      return json({ errcode: 5001, description, descriptionCn: 'API不存在' }, 519);
    }
    if (gateway === 'winit') {
      const msg = `接口不存在: ${shown}; the Winit gateway serves POST /openapi/service only`;
      return json({ code: '1007', msg, data: '' }, 200);
    }
    return json(
      {
        error: 'not_found',
        message: `no route ${method} ${shown}: see /docs for the gateways and /_sandbox for admin routes`,
      },
      404,
    );
  },
};
