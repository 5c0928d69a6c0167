/**
 * A growable byte buffer for writing CSV straight as bytes: numbers are written digit by digit and repeated
 * texts (an address appears in 13 monthly files) are encoded once and copied. Writing the registries is the
 * bulk of the generator's work, and building strings first and encoding them after costs twice as much.
 */
import { csvField } from './csv.ts';

const COMMA = 0x2c;
const MINUS = 0x2d;
const ZERO = 0x30;

export class ByteSink {
  private buf: Uint8Array;
  length = 0;
  private readonly digits = new Uint8Array(24);

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.length++] = c;
  }

  /** A non-negative integer's digits, at least `minDigits` of them (zero-padded). */
  private unsigned(n: number, minDigits: number): void {
    let k = 0;
    do {
      this.digits[k++] = ZERO + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    while (k < minDigits) this.digits[k++] = ZERO;
    this.ensure(k);
    while (k > 0) this.buf[this.length++] = this.digits[--k] ?? ZERO;
  }

  int(n: number): void {
    if (n < 0) this.byte(MINUS);
    this.unsigned(Math.abs(n), 1);
  }

  /** An integer of 10^-scale units with a decimal comma: 123456 at scale 2 → «1234,56». */
  decimal(value: number, scale: number): void {
    if (value < 0) this.byte(MINUS);
    const a = Math.abs(value);
    const pow = 10 ** scale;
    const whole = Math.floor(a / pow);
    this.unsigned(whole, 1);
    this.byte(COMMA);
    this.unsigned(a - whole * pow, scale);
  }

  /** The bytes written so far (a view, valid until the next write). */
  result(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * CSV fields of text, quoted as csvField does and encoded once per distinct text. Besides the cache by
 * text, numbered slots remember the last text seen there (a house's address, a column's territory), so the
 * common case is one string comparison instead of a hash lookup.
 */
export class EncodedFields {
  private readonly cache = new Map<string, Uint8Array>();
  private readonly slotText: (string | undefined)[] = [];
  private readonly slotBytes: Uint8Array[] = [];

  constructor(private readonly encode: (text: string) => Uint8Array) {}

  get(text: string): Uint8Array {
    let b = this.cache.get(text);
    if (b === undefined) this.cache.set(text, (b = this.encode(csvField(text))));
    return b;
  }

  /** The encoded field, remembered in slot `slot` for as long as the same text comes back there. */
  at(slot: number, text: string): Uint8Array {
    const bytes = this.slotBytes[slot];
    if (bytes !== undefined && this.slotText[slot] === text) return bytes;
    const b = this.get(text);
    this.slotText[slot] = text;
    this.slotBytes[slot] = b;
    return b;
  }
}
