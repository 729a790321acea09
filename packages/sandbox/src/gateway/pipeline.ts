/**
 * The one pipeline both gateways run: read the request → identify the caller → the checks of the
 * provider's §7 (clock, nonce or replay, signature, session, rate limit, in the documented order)
 * → a stubbed answer, if a stub rule or header picks one → dispatch to an endpoint handler. The first refusal answers, in the provider's envelope.
 *
 * The steps are built once per gateway, not per request: the signed routes are benchmarked, and
 * the pipeline adds no closure or allocation the request did not already need.
 */
import type { Context } from 'hono';
import type { SandboxContext } from '../context.js';
import { requestHeaders } from '../http.js';
import type { MatchKey } from '../record/match-key.js';
import type { Inspection } from './inspection.js';
import { type Answer, type Envelope, Refusal } from './refusal.js';

/** One check of a request; a refusal stops the pipeline. */
export type Check<R> = (request: R) => Refusal | undefined;

/** One gateway: its envelope, how it reads a request, its checks in §7 order, its endpoints. */
export interface Gateway<R> {
  provider: 'kingdee' | 'winit';
  envelope: Envelope;
  /** Reads the request (route, headers or body) into the record the checks fill in. */
  read(c: Context): R | Refusal | Promise<R | Refusal>;
  /**
   * The named steps between reading and dispatching (`identify`, `checkClock`, `checkReplay`,
   * `verifySignature`, `rateLimit`, …) in the order the provider's protocol reference lists them.
   */
  checks: readonly Check<R>[];
  /** What the log names as the route once the request is read (Winit: its action). */
  route?(request: R): string;
  /** What the request log keeps to match the request on (never a secret or a signature). */
  params?(request: R): Readonly<Record<string, unknown>> | undefined;
  /** Answers an accepted request from its endpoint handler. */
  dispatch(request: R): Answer | Refusal | Promise<Answer | Refusal>;
  /** The request's key in a recording (record/match-key.ts); `undefined` is never replayed. */
  matchKey?(request: R): MatchKey | undefined;
  /**
   * What the request inspector may show of a read request (gateway/inspection.ts): references
   * already at hand, nothing serialised, never a secret.
   */
  inspect?(request: R): Inspection;
}

/** The Hono handler running `gateway`'s pipeline, recording one log entry per request. */
export function gatewayHandler<R>(
  context: SandboxContext,
  gateway: Gateway<R>,
): (c: Context) => Promise<Response> {
  const { envelope, checks, provider } = gateway;
  const { replay } = context;
  const run = async (c: Context, seen: Seen<R>): Promise<Answer> => {
    const request = await gateway.read(c);
    if (request instanceof Refusal) return refuse(seen, request);
    seen.request = request;
    seen.route = gateway.route?.(request);
    seen.params = gateway.params?.(request);
    for (const check of checks) {
      const refused = check(request);
      if (refused) return refuse(seen, refused);
    }
    const route = seen.route ?? c.req.path;
    const stubbed = await context.stubs?.answer(
      c,
      { provider, route, params: seen.params },
      envelope,
    );
    if (stubbed) return stubbed;
    // Replay answers where the endpoint would, after every check (record/replayer.ts).
    const key = replay && gateway.matchKey?.(request);
    const answer = key ? replay(key) : await gateway.dispatch(request);
    return answer instanceof Refusal ? refuse(seen, answer) : answer;
  };
  const refuse = (seen: Seen<R>, refusal: Refusal): Answer => {
    seen.refusal = refusal;
    return envelope.refuse(refusal);
  };
  return async (c) => {
    const started = performance.now();
    let answer: Answer;
    const seen: Seen<R> = {
      route: undefined,
      params: undefined,
      request: undefined,
      refusal: undefined,
    };
    try {
      answer = await run(c, seen);
    } catch (error) {
      answer = envelope.internalFailure(error);
    }
    const { request, refusal } = seen;
    context.record(
      {
        provider: gateway.provider,
        method: c.req.method,
        route: answer.route ?? seen.route ?? c.req.path,
        status: answer.status,
        verdict: answer.verdict,
        code: answer.code,
        field: refusal?.field,
        rule: refusal?.rule,
        mistake: answer.mistake,
        params: seen.params,
        ms: performance.now() - started,
      },
      {
        headers: requestHeaders(c),
        // Not the refusal itself: its debug headers may hold a whole Winit data text.
        refusal: refusal && {
          code: refusal.code,
          field: refusal.field,
          rule: refusal.rule,
          expected: refusal.expected,
          hint: refusal.hint,
          signature: refusal.signature,
        },
        inspection: request === undefined ? undefined : gateway.inspect?.(request),
      },
    );
    // A fresh headers object per answer: @hono/node-server writes the body's length into it.
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': JSON_CONTENT_TYPE, ...answer.headers },
    });
  };
}

/** What the pipeline learnt of a request before it answered, for the log. */
interface Seen<R> {
  route: string | undefined;
  params: Readonly<Record<string, unknown>> | undefined;
  request: R | undefined;
  refusal: Refusal | undefined;
}

const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';
