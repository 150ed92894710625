/**
 * CSV (RFC 4180) in and out: the format spreadsheets exchange. Reading tolerates what real files carry — a UTF-8 byte
 * order mark, CRLF, LF or CR line ends, quoted fields with commas, quotes and line breaks, and the semicolon that
 * spreadsheets in many European locales write instead of the comma. Writing quotes what needs it and defuses cells a
 * spreadsheet would run as a formula.
 */

export interface CsvRecord {
  /** The line of the file the record starts on, counting from 1 (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export interface CsvSyntaxError {
  line: number;
  /** 1-based position of the field in its record. */
  field: number;
  message: string;
}

export interface ParsedCsv {
  records: CsvRecord[];
  errors: CsvSyntaxError[];
  delimiter: ',' | ';';
}

/** The delimiter of a file: a semicolon when its first line has semicolons outside quotes and no commas. */
function detectDelimiter(text: string): ',' | ';' {
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > 0 && commas === 0 ? ';' : ',';
}

/**
 * Splits CSV text into records. Blank lines and lines of empty cells (which spreadsheets leave at the end) are skipped;
 * each malformed record is reported and left out.
 */
export function parseCsv(input: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let error: CsvSyntaxError | null = null;
    let field = '';
    let ended = false;
    while (!ended) {
      if (text[i] === '"') {
        const opened = line;
        i++;
        let closed = false;
        while (i < text.length) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\r' || c === '\n') {
            line++;
            if (c === '\r' && text[i + 1] === '\n') {
              field += '\r';
              i++;
            }
          }
          field += text[i];
          i++;
        }
        if (!closed) {
          error ??= { line: opened, field: fields.length + 1, message: 'This quoted field is never closed: a quote (") is missing' };
          ended = true;
          break;
        }
        if (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          error ??= { line, field: fields.length + 1, message: 'Text after the closing quote; quote the whole field and double the quotes inside ("")' };
        }
      }
      while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') error ??= { line, field: fields.length + 1, message: 'A quote (") inside an unquoted field; quote the field and double the quote ("")' };
        field += text[i];
        i++;
      }
      fields.push(field);
      field = '';
      if (i >= text.length) {
        ended = true;
      } else if (text[i] === delimiter) {
        i++;
      } else {
        i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        ended = true;
      }
    }
    if (error) errors.push(error);
    else if (fields.some((f) => f.trim() !== '')) records.push({ line: start, fields });
  }
  return { records, errors, delimiter };
}

/**
 * One CSV cell. A text a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, so an exported value can never run as one (CSV injection); texts with delimiters, quotes, line
 * breaks or outer spaces are quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (ending in CRLF, as RFC 4180 has it). */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The byte order mark that makes spreadsheets read a CSV file as UTF-8. */
export const utf8Bom = '\uFEFF';
