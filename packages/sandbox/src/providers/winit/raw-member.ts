/**
 * The raw text of a top-level member of a JSON object text (already known to be valid JSON), for
 * `strictDataBytes` (docs/protocols/winit.md §5). The last occurrence wins, as with `JSON.parse`.
 */
export function rawTopLevelMember(text: string, name: string): string | undefined {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const skipString = (): void => {
    i++;
    while (i < n) {
      const ch = text.charAt(i);
      if (ch === '\\') i += 2;
      else if (ch === '"') {
        i++;
        return;
      } else i++;
    }
  };
  const skipValue = (): void => {
    const first = text.charAt(i);
    if (first === '"') {
      skipString();
      return;
    }
    if (first === '{' || first === '[') {
      let depth = 0;
      while (i < n) {
        const ch = text.charAt(i);
        if (ch === '"') {
          skipString();
          continue;
        }
        if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          depth--;
          if (depth === 0) {
            i++;
            return;
          }
        }
        i++;
      }
      return;
    }
    while (i < n && !',}] \t\n\r'.includes(text.charAt(i))) i++;
  };
  let found: string | undefined;
  ws();
  if (text.charAt(i) !== '{') return undefined;
  i++;
  for (;;) {
    ws();
    if (i >= n || text.charAt(i) === '}') return found;
    const keyStart = i;
    skipString();
    const key = JSON.parse(text.slice(keyStart, i)) as string;
    ws();
    i++; // ':'
    ws();
    const valueStart = i;
    skipValue();
    if (key === name) found = text.slice(valueStart, i);
    ws();
    if (text.charAt(i) !== ',') return found;
    i++;
  }
}
