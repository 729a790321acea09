/**
 * `POST /_sandbox/sign`, a sandbox-only helper behind the docs page's try-it: it turns an unsigned
 * request into the signed one to send, with a fresh timestamp and nonce each time, using the
 * protocol packages' own signers. It signs only with the credentials given or the sandbox's public
 * test credentials; the real gateways have no such route.
 */
import { InvError } from '@inv/core';
import { KINGDEE_HEADERS, KINGDEE_PATHS } from '@inv/kingdee-protocol';
import { CanonicalDataError } from '@inv/winit-protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  authTokenQuery,
  isKingdeeBusinessPath,
  kingdeeCredentialsSchema,
  type SignedSandboxRequest,
  signKingdee,
  signWinit,
  winitCredentialsSchema,
} from './request-signer.js';

const queryValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const signInputSchema = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('kingdee'),
    method: z.enum(['GET', 'POST']),
    path: z.string().startsWith('/', { error: 'path starts with "/", e.g. /jdy/v2/scm/inventory' }),
    /** Decoded query values; they are encoded and sorted by the signer. */
    query: z.record(z.string(), queryValue).default({}),
    credentials: kingdeeCredentialsSchema.default(() => kingdeeCredentialsSchema.parse({})),
  }),
  z.object({
    provider: z.literal('winit'),
    method: z.literal('POST').default('POST'),
    path: z.literal('/openapi/service').default('/openapi/service'),
    /** The envelope as edited on the page: only `action` and `data` are read; the rest is signed anew. */
    body: z.object({ action: z.string().min(1), data: z.unknown().optional() }),
    credentials: winitCredentialsSchema.default(() => winitCredentialsSchema.parse({})),
  }),
]);

/** The answer of `POST /_sandbox/sign`: the request to send, and how it was obtained. */
export interface SignAnswer extends SignedSandboxRequest {
  /** Steps the sandbox ran, e.g. the token flow that produced `app-token`. */
  notes: string[];
}

export interface SignRoutesOptions {
  /** The sandbox clock (epoch ms). */
  now(): number;
  /** Sends a request to this sandbox (the token flow of Kingdee business routes goes through it). */
  fetch(request: Request): Response | Promise<Response>;
}

/** Routes of the signing helper, mounted with the admin routes. */
export function signRoutes(options: SignRoutesOptions): Hono {
  const app = new Hono();
  const refuse = (message: string, issues: readonly string[] = []) => ({
    error: 'invalid_request',
    message,
    issues,
  });

  /** Runs `kingdee_auth_token` against this sandbox, as a client does (§2 step 3). */
  const kingdeeToken = async (
    origin: string,
    credentials: z.output<typeof kingdeeCredentialsSchema>,
  ): Promise<{ token: string } | { refusal: string }> => {
    const signed = signKingdee({
      method: 'GET',
      path: KINGDEE_PATHS.authToken,
      query: authTokenQuery(credentials),
      credentials,
      now: options.now(),
    });
    const response = await options.fetch(
      new Request(new URL(signed.url, origin), { headers: signed.headers }),
    );
    const text = await response.text();
    let answer: { errcode?: unknown; description?: unknown; data?: Record<string, unknown> };
    try {
      answer = JSON.parse(text);
    } catch {
      return {
        refusal: `kingdee_auth_token answered HTTP ${response.status}: ${text.slice(0, 200)}`,
      };
    }
    const token = answer.data?.['app-token'];
    if (answer.errcode !== 0 || typeof token !== 'string') {
      return {
        refusal: `kingdee_auth_token refused the credentials (errcode ${String(answer.errcode)}): ${String(answer.description)}`,
      };
    }
    return { token };
  };

  app.post('/_sandbox/sign', async (c) => {
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch (error) {
      return c.json(refuse(`body is not valid JSON: ${(error as Error).message}`), 400);
    }
    const parsed = signInputSchema.safeParse(raw);
    if (!parsed.success) {
      return c.json(
        refuse(
          'expected {provider:"kingdee", method, path, query?, credentials?} or {provider:"winit", body:{action, data}, credentials?}',
          parsed.error.issues.map(
            (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
          ),
        ),
        400,
      );
    }
    const input = parsed.data;
    try {
      if (input.provider === 'winit') {
        const signed = signWinit({
          action: input.body.action,
          data: input.body.data,
          credentials: input.credentials,
          now: options.now(),
        });
        return c.json({
          ...signed,
          notes: ['envelope signed with a fresh timestamp (UTC+8)'],
        } satisfies SignAnswer);
      }
      const notes: string[] = [];
      let appToken: string | undefined;
      if (isKingdeeBusinessPath(input.path)) {
        const token = await kingdeeToken(new URL(c.req.url).origin, input.credentials);
        if ('refusal' in token) return c.json(refuse(token.refusal), 400);
        appToken = token.token;
        notes.push(`${KINGDEE_HEADERS.appToken} obtained from ${KINGDEE_PATHS.authToken}`);
      }
      const signed = signKingdee({
        method: input.method,
        path: input.path,
        query: input.query,
        credentials: input.credentials,
        now: options.now(),
        appToken,
      });
      notes.push('signed with a fresh timestamp and nonce');
      return c.json({ ...signed, notes } satisfies SignAnswer);
    } catch (error) {
      // Bad credentials or data the signer refuses (e.g. a Winit option): say which and why.
      if (error instanceof InvError || error instanceof CanonicalDataError)
        return c.json(refuse(error.message), 400);
      throw error;
    }
  });
  return app;
}
