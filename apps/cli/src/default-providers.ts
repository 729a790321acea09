import { createKingdeeProvider, type KingdeeProviderOptions } from '@inv/kingdee';
import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { createWinitProvider, type WinitProviderOptions } from '@inv/winit';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import type { ProviderFactories } from './providers.js';

/** The real providers. Options are passed as configured; each package validates its own. */
export const defaultFactories: ProviderFactories = {
  kingdee: (options) => ({
    provider: createKingdeeProvider(options as KingdeeProviderOptions),
  }),
  winit: (options) => {
    const provider = createWinitProvider(options as WinitProviderOptions);
    return {
      provider,
      lookupWarehouses:
        options.warehouseCode === undefined
          ? async (signal?: AbortSignal) =>
              (await provider.warehouses({ signal })).map((w) => w.code)
          : undefined,
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
