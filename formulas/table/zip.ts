import { Inflate, strFromU8 } from 'fflate';
import { fail, ok, type Parsed } from '../problem.ts';

/**
 * A bounded reader of zip archives (an .xlsx is one). General unzippers trust the archive: they inflate an entry
 * whole, so a 600 KB «zip bomb» becomes gigabytes before anyone looks. Here the limits are checked on what the
 * directory declares before anything is inflated, and the real output is held to the declared size while
 * inflating, a slice at a time, so nothing much past a limit is ever produced:
 * - the number of entries in the directory;
 * - the total uncompressed size of the entries read;
 * - the compression ratio of each entry past a grace size (Apache POI's ZipSecureFile does the same: ratio 100,
 *   grace 100 KB — spreadsheet XML compresses 5–20 times);
 * - entries whose data overlap (the «overlapping files» bomb reuses one compressed stream for many entries).
 * Failures are values with a Russian message; the library's own English never reaches a user.
 */

export interface ZipLimits {
  maxEntries: number;
  /** uncompressed bytes of all entries read, together */
  maxTotalBytes: number;
  /** uncompressed ÷ compressed size of one entry */
  maxRatio: number;
  /** the ratio is checked once an entry has produced this many bytes (small parts compress very well) */
  ratioGraceBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 100,
  ratioGraceBytes: 100 * 1024,
};

/**
 * Compressed input is fed to the inflater in slices this big: one slice inflates to at most ~1,032 times it
 * (16.5 MB), so a bomb is stopped within one slice of its limit.
 */
const SLICE = 16 * 1024;

const BROKEN = 'архив книги Excel повреждён: файл не читается';
const MB = (n: number): string => `${Math.round(n / 1024 / 1024)} МБ`;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
/** A 64-bit field; past 2^53 it is no real size anyway and fails the bounds checks. */
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 2 ** 32;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The central directory's place and size, through the zip64 records when the classic ones overflow. */
function directory(b: Uint8Array): Parsed<{ count: number; offset: number; size: number }> {
  let at = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (u32(b, i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) return fail(BROKEN);
  let count = u16(b, at + 10);
  let size = u32(b, at + 12);
  let offset = u32(b, at + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const loc = at - 20;
    if (loc < 0 || u32(b, loc) !== ZIP64_LOCATOR) return fail(BROKEN);
    const z = u64(b, loc + 8);
    if (z + 56 > b.length || u32(b, z) !== ZIP64_EOCD) return fail(BROKEN);
    count = u64(b, z + 32);
    size = u64(b, z + 40);
    offset = u64(b, z + 48);
  }
  if (offset + size > b.length) return fail(BROKEN);
  return ok({ count, offset, size });
}

/** The entries of the central directory, with zip64 sizes and offsets read from their extra fields. */
function entries(b: Uint8Array, limits: ZipLimits): Parsed<Entry[]> {
  const dir = directory(b);
  if (!dir.ok) return dir;
  const { count, offset } = dir.value;
  if (count > limits.maxEntries) return fail(`в архиве книги Excel больше ${limits.maxEntries.toLocaleString('ru-RU')} частей: такой файл не принимается`);
  const out: Entry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== CENTRAL) return fail(BROKEN);
    const flags = u16(b, p + 8);
    const nameLength = u16(b, p + 28);
    const extraLength = u16(b, p + 30);
    const commentLength = u16(b, p + 32);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    let localOffset = u32(b, p + 42);
    const nameBytes = b.subarray(p + 46, p + 46 + nameLength);
    const name = strFromU8(nameBytes, (flags & 0x800) === 0);
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let f = e + 4;
        if (size === 0xffffffff) {
          size = u64(b, f);
          f += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, f);
          f += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(b, f);
      }
      e += 4 + len;
    }
    out.push({ name, method: u16(b, p + 10), flags, compressedSize, size, localOffset });
    p = extraEnd + commentLength;
  }
  return ok(out);
}

/** Where an entry's compressed data starts (after its local header); null when the header is not where it says. */
function dataStart(b: Uint8Array, e: Entry): number | null {
  const at = e.localOffset;
  if (at + 30 > b.length || u32(b, at) !== LOCAL) return null;
  const start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
  return start + e.compressedSize <= b.length ? start : null;
}

/**
 * Reads the entries of a zip archive whose names `wanted` accepts, within `limits`. The other entries are never
 * inflated, but they count towards the number of entries and may not overlap the read ones.
 */
export function readZip(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits = ZIP_LIMITS): Parsed<Record<string, Uint8Array>> {
  const list = entries(bytes, limits);
  if (!list.ok) return list;
  const spans: { from: number; to: number }[] = [];
  for (const e of list.value) {
    const start = dataStart(bytes, e);
    if (start === null) return fail(BROKEN);
    spans.push({ from: e.localOffset, to: start + e.compressedSize });
  }
  spans.sort((a, b) => a.from - b.from);
  for (let i = 1; i < spans.length; i++) {
    if ((spans[i] as { from: number }).from < (spans[i - 1] as { to: number }).to) return fail('архив книги Excel собран с перекрывающимися частями (так устроены «zip-бомбы»): файл не принят');
  }

  const files: Record<string, Uint8Array> = {};
  let total = 0;
  const tooBig: Parsed<never> = fail(`книга Excel распаковывается больше чем в ${MB(limits.maxTotalBytes)}: такой файл не принимается`);
  const tooDense: Parsed<never> = fail(`книга Excel сжата подозрительно сильно (больше чем в ${limits.maxRatio} раз; так устроены «zip-бомбы»): файл не принят`);
  const forged: Parsed<never> = fail('архив книги Excel повреждён или подделан: часть распаковывается больше, чем в нём записано (так устроены «zip-бомбы»); файл не принят');
  for (const e of list.value) {
    if (!wanted(e.name) || e.name.endsWith('/')) continue;
    if ((e.flags & 1) !== 0) return fail('книга Excel зашифрована паролем: снимите защиту и сохраните файл заново');
    // what the directory declares is checked first (an honest bomb stops here, nothing inflated) …
    if (total + e.size > limits.maxTotalBytes) return tooBig;
    if (e.size > Math.max(limits.ratioGraceBytes, e.compressedSize * limits.maxRatio)) return tooDense;
    const start = dataStart(bytes, e) as number;
    const raw = bytes.subarray(start, start + e.compressedSize);
    if (e.method === 0) {
      if (e.size !== e.compressedSize) return fail(BROKEN);
      files[e.name] = raw;
      total += raw.length;
      continue;
    }
    if (e.method !== 8) return fail(`часть книги Excel «${e.name}» сжата неизвестным способом (${e.method})`);
    // … and what comes out is held to it while inflating (a lying directory stops within one slice)
    const inflated = inflateInto(raw, e.size);
    if (!inflated.ok) return inflated.message === 'forged' ? forged : inflated;
    files[e.name] = inflated.value;
    total += inflated.value.length;
  }
  return ok(files);
}

/**
 * Inflates one entry slice by slice into a buffer of the size the directory declared (already within the
 * limits); output past it stops the inflating (`'forged'`), and so does output short of it (damaged).
 */
function inflateInto(raw: Uint8Array, size: number): Parsed<Uint8Array> {
  const out = new Uint8Array(size);
  let at = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (over) return;
    if (at + chunk.length > size) over = true;
    else {
      out.set(chunk, at);
      at += chunk.length;
    }
  });
  try {
    for (let from = 0; from < raw.length && !over; from += SLICE) inflater.push(raw.subarray(from, from + SLICE), from + SLICE >= raw.length);
    if (raw.length === 0) inflater.push(raw, true);
  } catch {
    return fail(BROKEN);
  }
  if (over) return fail('forged');
  // the directory's size is what the writer promised: less is a damaged archive
  return at === size ? ok(out) : fail(BROKEN);
}
