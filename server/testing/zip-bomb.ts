import { constants, deflateRawSync } from 'node:zlib';

/**
 * An .xlsx «zip bomb» for tests and the bench: one worksheet entry whose deflate stream is a MiB of blanks
 * (whitespace between XML tags), compressed once and repeated (a sync-flushed block ends on a byte boundary and
 * refers to nothing before it), so a bomb of any size is built without holding what it inflates to. About 1 KB
 * of stream per MiB, deflate's best: a 600 KB file inflates to ~600 MB.
 *
 * `lie`: the zip directory declares 1,000 bytes instead of the real size, as an attacker's would, so only a
 * reader that counts while inflating stops it.
 */
export function xlsxZipBomb(compressedBytes: number, opts: { lie?: boolean } = {}): { bytes: Uint8Array; inflatedBytes: number } {
  const block = Buffer.alloc(1024 * 1024, ' ');
  const chunk = deflateRawSync(block, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const repeats = Math.max(1, Math.floor(compressedBytes / chunk.length));
  const head = deflateRawSync(Buffer.from('<worksheet><sheetData>'), { finishFlush: constants.Z_SYNC_FLUSH });
  // the last block: fixed Huffman, final bit set, no symbols but end of block
  const stream = Buffer.concat([head, ...Array.from({ length: repeats }, () => chunk), Buffer.from([0x03, 0x00])]);
  const inflatedBytes = Buffer.byteLength('<worksheet><sheetData>') + repeats * block.length;
  return { bytes: zipOne('xl/worksheets/sheet1.xml', stream, opts.lie ? 1000 : inflatedBytes), inflatedBytes };
}

/** A zip archive of one deflated entry (CRC left 0: readers that check it refuse the file anyway). */
function zipOne(name: string, data: Buffer, declaredSize: number): Uint8Array {
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return new Uint8Array(Buffer.concat([local, fileName, data, central, fileName, end]));
}
