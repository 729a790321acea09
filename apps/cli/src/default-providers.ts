import { createKingdeeProvider, type KingdeeProviderOptions } from '@inv/kingdee';
import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import {
  createWinitProvider,
  resolveWinitOptions,
  type WinitListOptions,
  type WinitProviderOptions,
} from '@inv/winit';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import type { ProviderFactories } from './providers.js';

/**
 * The real providers. Options are passed as configured; each package validates its own. Kingdee
 * has no `warehouseCodes`: its client does not wrap a warehouse list (`bd/store` is not part of the
 * protocol reference's inventory endpoints, docs/protocols/kingdee.md §9.3).
 */
export const defaultFactories: ProviderFactories = {
  kingdee: (options) => ({
    provider: createKingdeeProvider(options as KingdeeProviderOptions),
  }),
  winit: (options) => {
    const provider = createWinitProvider(options as WinitProviderOptions);
    const warehouseCodes = async (signal?: AbortSignal): Promise<string[]> =>
      (await provider.warehouses({ signal })).map((w) => w.code);
    return {
      provider,
      lookupWarehouses: options.warehouseCode === undefined ? warehouseCodes : undefined,
      warehouseCodes,
      countRows: async ({ extra, signal }) => {
        // A sync walks warehouse × service type × grade segments, and pageInv announces each
        // segment's totalCount only (docs/protocols/winit.md §10.2): ask each for a one-row page.
        const resolved = resolveWinitOptions(options as WinitProviderOptions);
        const codes =
          (extra?.warehouseCodes as string[] | undefined) ??
          resolved.warehouseCodes ??
          (await warehouseCodes(signal));
        let total = 0;
        for (const code of new Set(codes)) {
          for (const serviceType of resolved.serviceTypes) {
            for (const grade of resolved.grades) {
              const segment: WinitListOptions = {
                warehouseCodes: [code],
                serviceTypes: [serviceType],
                grades: [grade],
                pageSize: 1,
                signal,
              };
              const pages = provider.inventory.pages(segment)[Symbol.asyncIterator]();
              const first = await pages.next();
              await pages.return?.();
              if (first.done || first.value.total === undefined) return undefined;
              total += first.value.total;
            }
          }
        }
        return total;
      },
    };
  },
  sandboxCredentials: {
    kingdee: {
      clientId: KINGDEE_SANDBOX_CREDENTIALS.clientId,
      clientSecret: KINGDEE_SANDBOX_CREDENTIALS.clientSecret,
      outerInstanceId: KINGDEE_SANDBOX_CREDENTIALS.account.outerInstanceId,
    },
    winit: {
      appKey: WINIT_SANDBOX_CREDENTIALS.appKeys[0],
      token: WINIT_SANDBOX_CREDENTIALS.token,
    },
  },
};
