/**
 * CSV as RFC 4180 describes it, plus what real exports contain: a UTF-8 byte order mark, LF or CR line
 * ends besides CRLF, and `;` or tab instead of `,` (spreadsheets in many locales). Small on purpose: the
 * import reads one file into memory (≤ 20 MB), so a string in, arrays out.
 *
 * Reading rules: a field in double quotes may hold the delimiter, quotes (doubled) and line breaks; a
 * quote inside an unquoted field is kept as a character (lenient, like spreadsheets); an unclosed quoted
 * field or text after a closing quote is an error with its line number; blank lines are skipped.
 */
export type Delimiter = ',' | ';' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

const QUOTE = 34; // "
const CR = 13;
const LF = 10;
const BOM = 0xfeff;

export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based physical line where the problem starts. */
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
  }
}

const lineAt = (text: string, index: number) => {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
  }
  return line;
};

/** The delimiter the first record uses most (outside quotes); `,` when none appears. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (let i = text.charCodeAt(0) === BOM ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"') inQuotes = true;
    else if (c === '\n' || c === '\r') break;
    else if (counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Parses the whole text into records of fields. The delimiter is detected unless given. */
export function parseCsv(
  text: string,
  opts: { delimiter?: Delimiter } = {},
): { rows: string[][]; delimiter: Delimiter } {
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const rows: string[][] = [];
  let row: string[] = [];
  let quotedField = false; // whether the record's only field so far was quoted (keeps `""` apart from a blank line)
  let i = text.charCodeAt(0) === BOM ? 1 : 0;

  const endRecord = () => {
    if (!(row.length === 1 && row[0] === '' && !quotedField)) rows.push(row);
    row = [];
    quotedField = false;
  };

  while (i < n) {
    // Here a field starts (at the start of a record or after a delimiter).
    if (text.charCodeAt(i) === QUOTE) {
      const start = i;
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) throw new CsvError('A quoted field is not closed', lineAt(text, start));
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (row.length === 0) quotedField = true;
      row.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) row.push(''); // a trailing delimiter ends with an empty field
        continue;
      }
      if (c === CR || c === LF) {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        endRecord();
        continue;
      }
      throw new CsvError('Unexpected text after a closing quote', lineAt(text, i));
    }
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === delim || c === CR || c === LF) break;
      j++;
    }
    row.push(text.slice(i, j));
    if (j >= n) {
      i = j;
      break;
    }
    const c = text.charCodeAt(j);
    if (c === delim) {
      i = j + 1;
      if (i >= n) row.push('');
      continue;
    }
    i = j + (c === CR && text.charCodeAt(j + 1) === LF ? 2 : 1);
    endRecord();
  }
  if (row.length) endRecord();
  return { rows, delimiter };
}

// Quoted when it holds a quote, a line break, or any delimiter we detect (so detection on the output is
// always right), or a leading byte order mark (which a reader would strip).
const NEEDS_QUOTES = /[",;\t\r\n]|^\uFEFF/;

export function formatField(value: string, delimiter: Delimiter = ','): string {
  return NEEDS_QUOTES.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record, without the line end. A record of one empty field is written `""` so it is not a blank line. */
export function formatRecord(fields: readonly string[], delimiter: Delimiter = ','): string {
  if (fields.length === 1 && fields[0] === '') return '""';
  return fields.map((f) => formatField(f, delimiter)).join(delimiter);
}

export function writeCsv(
  rows: readonly (readonly string[])[],
  opts: { delimiter?: Delimiter; eol?: '\r\n' | '\n'; bom?: boolean } = {},
): string {
  const eol = opts.eol ?? '\r\n';
  let out = opts.bom ? '\uFEFF' : '';
  for (const r of rows) out += formatRecord(r, opts.delimiter) + eol;
  return out;
}

/**
 * Spreadsheet formula injection (CSV injection): a cell that starts with `=`, `+`, `-`, `@`, tab or CR
 * may run as a formula when the file is opened. Such a cell gets a leading single quote, which
 * spreadsheets show as text. Applied to every exported cell. A plain negative number (a net deposit of
 * -250.00) is no formula and stays a number the spreadsheet can sum.
 */
export function neutraliseFormula(value: string): string {
  if (/^-\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
