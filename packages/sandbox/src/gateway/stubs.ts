/**
 * Stubs: answers a test chooses for one verified request, checked after every check of the
 * pipeline (so a stubbed answer still proves the client signs correctly) and before the endpoint.
 * A rule (`PUT /_sandbox/stubs`, `startSandbox({ stubs })`, `--stubs file.json`) or one request's
 * header (`X-Sandbox-Example`, `X-Sandbox-Code`) picks a documented example, a body in the
 * provider's envelope, or a provider error code.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
  KINGDEE_ERROR_TABLE,
  KINGDEE_PATHS,
} from '@inv/kingdee-protocol';
import {
  WINIT_ACTIONS,
  WINIT_MESSAGES,
  WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT,
  WINIT_SAMPLE_RESPONSE_TEXT,
} from '@inv/winit-protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { requestHeader } from '../http.js';
import { containsSubset } from '../request-match.js';
import { type Answer, type Envelope, Refusal } from './refusal.js';

export const EXAMPLE_HEADER = 'x-sandbox-example';
export const CODE_HEADER = 'x-sandbox-code';

type Provider = 'kingdee' | 'winit';

/** The documented examples a stub or `X-Sandbox-Example` can name (the protocol packages' samples). */
export const STUB_EXAMPLES: Readonly<
  Record<string, { provider: Provider; route: string; text: string }>
> = {
  'kingdee-inv-synchronous': {
    provider: 'kingdee',
    route: KINGDEE_PATHS.invSynchronous,
    text: INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
  },
  'winit-attributes': {
    provider: 'winit',
    route: WINIT_ACTIONS.batchQuery,
    text: WINIT_SAMPLE_RESPONSE_TEXT,
  },
  'winit-aggregated': {
    provider: 'winit',
    route: WINIT_ACTIONS.batchQuery,
    text: WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT,
  },
};

/** Provider error codes a stub or `X-Sandbox-Code` can answer, with their documented/assumed text. */
export const STUB_CODES: Readonly<Record<Provider, readonly string[]>> = {
  kingdee: Object.keys(KINGDEE_ERROR_TABLE),
  winit: Object.keys(WINIT_MESSAGES),
};

/** One stub rule; exactly one of `example`, `body`, `code`. The single source of truth. */
export const stubRuleSchema = z
  .object({
    provider: z.enum(['kingdee', 'winit']),
    /** The Kingdee path or the Winit action; any when absent. */
    route: z.string().min(1).optional(),
    action: z.string().min(1).optional(),
    /** A subset of the Kingdee query parameters or of the Winit `data` (as the verification API). */
    params: z.record(z.string(), z.unknown()).optional(),
    /** A documented example by name (see `GET /_sandbox/stubs`). */
    example: z.string().min(1).optional(),
    /** A body to answer as is: write it in the provider's envelope. */
    body: z.unknown().optional(),
    /** A provider error code, answered in the provider's envelope with its text. */
    code: z.string().regex(/^\d+$/).optional(),
    /** HTTP status of `example` or `body` answers (default 200). */
    status: z.number().int().min(200).max(599).optional(),
    /** Milliseconds to wait before answering. */
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    /** Answer this many matching requests, then stop matching; every one when absent. */
    times: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const given = (['example', 'body', 'code'] as const).filter((k) => rule[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['example'],
        message: `give exactly one of example, body, code (got ${given.join(', ') || 'none'})`,
      });
    }
    if (rule.example !== undefined) {
      const example = STUB_EXAMPLES[rule.example];
      if (!example || example.provider !== rule.provider) {
        ctx.addIssue({
          code: 'custom',
          path: ['example'],
          message: `"${rule.example}" is no ${rule.provider} example: one of ${namesOf(rule.provider).join(', ')}`,
        });
      }
    }
    if (rule.code !== undefined && !STUB_CODES[rule.provider].includes(rule.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `${rule.code} is no ${rule.provider} code: one of ${STUB_CODES[rule.provider].join(', ')}`,
      });
    }
  });
export const stubRulesSchema = z.array(stubRuleSchema);
export type StubRule = z.input<typeof stubRuleSchema>;

const namesOf = (provider: Provider): string[] =>
  Object.entries(STUB_EXAMPLES)
    .filter(([, example]) => example.provider === provider)
    .map(([name]) => name);

type Held = z.output<typeof stubRuleSchema> & { remaining: number | undefined };

/** What the pipeline knows of a verified request when it asks for a stub. */
export interface StubRequest {
  provider: Provider;
  route: string;
  params: Readonly<Record<string, unknown>> | undefined;
}

export interface StubController {
  /** Replaces the rules; throws a ZodError naming the bad field. */
  configure(rules: unknown): void;
  /** The rules in force, each with the times it may still answer. */
  current(): {
    stubs: Held[];
    examples: string[];
    codes: Readonly<Record<Provider, readonly string[]>>;
  };
  /** The stubbed answer of a verified request, or undefined to run its endpoint. */
  answer(c: Context, request: StubRequest, envelope: Envelope): Promise<Answer | undefined>;
}

/** The error answer of `code` in the provider's envelope, with its documented/assumed text. */
function codeAnswer(provider: Provider, code: string, envelope: Envelope, why: string): Answer {
  const status =
    provider === 'kingdee' ? (code === '429' ? 429 : /^[45]\d{3}$/.test(code) ? 519 : 200) : 200;
  const name = provider === 'kingdee' ? KINGDEE_ERROR_TABLE[code]?.name : WINIT_MESSAGES[code];
  return envelope.refuse(
    new Refusal({
      status,
      code,
      field: 'request',
      rule: `answered ${code} ${name ?? ''} (${why})`,
    }),
  );
}

function exampleAnswer(name: string, status: number): Answer {
  const example = STUB_EXAMPLES[name] as { route: string; text: string };
  return { status, body: example.text, verdict: `accepted (stub: example ${name})` };
}

/** A refusal naming the valid values of a header, in the provider's envelope. */
function badHeader(provider: Provider, header: string, value: string, valid: string[]): Refusal {
  // The parameter error of each gateway: Kingdee 2000001000 (kingdee.md §7 #13), Winit 1001 (§7).
  return new Refusal({
    code: provider === 'kingdee' ? '2000001000' : '1001',
    field: header,
    rule: `"${value.slice(0, 60)}" is not known`,
    expected: `one of ${valid.join(', ')}`,
  });
}

export function createStubController(initial: unknown = []): StubController {
  let rules: Held[] = [];
  const configure = (input: unknown): void => {
    rules = stubRulesSchema.parse(input).map((rule) => ({ ...rule, remaining: rule.times }));
  };
  configure(initial);
  return {
    configure,
    current: () => ({
      stubs: rules.map((rule) => ({ ...rule })),
      examples: Object.keys(STUB_EXAMPLES),
      codes: STUB_CODES,
    }),
    async answer(c, request, envelope) {
      const { provider } = request;
      const example = requestHeader(c, EXAMPLE_HEADER);
      if (example !== undefined) {
        if (STUB_EXAMPLES[example]?.provider !== provider) {
          return envelope.refuse(
            badHeader(provider, 'X-Sandbox-Example', example, namesOf(provider)),
          );
        }
        return exampleAnswer(example, 200);
      }
      const code = requestHeader(c, CODE_HEADER);
      if (code !== undefined) {
        if (!STUB_CODES[provider].includes(code)) {
          return envelope.refuse(
            badHeader(provider, 'X-Sandbox-Code', code, [...STUB_CODES[provider]]),
          );
        }
        return codeAnswer(provider, code, envelope, 'X-Sandbox-Code');
      }
      const rule = rules.find(
        (r) =>
          r.provider === provider &&
          r.remaining !== 0 &&
          (r.route ?? r.action ?? request.route) === request.route &&
          (r.params === undefined || containsSubset(request.params, r.params)),
      );
      if (!rule) return undefined;
      if (rule.remaining !== undefined) rule.remaining -= 1;
      if (rule.latencyMs) await sleep(rule.latencyMs);
      if (rule.example !== undefined) return exampleAnswer(rule.example, rule.status ?? 200);
      if (rule.code !== undefined) return codeAnswer(provider, rule.code, envelope, 'stub');
      return {
        status: rule.status ?? 200,
        body: typeof rule.body === 'string' ? rule.body : JSON.stringify(rule.body),
        verdict: 'accepted (stub: body)',
      };
    },
  };
}
