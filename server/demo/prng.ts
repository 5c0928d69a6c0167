/**
 * The generator's only source of randomness: sfc32 seeded from a hash of labels. Every part of the region
 * draws from its own fork (`rng.fork('houses')`), so changing how many numbers one part consumes does not
 * shift the numbers of another, and the same seed always yields the same bytes.
 */

/** murmur3's finaliser: a cheap, well-mixed 32-bit hash step. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of labels and numbers (FNV-1a over the text, then mixed). */
export function hashLabels(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f; // separator, so ('ab','c') and ('a','bc') differ
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/**
 * A float in [0, 1) determined by integers alone: for values drawn per (house, service, month) without
 * keeping a generator per house — the volume of a month does not depend on which months were drawn before.
 */
export function unitHash(a: number, b: number, c: number, d: number): number {
  let h = fmix32(a ^ 0x9e3779b9);
  h = fmix32(h ^ Math.imul(b + 1, 0x85ebca6b));
  h = fmix32(h ^ Math.imul(c + 1, 0xc2b2ae35));
  h = fmix32(h ^ Math.imul(d + 1, 0x27d4eb2f));
  return h / 4294967296;
}

/** Seeded pseudo-random generator (sfc32) with the helpers the generator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly labels: readonly (string | number)[];

  /** Seeds from labels: `new Rng(72, 'houses')`. */
  constructor(...labels: readonly (string | number)[]) {
    this.a = hashLabels('a', ...labels);
    this.b = hashLabels('b', ...labels);
    this.c = hashLabels('c', ...labels);
    this.d = hashLabels('d', ...labels);
    for (let i = 0; i < 12; i++) this.uint32(); // let the state mix before the first draw
    this.labels = labels;
  }

  /** An independent generator for a sub-part, determined by this one's labels and the given ones. */
  fork(...labels: readonly (string | number)[]): Rng {
    return new Rng(...this.labels, ...labels);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.next() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from no weights');
    return last[0];
  }

  /** A copy of the list in random order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = out[i] as T;
      out[i] = out[j] as T;
      out[j] = t;
    }
    return out;
  }

  /** A string of decimal digits. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }

  /** A lower-case GUID shaped like UUID v4 (version nibble 4, variant 8–b), as ГАР ids look. */
  guid(): string {
    const hex = (n: number): string => this.uint32().toString(16).padStart(8, '0').slice(0, n);
    const variant = '89ab'[this.int(0, 3)] ?? '8';
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
  }
}
