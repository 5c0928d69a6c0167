/**
 * Re-packs a zip archive with Node's native deflate and one fixed entry time. exceljs packs .xlsx with
 * JSZip, whose pure-JavaScript deflate costs more than building the workbook, and stamps entries with the
 * current time; exceljs is therefore asked to store entries uncompressed, and this file compresses them.
 * The result is deterministic: same content and date, same bytes.
 */
import { deflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Entry {
  name: Buffer;
  crc: number;
  size: number;
  data: Buffer;
}

/** DOS date field for an ISO date (the time field is left at midnight). */
function dosDate(iso: string): number {
  return ((Number(iso.slice(0, 4)) - 1980) << 9) | (Number(iso.slice(5, 7)) << 5) | Number(iso.slice(8, 10));
}

function readEntries(zip: Buffer): Entry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: end of central directory not found');
  const entries: Entry[] = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let e = zip.readUInt16LE(eocd + 10); e > 0; e--) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error('zip central directory is corrupt');
    if (zip.readUInt16LE(at + 10) !== STORED) throw new Error('zip entry is compressed; expected stored entries');
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('zip local header is corrupt');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({
      name: zip.subarray(at + 46, at + 46 + nameLength),
      crc: zip.readUInt32LE(at + 16),
      size,
      data: zip.subarray(dataStart, dataStart + size),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** A zip of stored entries → the same entries deflated, all dated `iso`. */
export function repackZip(zip: Buffer, iso: string): Buffer {
  const date = dosDate(iso);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of readEntries(zip)) {
    const packed = deflateRawSync(e.data);
    const deflate = packed.length < e.data.length;
    const body = deflate ? packed : e.data;
    const header = (size: number): Buffer => {
      const b = Buffer.alloc(size);
      b.writeUInt16LE(20, size === 30 ? 4 : 6); // version needed to extract (central: also «made by» below)
      return b;
    };
    const local = header(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(deflate ? DEFLATED : STORED, 8);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    const cd = header(46);
    cd.writeUInt32LE(CENTRAL, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(deflate ? DEFLATED : STORED, 10);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(e.crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(e.name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, e.name, body);
    central.push(cd, e.name);
    offset += 30 + e.name.length + body.length;
  }
  const cdSize = central.reduce((a, b) => a + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
