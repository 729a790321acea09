import { describe, expect, it } from 'vitest';
import { pageScript } from './dom-prelude.js';

declare const el: typeof import('./dom-prelude.js').el;

describe('pageScript', () => {
  it('serves the page function with el in its scope, and runs it once', () => {
    const made: { tag: string; attrs: Record<string, string>; children: unknown[] }[] = [];
    const document = {
      createElement: (tag: string) => {
        const node = { tag, attrs: {} as Record<string, string>, children: [] as unknown[] };
        made.push(node);
        return {
          setAttribute: (key: string, value: string) => {
            node.attrs[key] = value;
          },
          append: (...children: unknown[]) => node.children.push(...children),
        };
      },
    };
    const script = pageScript(() => {
      el('p', { class: 'hint' }, '<b>text</b>');
    });
    new Function('document', script)(document);
    expect(made).toEqual([{ tag: 'p', attrs: { class: 'hint' }, children: ['<b>text</b>'] }]);
  });
});
