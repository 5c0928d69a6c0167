/**
 * CSV as Russian Excel writes it: `;` between fields, a header row of column keys, UTF-8. Written in chunks
 * so a 200,000-house region never holds a whole file as one string.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const SPECIAL = /[;"\r\n,]/;
const NEEDS_QUOTES = /[;"\r\n]/;
const DECIMAL = /^-?\d+(?:,\d+)?$/;

/**
 * One field, quoted when it holds `;`, `"` or a line break — and also a comma in text, so that the
 * delimiter guess of a reader (which counts `;` against `,` outside quotes) is never misled by addresses.
 */
export function csvField(value: string): string {
  if (!SPECIAL.test(value)) return value;
  if (NEEDS_QUOTES.test(value) || !DECIMAL.test(value)) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

export function csvLine(cells: readonly string[], eol = '\n'): string {
  let s = '';
  for (let i = 0; i < cells.length; i++) s += (i === 0 ? '' : ';') + csvField(cells[i] ?? '');
  return s + eol;
}

const CHUNK_CHARS = 1 << 20;

/** A CSV file written row by row in ~1 MB chunks. */
export class CsvFileWriter {
  private readonly fd: number;
  private buffer = '';
  private written = 0;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.buffer = csvLine(header);
  }

  row(cells: readonly string[]): void {
    this.buffer += csvLine(cells);
    this.rows++;
    if (this.buffer.length >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.buffer === '') return;
    this.written += writeSync(this.fd, Buffer.from(this.buffer, 'utf8'));
    this.buffer = '';
  }

  /** Flushes and closes; returns the file's size in bytes. */
  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.written;
  }
}
