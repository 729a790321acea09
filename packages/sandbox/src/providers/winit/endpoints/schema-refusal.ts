import { WINIT_CODES } from '@inv/winit-protocol';
import type { Refusal } from '../../../gateway/refusal.js';
import { winitRefusal } from '../envelope.js';

type Issue = { path: readonly PropertyKey[]; message: string };

/** A zod path as `a.b[0].c`, `data` when empty. */
const pathText = (path: readonly PropertyKey[]): string =>
  path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`,
    )
    .join('') || 'data';

/**
 * 2001 for `data` that fails an action's schema (docs/protocols/winit.md §7 #8): the first issue names
 * the field and its rule (the schemas' messages say what is expected); up to two more follow.
 */
export function schemaRefusal(issues: readonly Issue[], suffix = ''): Refusal {
  const [first, ...rest] = issues;
  const more = rest
    .slice(0, 2)
    .map((issue) => `${pathText(issue.path)} ${issue.message}`)
    .join('; ');
  const extra = rest.length > 2 ? ` (+${rest.length - 2} more)` : '';
  return winitRefusal(
    WINIT_CODES.invalidData,
    pathText(first?.path ?? []),
    `${first?.message ?? 'is invalid'}${suffix}`,
    undefined,
    more ? `also: ${more}${extra}` : undefined,
  );
}
