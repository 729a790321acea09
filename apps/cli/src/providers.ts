import type { Provider } from '@inv/core';
import type { CliConfig, KingdeeSection, WinitSection } from './config.js';
import { usageError } from './errors.js';

export const PROVIDER_IDS = ['kingdee', 'winit'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** A provider as the CLI drives it. */
export interface CliProvider {
  provider: Provider;
  /**
   * Warehouses to query one by one for a SKU lookup when none is configured or given: Winit's
   * batch.query needs one warehouse per call (docs/protocols/winit.md §10.1). Absent when not needed.
   */
  lookupWarehouses?: ((signal?: AbortSignal) => Promise<string[]>) | undefined;
  /**
   * Every warehouse code of the account, to tell an unknown `--warehouse` from an empty one.
   * Absent when the provider cannot list its warehouses.
   */
  warehouseCodes?: ((signal?: AbortSignal) => Promise<string[]>) | undefined;
  /**
   * Rows a full sync with these list options will walk, for a progress percentage when the pages
   * do not announce the whole sync's size (Winit announces one total per segment). Costs requests:
   * called only when a progress bar is drawn.
   */
  countRows?:
    | ((options: {
        extra?: Record<string, unknown> | undefined;
        signal?: AbortSignal;
      }) => Promise<number | undefined>)
    | undefined;
}

/** How the CLI builds providers: the real packages, or fakes in unit tests. */
export interface ProviderFactories {
  kingdee(options: KingdeeSection): CliProvider;
  winit(options: WinitSection): CliProvider;
  /** Public test credentials the sandbox accepts (never real ones). */
  sandboxCredentials: { kingdee: KingdeeSection; winit: WinitSection };
}

/** Validates a provider id from the command line. */
export function parseProviderId(text: string | undefined, where: string): ProviderId {
  if (text !== undefined && (PROVIDER_IDS as readonly string[]).includes(text)) {
    return text as ProviderId;
  }
  throw usageError(
    text === undefined ? `${where} needs a provider` : `unknown provider "${text}" in ${where}`,
    `use one of ${PROVIDER_IDS.join(', ')}`,
  );
}

const CREDENTIALS: Readonly<Record<ProviderId, readonly string[]>> = {
  kingdee: ['clientId', 'clientSecret', 'outerInstanceId'],
  winit: ['appKey', 'token', 'clientId', 'clientSecret'],
};

/**
 * Options of a provider. With a sandbox URL, every provider points at it with the sandbox's test
 * credentials, and configured credentials are dropped so real ones never reach the sandbox; the
 * other settings (warehouses, page sizes) still apply.
 */
export function providerOptions<Id extends ProviderId>(
  id: Id,
  config: CliConfig,
  factories: ProviderFactories,
  sandboxUrl: string | undefined,
): Id extends 'kingdee' ? KingdeeSection : WinitSection {
  const section: Record<string, unknown> = { ...config[id] };
  if (sandboxUrl !== undefined) {
    for (const key of CREDENTIALS[id]) delete section[key];
    delete section.environment;
    Object.assign(section, factories.sandboxCredentials[id], { baseURL: sandboxUrl });
  }
  return section as Id extends 'kingdee' ? KingdeeSection : WinitSection;
}

/** Builds a provider; the package validates its options and throws a `ConfigError` naming one. */
export function openProvider(
  id: ProviderId,
  config: CliConfig,
  factories: ProviderFactories,
  sandboxUrl: string | undefined,
): CliProvider {
  return id === 'kingdee'
    ? factories.kingdee(providerOptions('kingdee', config, factories, sandboxUrl))
    : factories.winit(providerOptions('winit', config, factories, sandboxUrl));
}
