import { rowLabel } from '../../formulas/registry/row-number.ts';
import { zip } from './zip.ts';

/**
 * A minimal .xlsx writer for one large sheet: exceljs spends ~10 µs a cell (a 30,000-row registry with its 29
 * columns took 10 s to build, 20 s with its zip), this writes the SpreadsheetML as text. Strings are shared, as
 * Excel keeps them (a registry's sheet repeats «Пройдена» 300,000 times: inline, that was 60 MB of XML to build
 * and deflate, shared it is a third of that); the styles a fixed set, the sheet frozen under its header with an
 * autofilter, optionally fitted to the width of a landscape page with the header rows repeated and page numbers in
 * the footer; merged cells (a summary block's labels), rows as tall as their wrapped text; nothing else.
 */
export const STYLE = { plain: 0, bold: 1, money: 2, decimal4: 3, header: 4, boldMoney: 5, title: 6, wrap: 7, date: 8, month: 9, boldWrap: 10 } as const;
export type StyleId = (typeof STYLE)[keyof typeof STYLE];

export type CellValue = string | number | null | undefined;
export interface StyledCell {
  v: CellValue;
  s: StyleId;
}
export type Cell = CellValue | StyledCell;

export interface SheetSpec {
  name: string;
  widths: number[];
  /** Rows top to bottom; a generator's rows are garbage as soon as they are written, not all held to the end. */
  rows: Iterable<Cell[]>;
  /** 1-based row of the table's header: the sheet is frozen under it and filtered from it. */
  headerRow: number;
  /** last row the autofilter covers */
  filterTo: number;
  /** height of the header row in points (it wraps) */
  headerHeight?: number;
  /** printed on landscape A4, all columns on one page's width, the header row on every page, page numbers below */
  landscapeFitToWidth?: boolean;
  /** merged ranges, «A3:C3» */
  merges?: string[];
}

/** Points of one line of 11-point Calibri, and how many character widths a Cyrillic letter takes on average. */
const LINE_POINTS = 15;
const CHAR_WIDTH = 1.1;

/**
 * Lines a text takes in a wrapped cell `width` characters wide: Excel and LibreOffice keep a row's stored height,
 * so a wrapped cell gets a row as tall as its text or it spills over the rows below when printed.
 */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(width - 1, 1);
  let lines = 0;
  for (const part of text.split('\n')) {
    // words do not break: a line ends before the word that would not fit
    let line = 0;
    let count = 1;
    for (const word of part.split(/\s+/)) {
      const w = word.length * CHAR_WIDTH;
      if (line > 0 && line + 1 + w > usable) {
        count++;
        line = w;
      } else line += (line > 0 ? 1 : 0) + w;
      while (line > usable) {
        count++;
        line -= usable;
      }
    }
    lines += count;
  }
  return Math.max(lines, 1);
}

const WRAPPED = new Set<number>([STYLE.header, STYLE.wrap, STYLE.boldWrap]);

/** An ISO date as the serial of its day (1900 system), null when there is none: a date cell, not text. */
export function dateSerial(iso: string | null | undefined): number | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 + 25_569 : null;
}

/** The one row number (`rowLabel`): a number where the file's № п/п is its line (sorts as one), else «12 (стр. 20)». */
export function rowCell(n: number | null | undefined, fileLine: number): Cell {
  const label = rowLabel(n, fileLine);
  return /^\d+$/.test(label) ? Number(label) : label;
}

/** A date cell «ДД.ММ.ГГГГ»; a month cell «Октябрь 2025» from `YYYY-MM`. */
export const dateCell = (iso: string | null | undefined): Cell => ({ v: dateSerial(iso), s: STYLE.date });
export const monthCell = (key: string): Cell => ({ v: dateSerial(/^\d{4}-\d{2}$/.test(key) ? `${key}-01` : null), s: STYLE.month });

export function columnName(k: number): string {
  let s = '';
  for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// XML 1.0 has no place for most control characters; a file's stray \x0b must not make the workbook unreadable
// eslint-disable-next-line no-control-regex
const INVALID = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
/** Most cells need no escaping: one test, and the five replacements only when it finds something. */
const esc = (s: string): string =>
  SPECIAL.test(s) ? s.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : s;


/**
 * The sheet's rows as UTF-8 bytes, each written as soon as it is made: held as 30,000 strings of ~30 pieces each
 * until a final join, every piece lived long enough to be copied by the GC, seconds of it for a large registry.
 */
class ByteSink {
  private buf = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  write(text: string): void {
    // a UTF-8 character is at most 3 bytes per UTF-16 unit
    if (this.length + text.length * 3 > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + text.length * 3));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    this.length += this.buf.write(text, this.length, 'utf8');
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** The workbook's shared strings: each text once, cells refer to it by index. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly texts: string[] = [];
  refs = 0;
  of(text: string): number {
    this.refs++;
    let k = this.index.get(text);
    if (k === undefined) this.index.set(text, (k = this.texts.push(text) - 1));
    return k;
  }
  xml(): string {
    const items = this.texts.map((t) => `<si><t xml:space="preserve">${esc(t)}</t></si>`).join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.refs}" uniqueCount="${this.texts.length}">${items}</sst>`;
  }
}

function cellXml(ref: string, cell: Cell, strings: SharedStrings): string {
  const { v, s } = cell !== null && typeof cell === 'object' ? cell : { v: cell, s: STYLE.plain as StyleId };
  const style = s ? ` s="${s}"` : '';
  if (v === null || v === undefined || v === '') return s ? `<c r="${ref}"${style}/>` : '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${v}</v></c>` : '';
  return `<c r="${ref}"${style} t="s"><v>${strings.of(v)}</v></c>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="4"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="#,##0.0000"/><numFmt numFmtId="166" formatCode="dd.mm.yyyy;@"/><numFmt numFmtId="167" formatCode="[$-419]mmmm yyyy;@"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyAlignment="1"><alignment vertical="top"/></xf></cellStyleXfs>
<cellXfs count="11">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="left" vertical="top" wrapText="1" indent="1"/></xf>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left" vertical="top"/></xf>
<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left" vertical="top"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** One workbook with one sheet, as the bytes of an .xlsx file. */
export function writeSheet(spec: SheetSpec): Buffer {
  const lastCol = columnName(Math.max(spec.widths.length - 1, 0));
  const strings = new SharedStrings();
  const names = spec.widths.map((_, k) => columnName(k));
  const body = new ByteSink();
  let r = 0;
  const merged = new Set((spec.merges ?? []).map((m) => m.split(':')[0]));
  for (const row of spec.rows) {
    r++;
    let lines = 1;
    let cells = '';
    for (let k = 0; k < row.length; k++) {
      const ref = `${names[k] ?? columnName(k)}${r}`;
      const cell = row[k];
      cells += cellXml(ref, cell, strings);
      if (cell !== null && typeof cell === 'object' && WRAPPED.has(cell.s) && typeof cell.v === 'string' && !merged.has(ref)) {
        lines = Math.max(lines, wrappedLines(cell.v, spec.widths[k] ?? 10));
      }
    }
    const points = r === spec.headerRow && spec.headerHeight ? Math.max(spec.headerHeight, lines * LINE_POINTS) : lines > 1 ? lines * LINE_POINTS : 0;
    const height = points ? ` ht="${points}" customHeight="1"` : '';
    body.write(`\n<row r="${r}"${height}>${cells}</row>`);
  }
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
${spec.landscapeFitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>\n' : ''}<dimension ref="A1:${lastCol}${Math.max(r, 1)}"/>
<sheetViews><sheetView workbookViewId="0"><pane ySplit="${spec.headerRow}" topLeftCell="A${spec.headerRow + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${spec.headerRow + 1}" sqref="A${spec.headerRow + 1}"/></sheetView></sheetViews>
<sheetFormatPr defaultRowHeight="15"/>
<cols>${spec.widths.map((w, k) => `<col min="${k + 1}" max="${k + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>
<sheetData>`;
  const filterRef = `A${spec.headerRow}:${lastCol}${Math.max(spec.filterTo, spec.headerRow)}`;
  const pageSetup = spec.landscapeFitToWidth
    ? '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/><headerFooter><oddFooter>&amp;CСтраница &amp;P из &amp;N</oddFooter></headerFooter>'
    : '';
  const mergeXml = spec.merges?.length ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const tail = `\n</sheetData><autoFilter ref="${filterRef}"/>${mergeXml}<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>${pageSetup}</worksheet>`;
  const sheetName = esc(spec.name.slice(0, 31));
  const absRef = filterRef.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  const files = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    'docProps/app.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Сверка</Application></Properties>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${sheetName.replace(/'/g, "''")}'!${absRef}</definedName>${spec.landscapeFitToWidth ? `<definedName name="_xlnm.Print_Titles" localSheetId="0">'${sheetName.replace(/'/g, "''")}'!$${spec.headerRow}:$${spec.headerRow}</definedName>` : ''}</definedNames></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': STYLES,
    'xl/worksheets/sheet1.xml': Buffer.concat([Buffer.from(head, 'utf8'), body.bytes(), Buffer.from(tail, 'utf8')]),
    'xl/sharedStrings.xml': strings.xml(),
  };
  return zip(files);
}
