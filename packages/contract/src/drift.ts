import { z } from 'zod';

/** How a real response departs from the documented schema. */
export type DriftKind = 'unknown-field' | 'type-change' | 'missing-field';

export interface Drift {
  /** Field path with `[]` for array elements, e.g. `data.rows[].qty`. */
  path: string;
  kind: DriftKind;
  /** What the schema documents (JSON types), for type changes and missing fields. */
  expected?: string | undefined;
  /** What the response held. */
  actual?: string | undefined;
  /** How many places in the response showed this drift. */
  count: number;
  /**
   * Set on a type change the provider's schema still accepts (the documented sample shows another
   * JSON type, e.g. a quantity documented as a number that now arrives as a numeric string): the
   * client keeps working, so it is reported but only fails in strict mode.
   */
  tolerated?: true | undefined;
}

export interface DetectDriftOptions {
  /**
   * A documented response (e.g. the provider's published sample). Where the schema accepts several
   * JSON types, the sample's type is taken as the documented one and any other is reported as a
   * tolerated type change. `null` values are never a type change (they mean "no value").
   */
  documented?: unknown;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typesOf(schema: JsonSchema): string[] | undefined {
  if (schema.type !== undefined) return Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.const !== undefined) return [jsonType(schema.const)];
  if (schema.enum) return [...new Set(schema.enum.map(jsonType))];
  return undefined;
}

function accepts(types: string[], actual: string): boolean {
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

/** A JSON type where integers and other numbers are one kind, for documented-type comparisons. */
const kindOf = (value: unknown): string => {
  const type = jsonType(value);
  return type === 'integer' ? 'number' : type;
};

/** The primitive JSON types a documented value shows at each path (array elements folded to `[]`). */
function documentedTypes(value: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const visit = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      for (const item of v) visit(item, `${path}[]`);
      return;
    }
    if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) visit(child, path ? `${path}.${key}` : key);
      return;
    }
    if (v === null) return;
    const types = out.get(path) ?? new Set<string>();
    types.add(kindOf(v));
    out.set(path, types);
  };
  visit(value, '');
  return out;
}

/**
 * Compares a response with the documented schema and lists every departure: fields the schema does
 * not know (additive), values whose JSON type differs (a number that became a string), and required
 * fields that are absent. Array elements are folded under `[]` and counted. With
 * `options.documented`, type changes the schema tolerates are reported too (see
 * {@link DetectDriftOptions}).
 */
export function detectDrift(
  schema: z.ZodType,
  value: unknown,
  options: DetectDriftOptions = {},
): Drift[] {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const documented =
    options.documented === undefined ? undefined : documentedTypes(options.documented);
  const found = new Map<string, Drift>();
  const add = (drift: Omit<Drift, 'count'>): void => {
    const id = `${drift.kind}|${drift.path}|${drift.actual ?? ''}`;
    const existing = found.get(id);
    if (existing) existing.count++;
    else found.set(id, { ...drift, count: 1 });
  };
  const resolve = (s: JsonSchema): JsonSchema => {
    if (!s.$ref) return s;
    const name = s.$ref.replace(/^#\/\$defs\//, '');
    return root.$defs?.[name] ?? {};
  };
  const walk = (raw: JsonSchema, v: unknown, path: string): void => {
    const s = resolve(raw);
    const branches = s.anyOf ?? s.oneOf;
    if (branches) {
      const actual = jsonType(v);
      const branch = branches.map(resolve).find((b) => {
        const t = typesOf(b);
        return t === undefined || accepts(t, actual);
      });
      if (!branch) {
        const expected = branches.flatMap((b) => typesOf(resolve(b)) ?? ['any']);
        add({ path, kind: 'type-change', expected: [...new Set(expected)].join(' | '), actual });
        return;
      }
      walk(branch, v, path);
      return;
    }
    for (const part of s.allOf ?? []) walk(part, v, path);
    const types = typesOf(s);
    const actual = jsonType(v);
    if (types && !accepts(types, actual)) {
      add({ path, kind: 'type-change', expected: types.join(' | '), actual });
      return;
    }
    const shown = documented?.get(path);
    if (shown && v !== null && typeof v !== 'object' && !shown.has(kindOf(v))) {
      add({ path, kind: 'type-change', expected: [...shown].join(' | '), actual, tolerated: true });
    }
    if (actual === 'object' && (s.properties || s.additionalProperties !== undefined)) {
      const record = v as Record<string, unknown>;
      for (const [key, child] of Object.entries(s.properties ?? {})) {
        const childPath = path ? `${path}.${key}` : key;
        if (key in record) walk(child, record[key], childPath);
        else if (s.required?.includes(key))
          add({
            path: childPath,
            kind: 'missing-field',
            expected: (typesOf(resolve(child)) ?? ['any']).join(' | '),
          });
      }
      for (const key of Object.keys(record)) {
        if (s.properties && key in s.properties) continue;
        const childPath = path ? `${path}.${key}` : key;
        // Loose objects accept unknown keys (additionalProperties: {}) but they are still drift;
        // only a record (no declared properties) describes its keys by a value schema.
        if (!s.properties && typeof s.additionalProperties === 'object') {
          walk(s.additionalProperties, record[key], childPath);
        } else add({ path: childPath, kind: 'unknown-field', actual: jsonType(record[key]) });
      }
    }
    if (actual === 'array') {
      const items = v as unknown[];
      items.forEach((item, i) => {
        const itemSchema = s.prefixItems?.[i] ?? s.items;
        if (itemSchema) walk(itemSchema, item, `${path}[]`);
      });
    }
  };
  walk(root, value, '');
  return [...found.values()];
}

/**
 * True when a drift breaks clients (a type change the schema refuses, or a missing field), not
 * merely adds data or changes a type the client tolerates.
 */
export function isBreaking(drift: Drift): boolean {
  return drift.kind !== 'unknown-field' && drift.tolerated !== true;
}

const changeLabel = (drift: Drift): string =>
  isBreaking(drift)
    ? `${drift.kind} (breaking)`
    : drift.tolerated
      ? `${drift.kind} (tolerated)`
      : drift.kind;

/** Renders drifts as a Markdown table that reads well in a CI log. */
export function formatDriftTable(drifts: readonly Drift[], title = 'Schema drift'): string {
  if (drifts.length === 0) return `${title}: none`;
  const rows = [...drifts]
    .sort((a, b) => Number(isBreaking(b)) - Number(isBreaking(a)) || a.path.localeCompare(b.path))
    .map(
      (d) =>
        `| ${d.path || '(root)'} | ${changeLabel(d)} | ${d.expected ?? ''} | ${d.actual ?? ''} | ${d.count} |`,
    );
  return [
    `${title}:`,
    '| field | change | documented | received | seen |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
