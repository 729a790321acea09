/// <reference lib="dom" />
/**
 * What both page scripts (the docs page, `docs-client.ts`, and the request inspector,
 * `inspector-client.ts`) share. Each script is served as its function's source text, so it can
 * import nothing at run time: {@link pageScript} serves this file's helpers' source ahead of the
 * page's function, in one scope, and each client names them with `declare const` for the types.
 */

/**
 * An element with attributes and children; children are nodes or text (`append` writes strings
 * as text, never as markup, so a hostile value shows as text).
 */
export function el(
  tag: string,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

/** A page's script as served: the shared helpers, then `main` run at once, in their own scope. */
export function pageScript(main: () => void): string {
  return `(() => {\n${el.toString()}\n(${main.toString()})();\n})();\n`;
}
