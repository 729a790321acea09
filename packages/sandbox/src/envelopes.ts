/** Which impersonated gateway a path belongs to. */
export type GatewayName = 'kingdee' | 'winit';

export function gatewayOf(path: string): GatewayName | undefined {
  if (path.startsWith('/openapi/service')) return 'winit';
  if (path.startsWith('/jdy')) return 'kingdee';
  return undefined;
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
 * protocols/kingdee.md §7 (#12, #13, internal failure); protocols/winit.md §7 (1001, 1006, 9999).
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
    if (gateway === 'kingdee')
      return json({ errcode: 2000001000, description: `参数错误: ${detail}` }, 200);
    if (gateway === 'winit')
      return json({ code: '1001', msg: `系统参数错误: ${detail}`, data: '' }, 200);
    return json({ error: 'payload_too_large', message: detail }, 413);
  },
};
