/**
 * Requests the sandbox's tests send again and again, signed with the default sandbox credentials
 * (docs/protocols/kingdee.md §5.2, docs/protocols/winit.md §10.1). Each call signs anew: Kingdee
 * refuses a replayed nonce.
 */
import { KINGDEE_PATHS } from '@inv/kingdee-protocol';
import { WINIT_ACTIONS } from '@inv/winit-protocol';
import {
  authTokenQuery,
  kingdeeCredentialsSchema,
  type SignedSandboxRequest,
  signKingdee,
  signWinit,
  winitCredentialsSchema,
} from '../request-signer.js';

/** `kingdee_auth_token` of the default account, at `now`. */
export function kingdeeAuthTokenRequest(now: number): SignedSandboxRequest {
  const credentials = kingdeeCredentialsSchema.parse({});
  return signKingdee({
    method: 'GET',
    path: KINGDEE_PATHS.authToken,
    query: authTokenQuery(credentials),
    credentials,
    now,
  });
}

/** `batch.query` of one merchandise code in US0001, at `now`, signed with `token` when given. */
export function winitBatchQueryRequest(
  merchandiseCode: string,
  now: number,
  token?: string,
): SignedSandboxRequest {
  return signWinit({
    action: WINIT_ACTIONS.batchQuery,
    data: { warehouseCode: 'US0001', merchandises: [{ merchandiseCode }] },
    credentials: winitCredentialsSchema.parse({ token }),
    now,
  });
}
