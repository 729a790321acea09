/**
 * RFC 4180 CSV: fields holding a comma, quote, CR or LF are quoted and inner quotes doubled; lines
 * end with `\n` (every spreadsheet and `csvkit` accept it). Parsing accepts `\n` and `\r\n`.
 */

/** Quotes one field when it needs quoting. `null` is an empty field. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line, with its terminating `\n`. */
export function csvLine(values: readonly (string | null)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** A parsed record and the 1-based line it starts on, for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV syntax error at a line. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/**
 * Parses CSV text into records. A leading UTF-8 BOM (Excel's "CSV UTF-8") is dropped; blank lines
 * are skipped. An unterminated quote throws {@link CsvSyntaxError} naming the line it opened on.
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) {
      records.push({ line: recordLine, fields });
    }
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < input.length; i++) {
    const char = input[i] as string;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (field !== '') {
        throw new CsvSyntaxError(line, 'a quote may only open a field; double it inside quotes');
      }
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteLine, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}
