/**
 * Writes the Word templates of `templates/documents/` (`npx tsx scripts/build-templates.ts`).
 *
 * There is no Word on the build machine, so the two templates are produced here as real, minimal OOXML: a
 * style sheet (Times New Roman 14 for the text, 12 for tables and the бланк), an A4 page with official-letter
 * margins, the бланк with the regulator's name, number and date, the addressee, the body, a bordered table of
 * rejected rows whose header repeats on every page, and the signature block. The output is committed; from
 * then on the .docx files are data that a person edits in Word, keeping the `{placeholders}` (listed in
 * `templates/documents/README.md`). Running this again overwrites such edits, so run it only to start over.
 * The zip is written with a fixed time stamp: the same script gives byte-identical files.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';

const OUT = fileURLToPath(new URL('../templates/documents/', import.meta.url));

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A4 in twentieths of a point; margins 3 cm left, 1.5 cm right, 2 cm top and bottom (ГОСТ Р 7.0.97). */
const PAGE = { w: 11906, h: 16838, top: 1134, right: 850, bottom: 1134, left: 1701 };
const TEXT_WIDTH = PAGE.w - PAGE.left - PAGE.right;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface RunOpts {
  bold?: boolean;
  italic?: boolean;
  /** points */
  size?: number;
}

function run(text: string, o: RunOpts = {}): string {
  const props = [o.bold ? '<w:b/>' : '', o.italic ? '<w:i/>' : '', o.size ? `<w:sz w:val="${o.size * 2}"/><w:szCs w:val="${o.size * 2}"/>` : ''].join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

interface ParaOpts extends RunOpts {
  style?: string;
  align?: 'left' | 'center' | 'right' | 'both';
  /** space after, points */
  after?: number;
  before?: number;
  keepNext?: boolean;
}

/** One paragraph; `text` may mix plain strings and pre-built runs (strings starting with `<w:r>`). */
function para(text: string | string[], o: ParaOpts = {}): string {
  const parts = Array.isArray(text) ? text : [text];
  const runs = parts.map((t) => (t.startsWith('<w:r>') ? t : t === '' ? '' : run(t, o))).join('');
  const props = [
    o.style ? `<w:pStyle w:val="${o.style}"/>` : '',
    o.keepNext ? '<w:keepNext/>' : '',
    o.after !== undefined || o.before !== undefined ? `<w:spacing w:before="${(o.before ?? 0) * 20}" w:after="${(o.after ?? 0) * 20}"/>` : '',
    o.align ? `<w:jc w:val="${o.align}"/>` : '',
  ].join('');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;
}

const NO_BORDERS = '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>';

/** A layout table without borders (бланк beside the addressee, the signature block). */
function layoutTable(widths: number[], cells: string[][]): string {
  const grid = widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('');
  const row = cells.map((content, i) => `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/></w:tcPr>${content.join('')}</w:tc>`).join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/>${NO_BORDERS}<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid><w:tr>${row}</w:tr></w:tbl>`;
}

interface Column {
  title: string;
  width: number;
  align: 'left' | 'center' | 'right';
}

/**
 * A bordered data table (style «SverkaTable»): a header row repeated on every page, one template row that
 * docxtemplater repeats (`{#rejected}` in its first cell, `{/rejected}` in its last), then fixed rows.
 */
function dataTable(columns: Column[], header: string[], templateRow: string[], after: string[][]): string {
  const grid = columns.map((c) => `<w:gridCol w:w="${c.width}"/>`).join('');
  const cell = (text: string, c: Column, opts: { header?: boolean; bold?: boolean; span?: number; width?: number }): string => {
    const tcPr = `<w:tcPr><w:tcW w:w="${opts.width ?? c.width}" w:type="dxa"/>${opts.span ? `<w:gridSpan w:val="${opts.span}"/>` : ''}${opts.header ? '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' : ''}<w:vAlign w:val="${opts.header ? 'center' : 'top'}"/></w:tcPr>`;
    return `<w:tc>${tcPr}${para(text, { style: opts.header ? 'SverkaTableHeader' : 'SverkaTableText', align: opts.header ? 'center' : c.align, bold: opts.bold ?? false })}</w:tc>`;
  };
  const headerRow = `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${columns.map((c, i) => cell(header[i] ?? '', c, { header: true })).join('')}</w:tr>`;
  const loopRow = `<w:tr><w:trPr><w:cantSplit/></w:trPr>${columns.map((c, i) => cell(templateRow[i] ?? '', c, {})).join('')}</w:tr>`;
  const fixed = after
    .map((cells) => {
      // a fixed row's first cell spans the columns the row leaves out
      const span = columns.length - cells.length + 1;
      const first = columns.slice(0, span);
      const width = first.reduce((s, c) => s + c.width, 0);
      const head = cell(cells[0] ?? '', columns[0] as Column, { bold: true, span: span > 1 ? span : 0, width });
      const rest = cells.slice(1).map((t, i) => cell(t, columns[span + i] as Column, { bold: true }));
      return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${head}${rest.join('')}</w:tr>`;
    })
    .join('');
  return `<w:tbl><w:tblPr><w:tblStyle w:val="SverkaTable"/><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${headerRow}${loopRow}${fixed}</w:tbl>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="SverkaBlank"><w:name w:val="Бланк"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="SverkaAddressee"><w:name w:val="Адресат"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="left"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="SverkaBody"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="SverkaSubject"><w:name w:val="Заголовок к тексту"/><w:basedOn w:val="Normal"/><w:next w:val="SverkaBody"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:ind w:right="4536"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="SverkaBody"><w:name w:val="Текст письма"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0" w:line="276" w:lineRule="auto"/><w:ind w:firstLine="709"/><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="SverkaTableHeader"><w:name w:val="Шапка таблицы"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="SverkaTableText"><w:name w:val="Текст таблицы"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="SverkaSignature"><w:name w:val="Подпись"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="SverkaExecutor"><w:name w:val="Исполнитель"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="SverkaTable"><w:name w:val="Таблица Сверки"/><w:basedOn w:val="TableNormal"/><w:qFormat/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>`;

const SETTINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="${W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="ru-RU"/></w:settings>`;

const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="${W}"><w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="CC"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/></Relationships>`;

const APP = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Сверка</Application></Properties>`;

function core(title: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${esc(title)}</dc:title><dc:creator>Сверка</dc:creator><dc:language>ru-RU</dc:language></cp:coreProperties>`;
}

function documentXml(body: string[]): string {
  const sect = `<w:sectPr><w:pgSz w:w="${PAGE.w}" w:h="${PAGE.h}"/><w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body.join('')}${sect}</w:body></w:document>`;
}

/** The бланк (left) beside the addressee (right): the top of every outgoing document. */
function letterhead(): string {
  const blank = [
    para('{regulator}', { style: 'SverkaBlank', bold: true }),
    para('{regulator_address}', { style: 'SverkaBlank', size: 10 }),
    para('{regulator_contacts}', { style: 'SverkaBlank', size: 10, after: 6 }),
    para(['№ ', run('{number}', { size: 12, bold: true }), ' от ', run('{date}', { size: 12 })], { style: 'SverkaBlank', size: 12 }),
    para('На № {letter_out_no} от {letter_out_date}', { style: 'SverkaBlank', size: 12 }),
  ];
  const addressee = [para('Руководителю', { style: 'SverkaAddressee' }), para('{rso_name}', { style: 'SverkaAddressee' }), para('ИНН {rso_inn}', { style: 'SverkaAddressee' })];
  const left = Math.round(TEXT_WIDTH * 0.5);
  // a gap column keeps the addressee in the right half, as the бланк's angular layout asks
  return layoutTable([left, 567, TEXT_WIDTH - left - 567], [blank, [para('')], addressee]);
}

/**
 * The signature block and the executor, kept together and with the paragraph before them (every paragraph from
 * the text's last one on keeps with the next): no page holds only a signature or only «Исп.».
 */
function signature(): string[] {
  const left = Math.round(TEXT_WIDTH * 0.6);
  return [
    para('', { after: 24, keepNext: true }),
    layoutTable([left, TEXT_WIDTH - left], [[para('{signer_position}', { style: 'SverkaSignature' })], [para('{signer_name}', { style: 'SverkaSignature', align: 'right' })]]),
    para('', { after: 36, keepNext: true }),
    para('Исп. {executor}', { style: 'SverkaExecutor' }),
  ];
}

// a sum has no-break spaces, so its column holds «1 234 567,89» on one line; the reason gets the most room
const REJECTED_COLUMNS: Column[] = [
  { title: '№ строки', width: 1200, align: 'center' },
  { title: 'Адрес дома', width: 1900, align: 'left' },
  { title: 'Код дома по ФИАС', width: 1450, align: 'left' },
  { title: 'Сумма субсидии, руб.', width: 2150, align: 'right' },
  { title: 'Причина отказа в согласовании', width: TEXT_WIDTH - 1200 - 1900 - 1450 - 2150, align: 'left' },
];

function rejectedTable(): string {
  return dataTable(
    REJECTED_COLUMNS,
    REJECTED_COLUMNS.map((c) => c.title),
    ['{#rejected}{row}', '{address}', '{fias_id}', '{sum}', '{reason}{/rejected}'],
    [['Итого не согласовано', '{rejected_sum_number}', '']],
  );
}

const CHECK_COLUMNS: Column[] = [
  { title: 'Проверка, которую не прошли строки', width: 5000, align: 'left' },
  { title: 'Строк', width: 1200, align: 'right' },
  { title: 'Сумма субсидии, руб.', width: TEXT_WIDTH - 5000 - 1200, align: 'right' },
];

/** Above 50 rejected rows the letter counts and sums them per failed check; the rows themselves are in the appendix. */
function checksTable(): string {
  return dataTable(CHECK_COLUMNS, CHECK_COLUMNS.map((c) => c.title), ['{#by_check}{check}', '{rows}', '{sum}{/by_check}'], [['Всего не согласовано строк', '{rows_rejected}', '{rejected_sum_number}']]);
}

function letter(): string {
  const body = 'SverkaBody';
  return documentXml([
    letterhead(),
    para('О результатах проверки реестра за {period}', { style: 'SverkaSubject' }),
    para('Уважаемый руководитель!', { align: 'center', after: 12 }),
    para('{regulator_short} рассмотрел реестр № {registry_no} за {period} (услуга «{service}»), направленный письмом от {letter_out_date} № {letter_out_no} (вх. № {letter_in_no} от {letter_in_date}), и сообщает о результатах его проверки.', { style: body }),
    para('Заявленная сумма субсидии: {declared_sum}, домов: {rows_total}.', { style: body }),
    para('Согласованная сумма субсидии: {agreed_sum}, домов: {rows_agreed}.', { style: body }),
    para('Не согласовано: {rejected_sum}, домов: {rows_rejected}.', { style: body }),
    para('{#has_pending}', { style: body }),
    para('Решение не принято по строкам реестра: {rows_pending} на сумму {pending_sum}; о результатах их проверки будет сообщено дополнительно.', { style: body }),
    para('{/has_pending}', { style: body }),
    para('{result_text}', { style: body, after: 6, keepNext: true }),
    para('{#has_rejected}', { style: body }),
    para('{#list_rows}', { style: body }),
    para('Перечень несогласованных строк реестра с указанием причин приведен в таблице (№ строки — № п/п реестра, в скобках строка файла, где они различаются).', { style: body, after: 6, keepNext: true }),
    rejectedTable(),
    para('{/list_rows}', { style: body }),
    para('{^list_rows}', { style: body }),
    para('Несогласованные строки по проверкам, которые они не прошли (строка, не прошедшая несколько проверок, учтена в каждой):', { style: body, after: 6, keepNext: true }),
    checksTable(),
    para('Перечень несогласованных строк реестра ({rows_rejected}) с указанием причин приведен в приложении к настоящему письму.', { style: body, before: 6 }),
    para('{/list_rows}', { style: body }),
    para('Для возмещения несогласованных сумм РСО вправе представить корректировку реестра с обосновывающими документами.', { style: body, before: 6, keepNext: true }),
    para('{/has_rejected}', { style: body }),
    ...signature(),
  ]);
}

function notification(): string {
  const body = 'SverkaBody';
  return documentXml([
    letterhead(),
    para('УВЕДОМЛЕНИЕ', { style: 'Title', before: 12, after: 0 }),
    para('{title}', { style: 'Title', before: 0 }),
    para('{#refused}', { style: body }),
    para('{regulator_short} сообщает, что реестр № {registry_no} за {period} (услуга «{service}»), направленный письмом от {letter_out_date} № {letter_out_no} и поступивший {registered_at}, в регистрации не принят.', { style: body }),
    para('Причина отказа в регистрации: {refusal_reason}.', { style: body }),
    para('После устранения причины отказа реестр может быть направлен повторно.', { style: body, keepNext: true }),
    para('{/refused}', { style: body }),
    para('{^refused}', { style: body }),
    para('{regulator_short} сообщает, что реестр № {registry_no} за {period} (услуга «{service}»), направленный письмом от {letter_out_date} № {letter_out_no}, зарегистрирован {registered_at} под входящим № {letter_in_no} от {letter_in_date}.', { style: body }),
    para('Заявленная сумма субсидии {declared_sum}, строк (домов) в реестре: {rows_total}.', { style: body }),
    para('Срок проверки реестра: {check_deadline}; срок оформления результатов: {finish_deadline}.', { style: body }),
    para('Текущий статус реестра: {status}.', { style: body, keepNext: true }),
    para('{/refused}', { style: body }),
    ...signature(),
  ]);
}

/** A .docx package with a fixed time stamp, so rebuilding gives the same bytes. */
function pack(title: string, documentXmlText: string): Uint8Array {
  const mtime = new Date('2026-01-01T00:00:00Z');
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(ROOT_RELS),
      'docProps/core.xml': strToU8(core(title)),
      'docProps/app.xml': strToU8(APP),
      'word/document.xml': strToU8(documentXmlText),
      'word/_rels/document.xml.rels': strToU8(DOCUMENT_RELS),
      'word/styles.xml': strToU8(STYLES),
      'word/settings.xml': strToU8(SETTINGS),
      'word/fontTable.xml': strToU8(FONT_TABLE),
    },
    { level: 9, mtime },
  );
}

export function buildTemplates(): Record<'letter.docx' | 'notification.docx', Uint8Array> {
  return {
    'letter.docx': pack('Письмо РСО о результатах проверки реестра', letter()),
    'notification.docx': pack('Уведомление о регистрации реестра', notification()),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, bytes] of Object.entries(buildTemplates())) {
    writeFileSync(`${OUT}${name}`, bytes);
    console.log(`${name}: ${bytes.length} bytes`);
  }
}
