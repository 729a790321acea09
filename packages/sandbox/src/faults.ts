import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from './context.js';
import { type GatewayName, gatewayAnswers, gatewayOf } from './envelopes.js';
import { readBody, requestHeader } from './http.js';
import { deliveryFaultRuleSchema } from './push/delivery-faults.js';
import { createRandom, type Random } from './random.js';

/**
 * One failure the sandbox can inject. Each reproduces something a real gateway or the network
 * in front of it does, so clients can be tested against every one.
 */
export const faultSchema = z.discriminatedUnion('type', [
  /** Delay the answer by `ms` milliseconds (then answer normally unless another fault applies). */
  z.object({ type: z.literal('latency'), ms: z.number().int().min(0).max(120_000) }),
  /** A bare HTTP status from the gateway's front door (429, 500, 502, 503, 504), optional Retry-After seconds. */
  z.object({
    type: z.literal('status'),
    status: z.number().int().min(400).max(599),
    retryAfter: z.number().min(0).optional(),
  }),
  /** The provider's own throttling answer (Kingdee HTTP 429 errcode 429, Winit code 1006). */
  z.object({ type: z.literal('throttle') }),
  /** The provider's own system-error answer (Kingdee errcode 2000002000, Winit code 9999). */
  z.object({ type: z.literal('provider-error') }),
  /** The TCP connection is destroyed without an answer (real HTTP only). */
  z.object({ type: z.literal('reset') }),
  /** The normal answer with its body cut in half (valid HTTP, broken JSON). */
  z.object({ type: z.literal('truncate') }),
  /** An HTML error page with HTTP 200, as a misconfigured proxy sends. */
  z.object({ type: z.literal('non-json') }),
]);
export type Fault = z.infer<typeof faultSchema>;

/** A configured fault: which requests it hits, and how often. */
export const faultRuleSchema = z.object({
  /** Only requests of this provider / path / Winit action; all requests when absent. */
  match: z
    .object({
      provider: z.enum(['kingdee', 'winit']).optional(),
      path: z.string().optional(),
      action: z.string().optional(),
    })
    .optional(),
  fault: z.union([faultSchema, z.array(faultSchema).min(1)]),
  /** Probability (0..1) that a matching request is hit, drawn from the seeded generator. Default 1. */
  rate: z.number().min(0).max(1).default(1),
  /** Hit at most this many matching requests, then stop. */
  times: z.number().int().positive().optional(),
});
export type FaultRule = z.input<typeof faultRuleSchema>;

/** Fault configuration, as passed to `startSandbox({ faults })` or loaded with `--faults file.json`. */
export const faultConfigSchema = z.object({
  /** Seed of the generator behind `rate`, so a run with the same requests fails the same way. */
  seed: z.number().int().default(1),
  rules: z.array(faultRuleSchema).default([]),
  /** Faults of push deliveries to subscribers (drop, delay, duplicate, reorder), same seed. */
  deliveries: z.array(deliveryFaultRuleSchema).optional(),
});
export type FaultConfig = z.input<typeof faultConfigSchema>;

export const FAULT_HEADER = 'x-sandbox-fault';

/**
 * Parses the `X-Sandbox-Fault` request header: comma-separated faults such as
 * `latency=200`, `status=503`, `status=429;retry-after=2`, `throttle`, `provider-error`, `reset`,
 * `truncate`, `non-json`. Returns the faults or the reason the header is invalid.
 */
export function parseFaultHeader(
  value: string,
): { ok: true; faults: Fault[] } | { ok: false; reason: string } {
  const faults: Fault[] = [];
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [head = '', ...params] = part.split(';').map((p) => p.trim());
    const [name = '', arg] = head.split('=').map((p) => p.trim());
    let candidate: unknown;
    if (name === 'latency') candidate = { type: 'latency', ms: Number(arg) };
    else if (name === 'status') {
      const retry = params.find((p) => p.startsWith('retry-after='));
      candidate = {
        type: 'status',
        status: Number(arg),
        ...(retry ? { retryAfter: Number(retry.slice('retry-after='.length)) } : {}),
      };
    } else candidate = { type: name };
    const parsed = faultSchema.safeParse(candidate);
    if (!parsed.success) {
      return {
        ok: false,
        reason: `X-Sandbox-Fault: "${part}" is not a fault; expected latency=<ms>, status=<400-599>[;retry-after=<s>], throttle, provider-error, reset, truncate or non-json`,
      };
    }
    faults.push(parsed.data);
  }
  return { ok: true, faults };
}

export interface FaultController {
  /** Replaces the configured rules (and reseeds the generator). */
  configure(config: FaultConfig): void;
  /** The configuration in force. */
  current(): z.output<typeof faultConfigSchema>;
  middleware: MiddlewareHandler;
}

/** Creates the fault-injection middleware. It runs before the provider routes. */
export function createFaultController(
  context: SandboxContext,
  initial: FaultConfig = {},
  limits: { maxBodyBytes?: number | undefined } = {},
): FaultController {
  const maxBodyBytes = limits.maxBodyBytes ?? 1024 * 1024;
  let config = faultConfigSchema.parse(initial);
  let random: Random = createRandom(config.seed);
  let hits: number[] = config.rules.map(() => 0);

  const pickFaults = async (c: Context, provider: GatewayName | undefined): Promise<Fault[]> => {
    const picked: Fault[] = [];
    for (const [index, rule] of config.rules.entries()) {
      const match = rule.match;
      if (match?.provider && match.provider !== provider) continue;
      if (match?.path && match.path !== c.req.path) continue;
      if (match?.action) {
        // Read through the shared per-request body, which the route reads again.
        const text = await readBody(c, maxBodyBytes);
        let action: unknown;
        try {
          action = (JSON.parse(text ?? '') as { action?: unknown } | null)?.action;
        } catch {
          action = undefined;
        }
        if (action !== match.action) continue;
      }
      if (rule.times !== undefined && (hits[index] ?? 0) >= rule.times) continue;
      if (rule.rate < 1 && random.next() >= rule.rate) continue;
      hits[index] = (hits[index] ?? 0) + 1;
      picked.push(...(Array.isArray(rule.fault) ? rule.fault : [rule.fault]));
    }
    return picked;
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.path.startsWith('/_sandbox') || c.req.path === '/health') return next();
    const provider = gatewayOf(c.req.path);
    const header = requestHeader(c, FAULT_HEADER);
    let faults: Fault[];
    if (header !== undefined) {
      const parsed = parseFaultHeader(header);
      if (!parsed.ok) {
        // A mistyped fault header is the developer's bug, not a gateway behaviour: say so plainly.
        context.record({
          provider: 'sandbox',
          method: c.req.method,
          route: c.req.path,
          status: 400,
          verdict: parsed.reason,
          ms: 0,
        });
        return c.json({ error: 'invalid_fault_header', message: parsed.reason }, 400);
      }
      faults = parsed.faults;
    } else {
      faults = config.rules.length > 0 ? await pickFaults(c, provider) : [];
    }
    if (faults.length === 0) return next();

    const started = performance.now();
    const log = (status: number, fault: Fault): void =>
      context.record({
        provider: provider ?? 'sandbox',
        method: c.req.method,
        route: c.req.path,
        status,
        verdict: `fault injected: ${fault.type}`,
        ms: performance.now() - started,
      });

    let after: Fault | undefined;
    for (const fault of faults) {
      switch (fault.type) {
        case 'latency':
          await new Promise((resolve) => setTimeout(resolve, fault.ms));
          break;
        case 'status':
          log(fault.status, fault);
          return new Response(JSON.stringify({ error: 'injected', status: fault.status }), {
            status: fault.status,
            headers: {
              'content-type': 'application/json',
              ...(fault.retryAfter === undefined
                ? {}
                : { 'retry-after': String(fault.retryAfter) }),
            },
          });
        case 'throttle':
        case 'provider-error': {
          const gateway = provider ?? 'kingdee';
          const answer =
            fault.type === 'throttle'
              ? gatewayAnswers.throttle(gateway)
              : gatewayAnswers.systemError(gateway);
          log(answer.status, fault);
          return answer;
        }
        case 'reset': {
          const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)
            ?.incoming?.socket;
          log(0, fault);
          if (socket) {
            socket.destroy();
            return new Response(null, { status: 204 });
          }
          // In-process (app.request) there is no socket: the closest observable failure is a network error.
          return Response.error();
        }
        case 'non-json':
          log(200, fault);
          return new Response('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>', {
            status: 200,
            headers: { 'content-type': 'text/html' },
          });
        case 'truncate':
          after = fault;
          break;
      }
    }
    await next();
    if (after) {
      const text = await c.res.text();
      log(c.res.status, after);
      c.res = new Response(text.slice(0, Math.floor(text.length / 2)), {
        status: c.res.status,
        headers: { 'content-type': c.res.headers.get('content-type') ?? 'application/json' },
      });
    }
  };

  return {
    middleware,
    current: () => config,
    configure(next) {
      config = faultConfigSchema.parse(next);
      random = createRandom(config.seed);
      hits = config.rules.map(() => 0);
    },
  };
}
