import { createWinitProvider, type WinitProviderOptions } from '@inv/winit';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { probeWinitDrift } from './probe.js';
import { type ContractSuiteOptions, describeContractSuite, type ProviderSuite } from './suite.js';
import type { ContractTarget } from './target.js';

/** Options of {@link describeWinitContract}. */
export interface WinitContractOptions extends ContractSuiteOptions {
  /**
   * Extra provider options for both targets (e.g. `serviceTypes`, `grades`, `retry`). Credentials,
   * `baseURL` and the warehouse come from the target.
   */
  provider?: Partial<WinitProviderOptions> | undefined;
}

/** A SKU no account holds: the lookup must report it missing. */
const UNKNOWN_SKU = 'INV-CONTRACT-NO-SUCH-SKU';
/** A well-formed token no gateway accepts, for the typed-auth-error check. */
const BAD_TOKEN = 'BAD0BAD0BAD0BAD0BAD0BAD0BAD0BAD0';

/**
 * Registers the Winit contract suite (vitest): every documented sample in both directions, the
 * core provider contract of `@inv/testing`, and the drift report. The target is `sandbox` (an
 * in-process sandbox over real HTTP on 127.0.0.1) unless `target`/`INV_CONTRACT_TARGET` says
 * `live`; live credentials come from `INV_WINIT_*` and their absence skips the live checks.
 */
export function describeWinitContract(options: WinitContractOptions = {}): ContractTarget<'winit'> {
  return describeContractSuite('winit', options, (target, sandbox): ProviderSuite => {
    if (target.mode === 'sandbox' && sandbox) {
      const { appKeys, token, clientSecret } = WINIT_SANDBOX_CREDENTIALS;
      const rows = sandbox.states.winit.rows();
      const listed = sandbox.states.winit.warehouses().map((w) => w.warehouseCode);
      const warehouseCode = listed[0] ?? 'US0001';
      // What a full sync with these provider options must deliver (provider defaults otherwise).
      const chosen = options.provider ?? {};
      const synced = rows.filter(
        (row) =>
          (chosen.warehouseCodes ?? listed).includes(row.warehouseCode) &&
          (chosen.serviceTypes ?? ['2C', '2B']).includes(row.serviceType) &&
          (chosen.grades ?? ['GOOD', 'DEFECTIVE']).includes(row.merchandiseGrade),
      );
      // Every SKU of the first warehouse, up to more than one batch of 500 (chunking).
      const skus = [
        ...new Set(
          rows.filter((row) => row.warehouseCode === warehouseCode).map((r) => r.merchandiseCode),
        ),
      ].slice(0, 520);
      const make = (secret: string): WinitProviderOptions => ({
        appKey: appKeys[0],
        token: secret,
        baseURL: sandbox.url,
        pageSize: 200,
        warehouseCode,
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
        ...options.provider,
      });
      return {
        contract: {
          create: () => createWinitProvider(make(token)),
          createWithBadCredentials: () => createWinitProvider(make(BAD_TOKEN)),
          secrets: [token, clientSecret, BAD_TOKEN],
          knownKeys: skus,
          unknownKeys: [UNKNOWN_SKU],
          knownSkus: skus,
          unknownSkus: [UNKNOWN_SKU],
          lookupOptions: { warehouseCode },
          pageSize: 200,
          expectedTotal: synced.length,
        },
        probe: () => probeWinitDrift(make(token), { warehouseCode, skus: skus.slice(0, 20) }),
      };
    }
    if (target.mode !== 'live') throw new Error('unreachable: skipped targets build no suite');
    const live = target.settings;
    const make = (secret: string): WinitProviderOptions => ({
      appKey: live.appKey,
      token: secret,
      baseURL: live.baseURL,
      environment: live.environment,
      clientId: live.clientId,
      clientSecret: live.clientSecret,
      platform: live.platform,
      warehouseCode: live.warehouseCode,
      // A full sync of a real account walks every warehouse; one warehouse keeps the suite short.
      warehouseCodes: live.warehouseCode ? [live.warehouseCode] : undefined,
      ...options.provider,
    });
    const canLookUp = live.skus.length > 0 && live.warehouseCode !== undefined;
    return {
      contract: {
        create: () => createWinitProvider(make(live.token)),
        createWithBadCredentials: () => createWinitProvider(make(BAD_TOKEN)),
        secrets: [live.token, BAD_TOKEN, ...(live.clientSecret ? [live.clientSecret] : [])],
        knownKeys: canLookUp ? live.skus : undefined,
        unknownKeys: [UNKNOWN_SKU],
        knownSkus: canLookUp ? live.skus : undefined,
        unknownSkus: [UNKNOWN_SKU],
        lookupOptions: { warehouseCode: live.warehouseCode },
        pageSize: 200,
      },
      probe: () =>
        probeWinitDrift(make(live.token), { warehouseCode: live.warehouseCode, skus: live.skus }),
    };
  });
}
