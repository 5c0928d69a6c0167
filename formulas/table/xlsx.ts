import { strFromU8 } from 'fflate';
import { excelSerialToIso } from '../parse/date.ts';
import { fail, ok, type Parsed } from '../problem.ts';
import { MAX_GRID_CELLS, tooManyCells, type Cell, type Grid } from './grid.ts';
import { readZip, ZIP_LIMITS, type ZipLimits } from './zip.ts';

/**
 * A reader of the first worksheet of an .xlsx that does only what a registry needs: values, shared and
 * inline strings, and dates recognised by their number format. General-purpose readers build a full
 * object model of the workbook and take seconds on a 30,000-row registry; this scans the XML once.
 */

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      // a reference past Unicode is no character: kept as written (fromCodePoint would throw)
      return code <= 0x10ffff ? String.fromCodePoint(code) : _m;
    }
    return ENTITY[e.toLowerCase()] ?? _m;
  });
}

/** Text of every <t> inside a fragment, skipping phonetic runs (<rPh>). */
function textOf(xml: string): string {
  let out = '';
  let from = 0;
  const clean = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  for (;;) {
    const open = clean.indexOf('<t', from);
    if (open < 0) break;
    const gt = clean.indexOf('>', open);
    if (clean[gt - 1] === '/') {
      from = gt + 1;
      continue;
    }
    const close = clean.indexOf('</t>', gt);
    if (close < 0) break;
    out += clean.slice(gt + 1, close);
    from = close + 4;
  }
  return decodeXml(out);
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const open = xml.indexOf('<si', from);
    if (open < 0) break;
    const close = xml.indexOf('</si>', open);
    if (close < 0) break;
    out.push(textOf(xml.slice(open, close)));
    from = close + 5;
  }
  return out;
}

/** A worksheet's bounds in Excel (1,048,576 rows, columns up to XFD). */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** Which cell styles (by index) show dates: built-in date formats and custom codes with day/month/year parts. */
function dateStyles(xml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!xml) return out;
  const custom = new Map<number, boolean>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g)) {
    const code = decodeXml(m[2] ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
    custom.set(Number(m[1]), /[dy]|m(?![^;]*[hs])/i.test(code) && !/^[#0.,\s%]*$/.test(code));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  let k = 0;
  for (const m of xfs.matchAll(/<xf\b([^>]*)/g)) {
    const id = Number(/numFmtId="(\d+)"/.exec(m[1] ?? '')?.[1] ?? 0);
    if (BUILT_IN_DATE_FORMATS.has(id) || custom.get(id)) out.add(k);
    k++;
  }
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const attr = (tag: string, name: string): string | null => {
  const at = tag.indexOf(` ${name}="`);
  if (at < 0) return null;
  const start = at + name.length + 3;
  return tag.slice(start, tag.indexOf('"', start));
};

/** The worksheets in the workbook's order, by name, with their paths (not always sheetN.xml). */
function sheetPaths(files: Record<string, Uint8Array>): { name: string; path: string }[] {
  const wb = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  const out: { name: string; path: string }[] = [];
  if (wb && rels) {
    const relsXml = strFromU8(rels);
    for (const m of strFromU8(wb).matchAll(/<sheet\b[^>]*>/g)) {
      const tag = m[0];
      const rid = /\br:id="([^"]+)"/.exec(tag)?.[1];
      const name = decodeXml(/\bname="([^"]*)"/.exec(tag)?.[1] ?? '');
      const target = rid ? new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(relsXml)?.[1] ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(relsXml)?.[1] : undefined;
      if (target) out.push({ name, path: target.startsWith('/') ? target.slice(1) : `xl/${target}` });
    }
  }
  if (out.length > 0) return out;
  return Object.keys(files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f)).sort().map((path) => ({ name: path.replace(/^.*\/|\.xml$/g, ''), path }));
}

/** One worksheet of a workbook: its name and its grid, read when asked (most files need the first only). */
export interface XlsxSheet {
  name: string;
  read: () => Parsed<Grid>;
}

/**
 * The worksheets of an .xlsx in the workbook's order; a broken archive, or one past the zip limits (a «zip
 * bomb»), is a Russian message. Each sheet's grid is read on demand; dates become ISO dates.
 */
export function readXlsxSheets(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS, maxCells = MAX_GRID_CELLS): Parsed<XlsxSheet[]> {
  const unzipped = readZip(bytes, (name) => name.startsWith('xl/') && (name.endsWith('.xml') || name.endsWith('.rels')) && !name.includes('/drawings/'), limits);
  if (!unzipped.ok) return unzipped;
  const files = unzipped.value;
  const sheets = sheetPaths(files).filter((s) => files[s.path]);
  if (sheets.length === 0) return fail('в книге нет листов');
  const strings = sharedStrings(files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : undefined);
  const dates = dateStyles(files['xl/styles.xml'] ? strFromU8(files['xl/styles.xml']) : undefined);
  // workbooks from old Mac Excel count days from 1904: 1462 days later than the 1900 system
  const wbXml = files['xl/workbook.xml'] ? strFromU8(files['xl/workbook.xml']) : '';
  const dateShift = /date1904="(1|true)"/.test(wbXml) ? 1462 : 0;
  return ok(sheets.map((s) => ({ name: s.name, read: () => readSheet(strFromU8(files[s.path]!), strings, dates, dateShift, maxCells) })));
}

/** Reads the first worksheet of an .xlsx into a grid (see `readXlsxSheets`). */
export function readXlsx(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS, maxCells = MAX_GRID_CELLS): Parsed<Grid> {
  const sheets = readXlsxSheets(bytes, limits, maxCells);
  return sheets.ok ? sheets.value[0]!.read() : sheets;
}

function readSheet(xml: string, strings: string[], dates: Set<number>, dateShift: number, maxCells: number): Parsed<Grid> {
  const grid: Grid = [];
  const broken = fail('лист книги Excel повреждён: файл не читается');
  const dataStart = xml.indexOf('<sheetData');
  let pos = dataStart < 0 ? xml.length : dataStart;
  let rowIndex = -1;
  let cellCount = 0;
  for (;;) {
    const rowOpen = xml.indexOf('<row', pos);
    if (rowOpen < 0) break;
    const rowTagEnd = xml.indexOf('>', rowOpen);
    if (rowTagEnd < 0) return broken;
    const rowTag = xml.slice(rowOpen, rowTagEnd);
    const r = attr(rowTag, 'r');
    rowIndex = r ? Number(r) - 1 : rowIndex + 1;
    // a forged row or column number would make the grid as big as it says
    if (!Number.isInteger(rowIndex) || rowIndex < 0 || rowIndex >= MAX_ROWS) return broken;
    const cells: Cell[] = [];
    if (xml[rowTagEnd - 1] === '/') {
      grid[rowIndex] = cells;
      pos = rowTagEnd + 1;
      continue;
    }
    const rowClose = xml.indexOf('</row>', rowTagEnd);
    if (rowClose < 0) return broken;
    let c = rowTagEnd + 1;
    let col = -1;
    for (;;) {
      const open = xml.indexOf('<c', c);
      if (open < 0 || open > rowClose) break;
      const tagEnd = xml.indexOf('>', open);
      if (tagEnd < 0) return broken;
      const tag = xml.slice(open, tagEnd);
      const ref = attr(tag, 'r');
      col = ref ? columnIndex(ref) : col + 1;
      if (col < 0 || col >= MAX_COLUMNS) return broken;
      if (xml[tagEnd - 1] === '/') {
        c = tagEnd + 1;
        continue;
      }
      const close = xml.indexOf('</c>', tagEnd);
      if (close < 0) return broken;
      const body = xml.slice(tagEnd + 1, close);
      c = close + 4;
      const type = attr(tag, 't');
      let value: Cell = null;
      if (type === 'inlineStr') value = textOf(body);
      else {
        const vOpen = body.indexOf('<v>');
        const raw = vOpen < 0 ? null : decodeXml(body.slice(vOpen + 3, body.indexOf('</v>', vOpen)));
        if (raw !== null) {
          if (type === 's') value = strings[Number(raw)] ?? '';
          else if (type === 'str' || type === 'e') value = type === 'e' ? null : raw;
          else if (type === 'b') value = raw === '1';
          else {
            const num = Number(raw);
            const style = Number(attr(tag, 's') ?? -1);
            value = dates.has(style) ? (excelSerialToIso(num + dateShift) ?? num) : num;
          }
        }
      }
      cells[col] = value;
    }
    cellCount += cells.length;
    if (cellCount > maxCells) return tooManyCells(maxCells);
    for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = null;
    grid[rowIndex] = cells;
    pos = rowClose + 6;
  }
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return ok(grid);
}
