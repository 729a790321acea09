import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ENVIRONMENT_VARIABLES, variableFor } from './env.js';
import { CliError } from './errors.js';

/** Name of the configuration file looked up in the working directory. */
export const CONFIG_FILE_NAME = 'inv.config.json';

const text = z.string().trim().min(1, { error: 'must not be empty' });
const positiveInt = z
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be 1 or more' });

/** `kingdee` section: Kingdee JDY open API credentials and client options. */
const kingdeeSectionSchema = z.strictObject({
  /** Developer app `client_id` (open.jdy.com). */
  clientId: text.optional(),
  /** Developer app `client_secret`. Prefer INV_KINGDEE_CLIENT_SECRET. */
  clientSecret: text.optional(),
  /** The authorised customer account (`outerInstanceId`). */
  outerInstanceId: text.optional(),
  /** Gateway base URL; default the production gateway. */
  baseURL: text.optional(),
  /** Rows per page of a full sync (1..100). */
  pageSize: positiveInt.optional(),
  /** Per-request timeout in ms. */
  timeoutMs: positiveInt.optional(),
});

/** `winit` section: Winit open API credentials and inventory defaults. */
const winitSectionSchema = z.strictObject({
  appKey: text.optional(),
  /** Merchant token. Prefer INV_WINIT_TOKEN. */
  token: text.optional(),
  clientId: text.optional(),
  clientSecret: text.optional(),
  platform: z.string().optional(),
  language: text.optional(),
  environment: z.enum(['production', 'sandbox']).optional(),
  baseURL: text.optional(),
  /** Default warehouse of SKU lookups. */
  warehouseCode: text.optional(),
  /** Warehouses a full sync walks (default: all). */
  warehouseCodes: z.array(text).min(1).optional(),
  serviceTypes: z
    .array(z.enum(['2B', '2C']))
    .min(1)
    .optional(),
  grades: z
    .array(z.enum(['GOOD', 'DEFECTIVE']))
    .min(1)
    .optional(),
  pageSize: positiveInt.optional(),
  batchSize: positiveInt.optional(),
  concurrency: positiveInt.optional(),
  timeoutMs: positiveInt.optional(),
});

export const QUANTITIES = ['available', 'onHand'] as const;
/** Which quantity `reconcile` compares. */
export type ComparedQuantity = (typeof QUANTITIES)[number];

/** `reconcile` section: defaults of `inv reconcile`. */
const reconcileSectionSchema = z.strictObject({
  /** Mapping CSV, relative to the config file. */
  map: text.optional(),
  /** Largest tolerated absolute difference, as a decimal. */
  threshold: z.union([z.number().min(0), text]).optional(),
  quantity: z.enum(QUANTITIES).optional(),
});

/** Schema of `inv.config.json`. Unknown keys are refused so a typo never silently drops a setting. */
export const configFileSchema = z.strictObject({
  $schema: z.string().optional(),
  kingdee: kingdeeSectionSchema.optional(),
  winit: winitSectionSchema.optional(),
  reconcile: reconcileSectionSchema.optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type KingdeeSection = z.infer<typeof kingdeeSectionSchema>;
export type WinitSection = z.infer<typeof winitSectionSchema>;
export type ReconcileSection = z.infer<typeof reconcileSectionSchema>;

/** Options that are credentials: never printed, scrubbed from every error line. */
const SECRET_OPTIONS: Readonly<Record<'kingdee' | 'winit', readonly string[]>> = {
  kingdee: ['clientSecret'],
  winit: ['token', 'clientSecret'],
};

/** Configuration after merging the file, the environment and the command line. */
export interface CliConfig {
  /** Absolute path of the file read, or `null` when none was found. */
  file: string | null;
  kingdee: KingdeeSection;
  winit: WinitSection;
  reconcile: ReconcileSection;
  /** Credential values, for redaction. */
  secrets: string[];
  /** Options whose value comes from the file (not overridden by a variable), per provider. */
  fromFile: { kingdee: readonly string[]; winit: readonly string[] };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = path === '' ? 'top level' : `\`${path}\``;
    return `unknown key ${issue.keys.map((k) => `\`${k}\``).join(', ')} at ${where}`;
  }
  return `\`${path || '(root)'}\` ${issue.message}`;
}

/** One line naming every problem of a zod error (first three, then a count). */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map(describeIssue).join('; ');
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `${shown}${more}`;
}

/** Line and column of a JSON.parse error position, when the engine reports one. */
function jsonErrorWhere(message: string, text: string): string {
  const match = /position (\d+)/.exec(message);
  if (!match) return '';
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line} column ${column}`;
}

/** Parses and validates the text of a configuration file. `name` is used in messages. */
export function parseConfigFile(text: string, name: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    throw new CliError(`${name} is not valid JSON${jsonErrorWhere(message, text)}`, {
      fix: 'fix the JSON syntax (no comments or trailing commas)',
    });
  }
  const result = configFileSchema.safeParse(json);
  if (!result.success) {
    throw new CliError(`${name}: ${describeIssues(result.error)}`, {
      fix: 'see "Configuration file" in the inv README for every key',
    });
  }
  return result.data;
}

/** Options set by environment variables; empty variables count as unset. */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): {
  kingdee: Record<string, string>;
  winit: Record<string, string>;
} {
  const out = { kingdee: {} as Record<string, string>, winit: {} as Record<string, string> };
  for (const [variable, [section, option]] of Object.entries(ENVIRONMENT_VARIABLES)) {
    const value = env[variable]?.trim();
    if (value) out[section][option] = value;
  }
  return out;
}

/** Merges the file and the environment (the environment wins) and lists the secrets. */
export function mergeConfig(
  file: ConfigFile,
  env: Readonly<Record<string, string | undefined>>,
  path: string | null,
): CliConfig {
  const fromEnv = configFromEnv(env);
  const kingdee = { ...file.kingdee, ...fromEnv.kingdee };
  const winit = { ...file.winit, ...fromEnv.winit };
  const secrets = [
    ...SECRET_OPTIONS.kingdee.map((k) => (kingdee as Record<string, unknown>)[k]),
    ...SECRET_OPTIONS.winit.map((k) => (winit as Record<string, unknown>)[k]),
  ].filter((value): value is string => typeof value === 'string');
  const fromFile = {
    kingdee: Object.keys(file.kingdee ?? {}).filter((key) => !(key in fromEnv.kingdee)),
    winit: Object.keys(file.winit ?? {}).filter((key) => !(key in fromEnv.winit)),
  };
  return { file: path, kingdee, winit, reconcile: file.reconcile ?? {}, secrets, fromFile };
}

/** Credential options of each provider; the first ones are required, the others optional. */
const CREDENTIAL_OPTIONS = {
  kingdee: { required: ['clientId', 'clientSecret', 'outerInstanceId'], optional: [] },
  winit: { required: ['appKey', 'token'], optional: ['clientId', 'clientSecret'] },
} as const satisfies Record<
  'kingdee' | 'winit',
  { required: readonly string[]; optional: readonly string[] }
>;

const joinAnd = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * Where a provider's credentials were set, for the fix of a refused credential: its variables,
 * and the keys of the configuration file by path when they come from there (`INV_WINIT_APP_KEY and
 * winit.token in /srv/inv.config.json`). Unset required ones are named by their variable.
 */
export function credentialSources(config: CliConfig, provider: 'kingdee' | 'winit'): string {
  const section = config[provider] as Record<string, unknown>;
  const { required, optional } = CREDENTIAL_OPTIONS[provider];
  const variables: string[] = [];
  const keys: string[] = [];
  for (const option of [...required, ...optional.filter((o) => section[o] !== undefined)]) {
    if (config.file !== null && config.fromFile[provider].includes(option)) {
      keys.push(`${provider}.${option}`);
    } else {
      variables.push(variableFor(provider, option) ?? `${provider}.${option}`);
    }
  }
  // Variables first, so the file named last reads as where the dotted keys live.
  const names = joinAnd([...variables, ...keys]);
  return keys.length > 0 ? `${names} in ${config.file}` : names;
}

export interface LoadConfigOptions {
  /** `--config` value, if given. */
  path?: string | undefined;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Loads the configuration: `--config`, else `INV_CONFIG`, else `./inv.config.json` when it exists.
 * A file named explicitly must exist; the implicit one is optional (environment-only set-ups).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<CliConfig> {
  const named = options.path ?? (options.env.INV_CONFIG?.trim() || undefined);
  const path = resolve(options.cwd, named ?? CONFIG_FILE_NAME);
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (named === undefined && code === 'ENOENT') return mergeConfig({}, options.env, null);
    throw new CliError(
      `cannot read config file ${named ?? path}: ${code ?? (error as Error).message}`,
      {
        fix: 'pass an existing file to --config (or INV_CONFIG), or remove the option',
      },
    );
  }
  const name = named !== undefined && !isAbsolute(named) ? named : path;
  return mergeConfig(parseConfigFile(text, name), options.env, path);
}
