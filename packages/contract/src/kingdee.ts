import { createKingdeeProvider, type KingdeeProviderOptions } from '@inv/kingdee';
import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { probeKingdeeDrift } from './probe.js';
import { type ContractSuiteOptions, describeContractSuite, type ProviderSuite } from './suite.js';
import type { ContractTarget } from './target.js';

/** Options of {@link describeKingdeeContract}. */
export interface KingdeeContractOptions extends ContractSuiteOptions {
  /**
   * Extra provider options for both targets (e.g. `availableFrom`, `arrayFormat`, `retry`).
   * Credentials and `baseURL` come from the target.
   */
  provider?: Partial<KingdeeProviderOptions> | undefined;
}

/** An id no account holds: the lookup must report it missing. */
const UNKNOWN_ID = '1999999999999999993';
/** A material number no account holds: the SKU lookup must report it missing. */
const UNKNOWN_SKU = 'INV-CONTRACT-NO-SUCH-SKU';
/** A well-formed secret no gateway accepts, for the typed-auth-error check. */
const BAD_SECRET = 'ffffffffffffffffffffffffffffffff';

/**
 * Registers the Kingdee JDY contract suite (vitest): every documented sample in both directions,
 * the core provider contract of `@inv/testing`, and the drift report. The target is `sandbox` (an
 * in-process sandbox over real HTTP on 127.0.0.1) unless `target`/`INV_CONTRACT_TARGET` says
 * `live`; live credentials come from `INV_KINGDEE_*` and their absence skips the live checks.
 */
export function describeKingdeeContract(
  options: KingdeeContractOptions = {},
): ContractTarget<'kingdee'> {
  return describeContractSuite('kingdee', options, (target, sandbox): ProviderSuite => {
    if (target.mode === 'sandbox' && sandbox) {
      const creds = KINGDEE_SANDBOX_CREDENTIALS;
      const positions = sandbox.states.kingdee.positions();
      const ids = positions.map((position) => position.row.id);
      // More distinct SKUs than one chunk of 100, so the SKU lookup pages and chunks too.
      const skus = [...new Set(positions.map((position) => position.row.material_number))].slice(
        0,
        130,
      );
      const make = (clientSecret: string): KingdeeProviderOptions => ({
        clientId: creds.clientId,
        clientSecret,
        outerInstanceId: creds.account.outerInstanceId,
        baseURL: sandbox.url,
        // The sandbox enforces no budget by default; pacing would only slow the suite down.
        rateLimit: { limit: 100_000, intervalMs: 1000 },
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
        ...options.provider,
      });
      return {
        contract: {
          create: () => createKingdeeProvider(make(creds.clientSecret)),
          createWithBadCredentials: () => createKingdeeProvider(make(BAD_SECRET)),
          secrets: [creds.clientSecret, BAD_SECRET, creds.account.appSecret],
          // More than one batch of 100 ids, so chunking is exercised.
          knownKeys: ids.slice(0, 150),
          unknownKeys: [UNKNOWN_ID],
          knownSkus: skus,
          unknownSkus: [UNKNOWN_SKU],
          pageSize: 50,
          expectedTotal: ids.length,
        },
        probe: () => probeKingdeeDrift(make(creds.clientSecret), ids.slice(0, 20)),
      };
    }
    if (target.mode !== 'live') throw new Error('unreachable: skipped targets build no suite');
    const live = target.settings;
    const make = (clientSecret: string): KingdeeProviderOptions => ({
      clientId: live.clientId,
      clientSecret,
      outerInstanceId: live.outerInstanceId,
      appKey: live.appKey,
      appSecret: live.appSecret,
      domain: live.domain,
      baseURL: live.baseURL,
      ...options.provider,
    });
    return {
      contract: {
        create: () => createKingdeeProvider(make(live.clientSecret)),
        createWithBadCredentials: () => createKingdeeProvider(make(BAD_SECRET)),
        secrets: [live.clientSecret, BAD_SECRET, ...(live.appSecret ? [live.appSecret] : [])],
        knownKeys: live.ids.length > 0 ? live.ids : undefined,
        unknownKeys: [UNKNOWN_ID],
        knownSkus: live.skus.length > 0 ? live.skus : undefined,
        unknownSkus: [UNKNOWN_SKU],
        pageSize: 100,
      },
      probe: () => probeKingdeeDrift(make(live.clientSecret), live.ids),
    };
  });
}
