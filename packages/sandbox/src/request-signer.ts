/**
 * Signs requests for the sandbox with the protocol packages' own signers, for the docs page's
 * try-it (`POST /_sandbox/sign`) and for the signed examples of the OpenAPI documents. It holds no
 * secret of its own: it signs with the credentials given, or the sandbox's public test ones.
 */
import {
  computeAppSignature,
  KINGDEE_PATHS,
  KINGDEE_SANDBOX_CREDENTIALS,
  randomNonce,
  signRequest,
} from '@inv/kingdee-protocol';
import {
  canonicalData,
  signRequestBodyAt,
  WINIT_SANDBOX_CREDENTIALS,
  WINIT_SERVICE_PATH,
} from '@inv/winit-protocol';
import { z } from 'zod';

/** Kingdee credentials: the developer app (client) and the account (app key, secret, domain). */
export const kingdeeCredentialsSchema = z.object({
  clientId: z.string().min(1).default(KINGDEE_SANDBOX_CREDENTIALS.clientId),
  clientSecret: z.string().min(1).default(KINGDEE_SANDBOX_CREDENTIALS.clientSecret),
  appKey: z.string().min(1).default(KINGDEE_SANDBOX_CREDENTIALS.account.appKey),
  appSecret: z.string().min(1).default(KINGDEE_SANDBOX_CREDENTIALS.account.appSecret),
  domain: z.string().min(1).default(KINGDEE_SANDBOX_CREDENTIALS.account.domain),
});
export type KingdeeCredentials = z.output<typeof kingdeeCredentialsSchema>;

/** Winit credentials: merchant mode (`appKey`, `token`), app mode adds `clientId`, `clientSecret`. */
export const winitCredentialsSchema = z.object({
  appKey: z.string().min(1).default(WINIT_SANDBOX_CREDENTIALS.appKeys[0]),
  token: z.string().min(1).default(WINIT_SANDBOX_CREDENTIALS.token),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
});
export type WinitCredentials = z.output<typeof winitCredentialsSchema>;

/** A request ready to send: target relative to the sandbox, headers, and the body text if any. */
export interface SignedSandboxRequest {
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/jdy/v2/scm/inventory?page=1`. */
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface KingdeeSignInput {
  method: 'GET' | 'POST';
  path: string;
  query: Readonly<Record<string, string>>;
  credentials: KingdeeCredentials;
  /** Epoch milliseconds: `X-Api-TimeStamp`. */
  now: number;
  /** Business calls (`/jdy/v2/…`) only: the account token from `kingdee_auth_token`. */
  appToken?: string | undefined;
}

/** Whether a Kingdee path is a business route, which also needs `app-token` and the router header (§3). */
export const isKingdeeBusinessPath = (path: string): boolean =>
  path === KINGDEE_PATHS.invSynchronous || path === KINGDEE_PATHS.scmInventory;

/** A Kingdee request signed as §3–§5 describe, with a fresh nonce. */
export function signKingdee(input: KingdeeSignInput): SignedSandboxRequest {
  const business = isKingdeeBusinessPath(input.path);
  const signed = signRequest({
    clientId: input.credentials.clientId,
    clientSecret: input.credentials.clientSecret,
    method: input.method,
    path: input.path,
    query: Object.entries(input.query),
    nonce: randomNonce(),
    timestamp: String(input.now),
    appToken: business ? input.appToken : undefined,
    domain: business ? input.credentials.domain : undefined,
  });
  return { method: input.method, url: signed.url, headers: signed.headers };
}

/** The `kingdee_auth_token` query of an account: its app key and `app_signature` (§5.2). */
export function authTokenQuery(credentials: KingdeeCredentials): Record<string, string> {
  return {
    app_key: credentials.appKey,
    app_signature: computeAppSignature(credentials.appSecret, credentials.appKey),
  };
}

export interface WinitSignInput {
  action: string;
  /** `data` of the envelope: an object, or `""` / absent for actions without data. */
  data: unknown;
  credentials: WinitCredentials;
  /** Epoch milliseconds: the envelope's `timestamp` (written in UTC+8). */
  now: number;
}

/** A Winit envelope signed by the client's own signer (`sign`, and `client_sign` in app mode). */
export function signWinit(input: WinitSignInput): SignedSandboxRequest {
  return {
    method: 'POST',
    url: WINIT_SERVICE_PATH,
    headers: { 'content-type': 'application/json' },
    body: signRequestBodyAt(input.credentials, input.action, canonicalData(input.data), input.now),
  };
}
