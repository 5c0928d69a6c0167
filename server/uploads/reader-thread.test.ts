import { afterAll, describe, expect, it } from 'vitest';
import { housesCsv, registryCsv, G } from '../checks/testing.ts';
import { READER_HEAP_MB, setUploadReaderHeap, stopUploadReader, uploadReader } from './reader-thread.ts';
import { createUploadReader } from './upload-reader.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('the upload thread', () => {
  afterAll(async () => {
    setUploadReaderHeap(READER_HEAP_MB);
    await stopUploadReader();
  });

  it('reads what the same reader reads in-thread, registries and reference files', async () => {
    const registry = enc(registryCsv('август 2026', [[G[0]!, '10', '70,70'], [G[1]!, '12', '1,00']]));
    const inThread = createUploadReader();
    expect(await uploadReader.readRegistry('r.csv', registry)).toEqual(await inThread.readRegistry('r.csv', registry));
    expect(await uploadReader.readReference('houses', 'h.csv', enc(housesCsv))).toEqual(await inThread.readReference('houses', 'h.csv', enc(housesCsv)));
    const broken = await uploadReader.readReference('houses', 'h.csv', enc(housesCsv.replace('71603402101', '716034')));
    expect(broken).toEqual({ ok: false, problems: [expect.objectContaining({ file: 'h.csv', row: 2, column: 'oktmo' })] });
  });

  it('refuses a file that exhausts the thread\'s heap in Russian, and the next file is read by a new thread', async () => {
    await stopUploadReader();
    setUploadReaderHeap(48);
    // a million rows of short cells: far more than 48 MB once read into a grid
    const huge = enc(`${'a;b;c;d;e;f;g;h\n'.repeat(1_000_000)}`);
    expect(await uploadReader.readReference('houses', 'big.csv', huge)).toEqual({
      ok: false,
      problems: [{ file: 'big.csv', message: 'файл слишком велик или сложен для разбора (не хватило памяти): разделите его на части' }],
    });
    setUploadReaderHeap(READER_HEAP_MB);
    expect((await uploadReader.readReference('houses', 'h.csv', enc(housesCsv))).ok).toBe(true);
  });
});
