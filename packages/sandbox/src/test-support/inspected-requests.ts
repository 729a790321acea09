/**
 * Requests the request inspector's tests send (`request-detail.test.ts`, `inspector.e2e.test.ts`):
 * a good Kingdee call, a Kingdee POST with a body, one signed with its query values encoded twice (a mistake the sandbox
 * diagnoses, docs/protocols/kingdee.md §4), and a Winit call whose `sign` used the client secret.
 */
import {
  buildStringToSign,
  KINGDEE_PATHS,
  KINGDEE_SANDBOX_CREDENTIALS,
  signStringToSign,
} from '@inv/kingdee-protocol';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import {
  authTokenQuery,
  kingdeeCredentialsSchema,
  type SignedSandboxRequest,
  signKingdee,
  signWinit,
} from '../request-signer.js';

const KINGDEE = kingdeeCredentialsSchema.parse({});

/** Every secret of the sandbox's test credentials: none may show in the inspector. */
export const SANDBOX_SECRETS = [
  KINGDEE_SANDBOX_CREDENTIALS.clientSecret,
  KINGDEE_SANDBOX_CREDENTIALS.account.appSecret,
  WINIT_SANDBOX_CREDENTIALS.token,
  WINIT_SANDBOX_CREDENTIALS.clientSecret,
];

/** `kingdee_auth_token`, signed right: accepted. */
export function goodKingdeeRequest(now: number): SignedSandboxRequest {
  return signKingdee({
    method: 'GET',
    path: KINGDEE_PATHS.authToken,
    query: authTokenQuery(KINGDEE),
    credentials: KINGDEE,
    now,
  });
}

/**
 * `push_app_authorize` (a POST, docs/protocols/kingdee.md §2) signed right, carrying `body`: the
 * gateway neither signs nor reads it, the inspector shows it.
 */
export function kingdeePostWithBody(now: number, body: string): SignedSandboxRequest {
  const signed = signKingdee({
    method: 'POST',
    path: KINGDEE_PATHS.pushAppAuthorize,
    query: { outerInstanceId: KINGDEE_SANDBOX_CREDENTIALS.account.outerInstanceId },
    credentials: KINGDEE,
    now,
  });
  return { ...signed, headers: { ...signed.headers, 'content-type': 'application/json' }, body };
}

/** `inv_synchronous` with `search` encoded twice by encodeURIComponent before signing: 4008. */
export function doubleEncodedKingdeeRequest(now: number): SignedSandboxRequest {
  const search = 'A B:1!';
  const signed = signKingdee({
    method: 'GET',
    path: KINGDEE_PATHS.invSynchronous,
    query: { page: '1', search },
    credentials: KINGDEE,
    now,
  });
  const canonicalQuery = `page=1&search=${encodeURIComponent(encodeURIComponent(search))}`;
  const stringToSign = buildStringToSign({
    method: 'GET',
    path: KINGDEE_PATHS.invSynchronous,
    canonicalQuery,
    nonce: signed.headers['X-Api-Nonce'] as string,
    timestamp: String(now),
  });
  return {
    ...signed,
    headers: {
      ...signed.headers,
      'X-Api-Signature': signStringToSign(KINGDEE.clientSecret, stringToSign),
    },
  };
}

/** A Winit call in app mode whose `sign` was computed with the client secret: 1004. */
export function swappedSecretWinitRequest(
  now: number,
  action = 'queryWarehouse',
): SignedSandboxRequest {
  const { clientId, clientSecret } = WINIT_SANDBOX_CREDENTIALS;
  const right = signWinit({
    action,
    data: '',
    credentials: {
      appKey: 'rebecca',
      token: WINIT_SANDBOX_CREDENTIALS.token,
      clientId,
      clientSecret,
    },
    now,
  });
  const wrong = signWinit({
    action,
    data: '',
    credentials: { appKey: 'rebecca', token: clientSecret, clientId, clientSecret },
    now,
  });
  const body = JSON.parse(right.body as string) as Record<string, string>;
  body.sign = (JSON.parse(wrong.body as string) as Record<string, string>).sign as string;
  return { ...right, body: JSON.stringify(body) };
}
