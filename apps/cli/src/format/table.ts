/** A column of a plain-text table. */
export interface TableColumn {
  title: string;
  /** Right-aligned (numbers). */
  numeric?: boolean | undefined;
  /** Longer cells are cut with `…`. */
  maxWidth?: number | undefined;
}

/**
 * Terminal width of a character: CJK ideographs, kana, Hangul and full-width forms take two cells,
 * so Chinese product and warehouse names keep the columns aligned.
 */
function charWidth(codePoint: number): number {
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Display width of a string in terminal cells. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const char of text) {
    const w = charWidth(char.codePointAt(0) ?? 0);
    if (width + w > max - 1) break;
    out += char;
    width += w;
  }
  return `${out}…`;
}

/** Control characters (newlines, tabs, escapes) become spaces. */
function flatten(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f ? ' ' : char;
  }
  return out;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/**
 * Renders rows as an aligned table, two spaces between columns, header first. `null` cells print
 * as `-` so an unreported quantity is not mistaken for zero. Control characters become spaces so a
 * name with a newline cannot break the layout.
 */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly (string | null)[])[],
): string {
  const cells = rows.map((row) =>
    columns.map((col, i) => {
      const value = row[i];
      const text = value === null || value === undefined ? '-' : flatten(value);
      return col.maxWidth === undefined ? text : truncate(text, col.maxWidth);
    }),
  );
  const widths = columns.map((col, i) =>
    Math.max(displayWidth(col.title), ...cells.map((row) => displayWidth(row[i] ?? ''))),
  );
  const render = (row: readonly string[]): string =>
    row
      .map((cell, i) => pad(cell, widths[i] ?? 0, columns[i]?.numeric === true))
      .join('  ')
      .trimEnd();
  return `${[render(columns.map((c) => c.title)), ...cells.map(render)].join('\n')}\n`;
}
