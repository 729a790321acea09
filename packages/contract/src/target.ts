import { assertBaseURL, ConfigError } from '@inv/core';
import type { KingdeeProviderOptions } from '@inv/kingdee';
import type { WinitProviderOptions } from '@inv/winit';

/** Where a contract suite runs: the in-process sandbox, or the provider's real gateway. */
export type ContractMode = 'sandbox' | 'live';

/** Providers with a contract suite. */
export type ContractProvider = 'kingdee' | 'winit';

/**
 * Environment variables read by {@link resolveTarget}. Credentials are only read in `live` mode and
 * never printed.
 */
export const CONTRACT_ENV = Object.freeze({
  /** `sandbox` (default) or `live`. */
  target: 'INV_CONTRACT_TARGET',
  /** `1`/`true`: fail on any drift, additive changes included. */
  strict: 'INV_CONTRACT_STRICT',
  /** `1`/`true`: a live target without credentials skips instead of failing. */
  allowMissing: 'INV_CONTRACT_ALLOW_MISSING',
  kingdee: Object.freeze({
    clientId: 'INV_KINGDEE_CLIENT_ID',
    clientSecret: 'INV_KINGDEE_CLIENT_SECRET',
    outerInstanceId: 'INV_KINGDEE_OUTER_INSTANCE_ID',
    appKey: 'INV_KINGDEE_APP_KEY',
    appSecret: 'INV_KINGDEE_APP_SECRET',
    domain: 'INV_KINGDEE_DOMAIN',
    baseURL: 'INV_KINGDEE_BASE_URL',
    ids: 'INV_KINGDEE_IDS',
    skus: 'INV_KINGDEE_SKUS',
  }),
  winit: Object.freeze({
    appKey: 'INV_WINIT_APP_KEY',
    token: 'INV_WINIT_TOKEN',
    baseURL: 'INV_WINIT_BASE_URL',
    environment: 'INV_WINIT_ENVIRONMENT',
    warehouseCode: 'INV_WINIT_WAREHOUSE_CODE',
    skus: 'INV_WINIT_SKUS',
    clientId: 'INV_WINIT_CLIENT_ID',
    clientSecret: 'INV_WINIT_CLIENT_SECRET',
    platform: 'INV_WINIT_PLATFORM',
  }),
});

/** Live Kingdee settings, read from `INV_KINGDEE_*`: the provider's own credential options. */
export interface KingdeeLiveSettings
  extends Pick<
    KingdeeProviderOptions,
    'clientId' | 'clientSecret' | 'outerInstanceId' | 'appKey' | 'appSecret' | 'domain' | 'baseURL'
  > {
  /** `inv_synchronous` ids the account holds: enable the lookup check and the row drift probe. */
  ids: readonly string[];
  /** Material numbers the account holds: enable the SKU lookup check. */
  skus: readonly string[];
}

/** Live Winit settings, read from `INV_WINIT_*`: the provider's own credential options. */
export interface WinitLiveSettings
  extends Pick<
    WinitProviderOptions,
    | 'appKey'
    | 'token'
    | 'baseURL'
    | 'environment'
    | 'warehouseCode'
    | 'clientId'
    | 'clientSecret'
    | 'platform'
  > {
  /** SKUs held in `warehouseCode`: enable the lookup check and the batch.query drift probe. */
  skus: readonly string[];
}

interface LiveSettings {
  kingdee: KingdeeLiveSettings;
  winit: WinitLiveSettings;
}

/** What a provider's contract suite runs against. */
export type ContractTarget<P extends ContractProvider = ContractProvider> =
  | { provider: P; mode: 'sandbox'; strict: boolean }
  | { provider: P; mode: 'live'; strict: boolean; settings: LiveSettings[P] }
  | {
      provider: P;
      /**
       * `live` was asked for but credentials are missing: the live checks do not run. The suite
       * fails then (a CI secret that went missing must not pass green) unless `allowed`.
       */
      mode: 'skip';
      strict: boolean;
      /** `--allow-missing` / `INV_CONTRACT_ALLOW_MISSING`: the skip passes instead of failing. */
      allowed: boolean;
      /** The environment variables to set. */
      missing: readonly string[];
      /** A sentence saying what did not run, what to set, and how to allow the skip. */
      reason: string;
    };

export interface ResolveTargetOptions {
  /** Overrides `INV_CONTRACT_TARGET` (and `--target=`). */
  target?: ContractMode | undefined;
  /** Overrides `INV_CONTRACT_STRICT` (and `--strict`). */
  strict?: boolean | undefined;
  /** Overrides `INV_CONTRACT_ALLOW_MISSING` (and `--allow-missing`). */
  allowMissing?: boolean | undefined;
  /** Environment to read. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Command-line arguments to read `--strict` and `--target=<mode>` from. Default `process.argv`. */
  argv?: readonly string[] | undefined;
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['', '0', 'false', 'no', 'off']);

function readMode(options: ResolveTargetOptions, env: ResolveTargetOptions['env']): ContractMode {
  if (options.target !== undefined) return checkMode(options.target, 'target');
  const flag = (options.argv ?? process.argv).find((arg) => arg.startsWith('--target='));
  if (flag !== undefined) return checkMode(flag.slice('--target='.length), '--target');
  const value = env?.[CONTRACT_ENV.target]?.trim();
  return value === undefined || value === '' ? 'sandbox' : checkMode(value, CONTRACT_ENV.target);
}

function checkMode(value: string, option: string): ContractMode {
  if (value === 'sandbox' || value === 'live') return value;
  throw new ConfigError(option, `must be "sandbox" or "live", got "${value}"`);
}

/** A boolean setting: the option, else its flag in `argv`, else its variable (default false). */
function readFlag(
  given: boolean | undefined,
  flag: string,
  variable: string,
  options: ResolveTargetOptions,
  env: ResolveTargetOptions['env'],
): boolean {
  if (given !== undefined) return given;
  if ((options.argv ?? process.argv).includes(flag)) return true;
  const value = env?.[variable]?.trim().toLowerCase();
  if (value === undefined || FALSE.has(value)) return false;
  if (TRUE.has(value)) return true;
  throw new ConfigError(variable, `must be 1 or 0 (true or false), got "${value}"`);
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);

function readKingdee(env: Readonly<Record<string, string | undefined>>) {
  const names = CONTRACT_ENV.kingdee;
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const missing: string[] = [names.clientId, names.clientSecret].filter((name) => !get(name));
  const direct = get(names.appKey) && get(names.appSecret) && get(names.domain);
  if (!get(names.outerInstanceId) && !direct) missing.push(names.outerInstanceId);
  if (missing.length > 0) {
    return {
      missing,
      set: `set ${missing.join(', ')} (or ${names.appKey}, ${names.appSecret} and ${names.domain} instead of ${names.outerInstanceId})`,
    };
  }
  const baseURL = get(names.baseURL);
  const settings: KingdeeLiveSettings = {
    clientId: get(names.clientId) as string,
    clientSecret: get(names.clientSecret) as string,
    outerInstanceId: get(names.outerInstanceId),
    appKey: get(names.appKey),
    appSecret: get(names.appSecret),
    domain: get(names.domain),
    baseURL: baseURL === undefined ? undefined : assertBaseURL(baseURL, names.baseURL),
    ids: list(env[names.ids]),
    skus: list(env[names.skus]),
  };
  return { settings };
}

function readWinit(env: Readonly<Record<string, string | undefined>>) {
  const names = CONTRACT_ENV.winit;
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const missing = [names.appKey, names.token].filter((name) => !get(name));
  if (missing.length > 0) {
    return {
      missing,
      set: `set ${missing.join(' and ')}`,
    };
  }
  const environment = get(names.environment);
  if (environment !== undefined && environment !== 'production' && environment !== 'sandbox') {
    throw new ConfigError(
      names.environment,
      `must be "production" or "sandbox", got "${environment}"`,
    );
  }
  const baseURL = get(names.baseURL);
  const settings: WinitLiveSettings = {
    appKey: get(names.appKey) as string,
    token: get(names.token) as string,
    baseURL: baseURL === undefined ? undefined : assertBaseURL(baseURL, names.baseURL),
    environment,
    warehouseCode: get(names.warehouseCode),
    skus: list(env[names.skus]),
    clientId: get(names.clientId),
    clientSecret: get(names.clientSecret),
    // Read as given: an empty platform is meaningful (merchant mode, docs/protocols/winit.md §2).
    platform: env[names.platform],
  };
  return { settings };
}

/**
 * Resolves where a provider's contract suite runs, without vitest: explicit options first, then
 * `--target=`/`--strict`/`--allow-missing` arguments, then `INV_CONTRACT_TARGET`/
 * `INV_CONTRACT_STRICT`/`INV_CONTRACT_ALLOW_MISSING`. In `live` mode the provider's credentials come
 * from its `INV_<PROVIDER>_*` variables; when they are absent the result is `mode: 'skip'` naming
 * them, which the suite fails unless `allowed`. Invalid values throw a `ConfigError` naming the
 * variable.
 */
export function resolveTarget<P extends ContractProvider>(
  provider: P,
  options: ResolveTargetOptions = {},
): ContractTarget<P> {
  const env = options.env ?? process.env;
  const mode = readMode(options, env);
  const strict = readFlag(options.strict, '--strict', CONTRACT_ENV.strict, options, env);
  if (mode === 'sandbox') return { provider, mode, strict };
  const read = provider === 'kingdee' ? readKingdee(env) : readWinit(env);
  if ('settings' in read) {
    return { provider, mode: 'live', strict, settings: read.settings as LiveSettings[P] };
  }
  const allowed = readFlag(
    options.allowMissing,
    '--allow-missing',
    CONTRACT_ENV.allowMissing,
    options,
    env,
  );
  const title = provider === 'kingdee' ? 'Kingdee' : 'Winit';
  const reason = allowed
    ? `${title} live contract skipped (--allow-missing): ${read.set} to run it against the real gateway`
    : `${title} live contract cannot run: ${read.missing.join(', ')} ${read.missing.length === 1 ? 'is' : 'are'} not set. Fix: ${read.set}, or pass --allow-missing (${CONTRACT_ENV.allowMissing}=1) where the secrets are absent on purpose, e.g. pull requests from forks`;
  return { provider, mode: 'skip', strict, allowed, missing: read.missing, reason };
}
