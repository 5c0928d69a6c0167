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

/** Parses CSV bytes into a grid of text cells (typed reading happens against a table spec). */
export function readCsv(bytes: Uint8Array): Grid {
  const read = readCsvWithin(bytes, Infinity);
  return read.ok ? read.value : [];
}

/** `readCsv` that stops once the grid would pass `maxCells` (an uploaded file is bounded before it fills memory). */
export function readCsvWithin(bytes: Uint8Array, maxCells: number): Parsed<Grid> {
  const text = decodeText(bytes);
  const rows: string[][] = [];
  let cells = 0;
  let over = false;
  Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    skipEmptyLines: false,
    step: (result, parser) => {
      cells += result.data.length;
      if (cells > maxCells) {
        over = true;
        parser.abort();
        return;
      }
      rows.push(result.data);
    },
  });
  if (over) return tooManyCells(maxCells);
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((c) => c.trim() === '')) rows.pop();
  return ok(rows);
}
