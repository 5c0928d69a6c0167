import Papa from 'papaparse';
import { ok, type Parsed } from '../problem.ts';
import { tooManyCells, type Grid } from './grid.ts';

/**
 * Text of a CSV file: UTF-8 (with or without BOM) when it decodes cleanly, otherwise Windows-1251,
 * the encoding Excel uses for «CSV (разделители — запятые)» on Russian Windows. UTF-16 by its BOM: Excel's
 * «Текст Юникод» (tab-separated), whose every other byte is NUL, is text, not a damaged file.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** Delimiter by count on the first lines: `;` (Russian Excel) or `,` (everything else), tab as a fallback. */
function guessDelimiter(text: string): string {
  const head = text.slice(0, 64 * 1024).split(/\r?\n/).slice(0, 40).join('\n').replace(/"[^"]*"/g, '');
  const count = (ch: string): number => head.split(ch).length - 1;
  const candidates: [string, number][] = [[';', count(';')], [',', count(',')], ['\t', count('\t')]];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]?.[1] ? candidates[0][0] : ';';
}

/** The line break of a text as Papa Parse guesses it: `\r\n`, `\n`, or `\r` for a text without `\n`. */
function lineBreak(text: string): '\r\n' | '\n' | '\r' {
  const n = text.indexOf('\n');
  if (n < 0) return text.includes('\r') ? '\r' : '\n';
  return n > 0 && text[n - 1] === '\r' ? '\r\n' : '\n';
}

/** Characters of CSV text parsed at once: a piece's rows are garbage before the next piece is parsed. */
const PIECE_CHARS = 1 << 20;

/**
 * The rows of CSV text, a piece of about `pieceChars` characters at a time (an import checks and writes them while
 * the rest is still unread, and never holds the file's whole grid). A piece ends at a line break outside quotes (an
 * even count of quote characters before it: an escaped quote counts two), so it parses on its own exactly as
 * within the whole text; rows keep their order, empty lines included.
 */
export function* csvRowPieces(text: string, pieceChars = PIECE_CHARS): Generator<string[][]> {
  const delimiter = guessDelimiter(text);
  const newline = lineBreak(text);
  let start = 0;
  let quotes = 0;
  let nextQuote = text.indexOf('"');
  if (text === '') return;
  // `<=`: after a break that ends the text comes its last, empty line, as Papa Parse reads the whole text
  while (start <= text.length) {
    let end = text.length;
    for (let search = start + pieceChars; search < text.length; ) {
      const nl = text.indexOf('\n', search);
      if (nl < 0) break;
      while (nextQuote !== -1 && nextQuote < nl) {
        quotes++;
        nextQuote = text.indexOf('"', nextQuote + 1);
      }
      if (quotes % 2 === 0) {
        end = nl;
        break;
      }
      search = nl + 1;
    }
    // the break itself belongs to neither piece: a piece ending in one would parse an empty row after it
    const piece = text.slice(start, end > start && newline === '\r\n' && text[end - 1] === '\r' ? end - 1 : end);
    start = end + 1;
    // an empty line cut out on its own is still a row, as within the whole text
    yield piece === '' ? [['']] : Papa.parse<string[]>(piece, { delimiter, newline, skipEmptyLines: false }).data;
  }
}

/** Parses CSV bytes into a grid of text cells (typed reading happens against a table spec). */
export function readCsv(bytes: Uint8Array): Grid {
  const read = readCsvWithin(bytes, Infinity);
  return read.ok ? read.value : [];
}

/** `readCsv` that stops once the grid would pass `maxCells` (an uploaded file is bounded before it fills memory). */
export function readCsvWithin(bytes: Uint8Array, maxCells: number): Parsed<Grid> {
  const rows: string[][] = [];
  let cells = 0;
  for (const piece of csvRowPieces(decodeText(bytes))) {
    for (const row of piece) {
      cells += row.length;
      if (cells > maxCells) return tooManyCells(maxCells);
      rows.push(row);
    }
  }
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((c) => c.trim() === '')) rows.pop();
  return ok(rows);
}
