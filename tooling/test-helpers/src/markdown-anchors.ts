/**
 * GitHub's heading anchors of a Markdown document (`##` to `####`): lower case, punctuation other
 * than `-` and `_` dropped, spaces turned into `-`. What `kingdeeReference('5.1')` and
 * `winitReference('4')` link to must be one of them.
 */
export function headingAnchors(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{2,4} (.+)$/gm)) {
    found.add(
      (heading ?? '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return found;
}

/** The `anchors` that no heading of `markdown` has, in the order given. */
export function missingAnchors(markdown: string, anchors: Iterable<string>): string[] {
  const existing = headingAnchors(markdown);
  return [...anchors].filter((anchor) => !existing.has(anchor));
}
