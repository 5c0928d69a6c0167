import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeCp1251 } from './cp1251.ts';
import { readCsvWithin } from './csv.ts';
import { readGridFile } from './read-file.ts';
import { readXlsx } from './xlsx.ts';
import { readZip, ZIP_LIMITS, type ZipLimits } from './zip.ts';

const all = (): boolean => true;
const zeros = (n: number): Uint8Array => new Uint8Array(n);

/** Offsets of the central directory entries of an archive, by name. */
function centralEntries(zip: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const n = view.getUint16(i + 28, true);
    out.set(new TextDecoder().decode(zip.subarray(i + 46, i + 46 + n)), i);
  }
  return out;
}

const setU32 = (zip: Uint8Array, at: number, v: number): void => new DataView(zip.buffer, zip.byteOffset).setUint32(at, v, true);

/** A minimal valid workbook whose first sheet's XML is `sheetData`. */
function workbook(sheetData: string): Uint8Array {
  return zipSync({
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheetData}</sheetData></worksheet>`),
  });
}

describe('bounded zip reading', () => {
  it('reads deflated and stored entries, only those asked for', () => {
    const zip = zipSync({ 'a.xml': [strToU8('<a>текст</a>'), { level: 6 }], 'b.bin': [strToU8('stored'), { level: 0 }], 'c.xml': strToU8('<c/>') });
    const r = readZip(zip, (n) => n !== 'c.xml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.value).sort()).toEqual(['a.xml', 'b.bin']);
    expect(new TextDecoder().decode(r.value['a.xml'])).toBe('<a>текст</a>');
    expect(new TextDecoder().decode(r.value['b.bin'])).toBe('stored');
  });

  it('refuses an entry that says it inflates more than 100 times past the grace size, before inflating it', () => {
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': zeros(8 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(40_000);
    expect(readZip(bomb, all)).toEqual({ ok: false, message: expect.stringContaining('больше чем в 100 раз') });
    // small parts compress very well and are left alone
    expect(readZip(zipSync({ 'xl/styles.xml': zeros(90 * 1024) }), all).ok).toBe(true);
  });

  it('holds what comes out to what the directory declared, stopping within a slice when it lies', () => {
    const zip = zipSync({ 'xl/worksheets/sheet1.xml': zeros(8 * 1024 * 1024) });
    setU32(zip, (centralEntries(zip).get('xl/worksheets/sheet1.xml') as number) + 24, 1000);
    expect(readZip(zip, all)).toEqual({ ok: false, message: expect.stringContaining('распаковывается больше, чем в нём записано') });
    const short = zipSync({ 'a.xml': strToU8('<a>' + 'x'.repeat(5000) + '</a>') });
    setU32(short, (centralEntries(short).get('a.xml') as number) + 24, 6000);
    expect(readZip(short, all)).toEqual({ ok: false, message: 'архив книги Excel повреждён: файл не читается' });
  });

  it('stops at the total size of the entries read', () => {
    const limits: ZipLimits = { ...ZIP_LIMITS, maxTotalBytes: 1024 * 1024, maxRatio: 1e9 };
    const zip = zipSync({ 'xl/a.xml': zeros(600 * 1024), 'xl/b.xml': zeros(600 * 1024), 'xl/c.xml': zeros(600 * 1024) });
    expect(readZip(zip, all, limits)).toEqual({ ok: false, message: 'книга Excel распаковывается больше чем в 1 МБ: такой файл не принимается' });
    expect(readZip(zip, (n) => n !== 'xl/c.xml', { ...limits, maxTotalBytes: 2 * 1024 * 1024 }).ok).toBe(true);
  });

  it('refuses an archive with too many entries, overlapping entries, encryption or a broken structure in Russian', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.xml`, strToU8('x')])));
    expect(readZip(many, all, { ...ZIP_LIMITS, maxEntries: 5 })).toEqual({ ok: false, message: expect.stringContaining('больше 5 частей') });

    const two = zipSync({ 'a.xml': strToU8('<a/>'), 'b.xml': strToU8('<b/>') });
    const entries = centralEntries(two);
    const firstLocal = new DataView(two.buffer).getUint32((entries.get('a.xml') as number) + 42, true);
    setU32(two, (entries.get('b.xml') as number) + 42, firstLocal);
    expect(readZip(two, all)).toEqual({ ok: false, message: expect.stringContaining('перекрывающимися частями') });

    const locked = zipSync({ 'a.xml': strToU8('<a/>') });
    const lockedAt = centralEntries(locked).get('a.xml') as number;
    locked[lockedAt + 8] = (locked[lockedAt + 8] ?? 0) | 1;
    expect(readZip(locked, all)).toEqual({ ok: false, message: expect.stringContaining('зашифрована') });

    const good = zipSync({ 'a.xml': strToU8('<a>' + 'x'.repeat(5000) + '</a>') });
    for (const broken of [good.subarray(0, good.length - 30), good.subarray(0, 100), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]) {
      expect(readZip(broken, all)).toEqual({ ok: false, message: 'архив книги Excel повреждён: файл не читается' });
    }
    const corrupt = good.slice();
    corrupt.fill(0xff, 60, 90);
    expect(readZip(corrupt, all)).toEqual({ ok: false, message: 'архив книги Excel повреждён: файл не читается' });
  });
});

describe('bounded sheet reading', () => {
  it('reads a workbook within the limits', () => {
    expect(readXlsx(workbook('<row r="1"><c r="B1" t="inlineStr"><is><t>да</t></is></c></row>'))).toEqual({ ok: true, value: [[null, 'да']] });
  });

  it('refuses forged row and column numbers and sheets past the cell limit instead of growing a huge grid', () => {
    expect(readXlsx(workbook('<row r="2000000"><c r="A2000000"><v>1</v></c></row>'))).toEqual({ ok: false, message: expect.stringContaining('повреждён') });
    expect(readXlsx(workbook('<row r="1"><c r="ZZZZ1"><v>1</v></c></row>'))).toEqual({ ok: false, message: expect.stringContaining('повреждён') });
    expect(readXlsx(workbook('<row r="1"><c r="A1"><v>1'))).toEqual({ ok: false, message: expect.stringContaining('повреждён') });
    const rows = Array.from({ length: 10 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    expect(readXlsx(workbook(rows), ZIP_LIMITS, 100_000)).toEqual({ ok: false, message: expect.stringMatching(/больше 100\s000 ячеек/) });
  });

  it('keeps a character reference past Unicode as written', () => {
    expect(readXlsx(workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>&#x110000;</t></is></c></row>'))).toEqual({ ok: true, value: [['&#x110000;']] });
  });

  it('stops a CSV past the cell limit', () => {
    expect(readCsvWithin(strToU8('a;b;c\n1;2;3'), 6).ok).toBe(true);
    expect(readCsvWithin(strToU8('a;b;c\n1;2;3\n4;5;6\n'), 6)).toEqual({ ok: false, message: expect.stringContaining('больше 6 ячеек') });
  });
});

describe('uploaded tables refuse control characters with their place', () => {
  it('names the row and column of a NUL in a CSV and in an xlsx', async () => {
    expect(await readGridFile('h.csv', encodeCp1251('Адрес;ЭОТ\nул. Ленина\u0000;1\n'))).toEqual({
      ok: false,
      message: 'строка 2, столбец 1: файл повреждён: нулевые байты (U+0000, 1 шт.) вместо текста (обрыв или сбой при передаче); повреждённый реестр не проверяется как целый: пришлите файл заново',
    });
    expect(await readGridFile('h.xlsx', workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b&#7;</t></is></c></row>'))).toEqual({ ok: false, message: expect.stringContaining('строка 1, столбец 2: недопустимый управляющий символ U+0007') });
    // tabs and line breaks inside a cell are text
    expect((await readGridFile('h.csv', strToU8('"a\tb\r\nc";d\n'))).ok).toBe(true);
  });

  it('says in Russian what is wrong with a broken archive', async () => {
    const r = await readGridFile('x.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(r).toEqual({ ok: false, message: 'не удалось прочитать .xlsx: архив книги Excel повреждён: файл не читается' });
  });
});
