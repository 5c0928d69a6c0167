import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, ensureFirstUsers } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import type { DocumentItem, DocumentKind } from '../contract/registries.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';
import { rubNumber, rubText } from './format.ts';
import { FIXTURE_REASONS, FIXTURE_RULES, fixtureRows, insertRegistry, type FixtureRow } from './testing.ts';

const LOGINS = ['admin', 'analyst', 'reviewer', 'reviewer2', 'manager'] as const;
type Login = (typeof LOGINS)[number];
const password = (login: string): string => DEMO_USERS.find((u) => u.login === login)?.password ?? '';

const sumOf = (rows: FixtureRow[]): number => rows.reduce((s, r) => s + r.subsidy, 0);

/** The text Word shows: paragraphs on their own lines, tags dropped, entities read back. */
function docxText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const documentXml = (bytes: Uint8Array): string => {
  const part = unzipSync(bytes)['word/document.xml'];
  if (!part) throw new Error('no word/document.xml in the file');
  return strFromU8(part);
};

async function workbookOf(bytes: ArrayBuffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

/** The row whose first cell is `title`, and the cell values of the rows under it up to the «Итого» line. */
function tableOf(ws: ExcelJS.Worksheet, title: string): { header: string[]; headerRow: number; rows: unknown[][]; total: unknown[] } {
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && row.getCell(1).value === title) headerRow = n;
  });
  if (!headerRow) throw new Error(`no table headed «${title}»`);
  const values = (n: number): unknown[] => (ws.getRow(n).values as unknown[]).slice(1);
  const header = values(headerRow).map(String);
  const rows: unknown[][] = [];
  let n = headerRow + 1;
  for (; ws.getRow(n).getCell(1).value !== 'Итого'; n++) {
    if (n > ws.rowCount) throw new Error('no «Итого» row');
    rows.push(values(n));
  }
  return { header, headerRow, rows, total: values(n) };
}

const kopecksOf = (v: unknown): number => Math.round(Number(v) * 100);

describe.each(testDatabases())('registry documents on $name', (target) => {
  let db: Database;
  let api: TestApi;
  const cookie = {} as Record<Login, string>;
  const userId = {} as Record<Login, number>;
  // Согласован in part: every 4th row rejected
  let decided: number;
  let decidedRows: FixtureRow[];
  // В работе: rows 1–3 agreed, 4 rejected, the rest waiting
  let partly: number;
  let partlyRows: FixtureRow[];
  // В работе without any decision, Новый, refused registration
  let undecided: number;
  let fresh: number;
  let refused: number;

  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    api = apiFor(db.sql);
    for (const login of LOGINS) cookie[login] = await signIn(api, login, password(login));
    for (const u of await db.sql<{ login: Login; id: number }[]>`select login, id from users`) userId[u.login] = u.id;
    decidedRows = fixtureRows(23, (i) => (i % 4 === 0 ? { status: 'Не согласован', reason: `Тариф не найден в БПТР (строка ${i})` } : { status: 'Согласован' }));
    decided = await insertRegistry(db.sql, { rsoName: 'ООО "Теплосервис-С. Абатское" <Водоканал> & Ко', status: 'Согласован', executorId: userId.reviewer, rows: decidedRows });
    partlyRows = fixtureRows(10, (i) => (i <= 3 ? { status: 'Согласован' } : i === 4 ? { status: 'Не согласован' } : { status: 'Требует решения' }));
    partly = await insertRegistry(db.sql, { rsoName: 'МУП ЖКХ Казанского района', rsoInn: '7203000010', status: 'В работе', executorId: userId.reviewer, rows: partlyRows });
    undecided = await insertRegistry(db.sql, { rsoName: 'АО "Энергосбыт"', status: 'В работе', executorId: userId.reviewer, rows: fixtureRows(4, () => ({ status: 'Требует решения' })) });
    fresh = await insertRegistry(db.sql, { rsoName: 'ООО "Ремель Водопад"', status: 'Новый', executorId: null, letterInNo: null, letterInDate: null, rows: fixtureRows(3, () => ({ status: 'Требует решения' })) });
    refused = await insertRegistry(db.sql, { rsoName: 'МП "Строй-проект"', status: 'Отказано в регистрации', executorId: null, refusalReason: 'Реестр за этот период уже зарегистрирован (№ 1)', rows: [] });
  });
  afterAll(async () => {
    await db.close();
  });

  const generate = (registryId: number, kind: DocumentKind | string, who: Login = 'reviewer'): Promise<Response> =>
    Promise.resolve(api.request(`/registries/${registryId}/documents`, { method: 'POST', headers: { cookie: cookie[who], 'content-type': 'application/json' }, body: JSON.stringify({ kind }) }));

  async function generated(registryId: number, kind: DocumentKind, who: Login = 'reviewer'): Promise<DocumentItem> {
    const res = await generate(registryId, kind, who);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as DocumentItem;
  }

  async function download(id: number, who: Login = 'reviewer'): Promise<{ res: Response; bytes: Uint8Array }> {
    const res = await api.request(`/documents/${id}/file`, { headers: { cookie: cookie[who] } });
    expect(res.status).toBe(200);
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  const counts = async (): Promise<{ documents: number; audits: number }> => {
    const [c] = await db.sql<{ documents: number; audits: number }[]>`
      select (select count(*) from documents)::int as documents, (select count(*) from audit_log where action = 'registry.document')::int as audits`;
    return c ?? { documents: -1, audits: -1 };
  };

  it('makes a letter that opens, names the РСО and the sums, and has one table row per rejected row', async () => {
    const item = await generated(decided, 'letter');
    expect(item).toMatchObject({ registryId: decided, kind: 'letter', title: 'Письмо РСО о результатах проверки', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', createdBy: 'Проверкин Иван Петрович' });
    expect(item.number).toMatch(/^СВ-\d{4}-\d{6}$/);
    expect(item.fileName).toBe(`Письмо ${item.number}.docx`);
    const { bytes } = await download(item.id);
    const xml = documentXml(bytes);
    const text = docxText(xml);
    const rejected = decidedRows.filter((r) => r.status === 'Не согласован');
    expect(rejected).toHaveLength(5);
    expect(text).toContain('ООО "Теплосервис-С. Абатское" <Водоканал> & Ко');
    expect(text).toContain(`Заявленная сумма субсидии: ${rubText(sumOf(decidedRows))}, домов: 23.`);
    expect(text).toContain(`Согласованная сумма субсидии: ${rubText(sumOf(decidedRows.filter((r) => r.status === 'Согласован')))}, домов: 18.`);
    expect(text).toContain(`Не согласовано: ${rubText(sumOf(rejected))}, домов: 5.`);
    expect(text).toContain(`№ ${item.number} от `);
    expect(text).toContain('август 2026');
    expect(text).toContain('Реестр согласован частично.');
    expect(text).toContain('Исп. Проверкин Иван Петрович');

    const tables = xml.split('<w:tbl>').slice(1);
    const table = tables.find((t) => t.includes('Причина отказа в согласовании'));
    expect(table).toBeDefined();
    const rows = (table ?? '').split('<w:tr>').slice(1).map((r) => docxText(r.replace(/<\/w:tc>/g, '\t')));
    // header, one row per rejected row, the total
    expect(rows).toHaveLength(rejected.length + 2);
    rejected.forEach((r, k) => {
      const cells = (rows[k + 1] ?? '').split('\t').map((c) => c.trim());
      expect(cells.slice(0, 5)).toEqual([String(r.n), r.address, r.fiasId, rubNumber(r.subsidy), r.reason]);
    });
    expect(rows.at(-1)).toContain(rubNumber(sumOf(rejected)));
    // sums never wrap: no-break spaces inside them
    expect(rubNumber(123_456_789)).toBe('1\u00a0234\u00a0567,89');
    expect(text).toContain(`Не согласовано: ${rubNumber(sumOf(rejected))}\u00a0руб.`);
  });

  it('fills every placeholder, whatever the registry', async () => {
    const cases: [number, DocumentKind, string[]][] = [
      [decided, 'letter', ['Реестр согласован частично.']],
      [partly, 'letter', ['Решение не принято по строкам реестра: 6 на сумму', 'Проверка реестра не завершена', 'МУП ЖКХ Казанского района']],
      [decided, 'notification', ['о регистрации реестра', 'зарегистрирован', 'Текущий статус реестра: Согласован.']],
      [fresh, 'notification', ['о регистрации реестра', 'под входящим № б/н от —', 'Исп. Администратор системы']], // no executor: who made it
      [refused, 'notification', ['об отказе в регистрации реестра', 'Причина отказа в регистрации: Реестр за этот период уже зарегистрирован (№ 1).']],
    ];
    for (const [registryId, kind, phrases] of cases) {
      const who: Login = registryId === fresh || registryId === refused ? 'admin' : 'reviewer';
      const item = await generated(registryId, kind, who);
      const text = docxText(documentXml((await download(item.id)).bytes));
      expect(text, `${kind} of registry ${registryId}`).not.toMatch(/[{}]/);
      for (const p of phrases) expect(text, `${kind} of registry ${registryId}`).toContain(p);
      if (kind === 'notification') expect(item.title).toBe(registryId === refused ? 'Уведомление об отказе в регистрации реестра' : 'Уведомление о регистрации реестра');
    }
    // the refused one has no rejected rows: the letter's table is only in letters
    const partlyLetter = (await listOf(partly)).find((d) => d.kind === 'letter');
    const xml = documentXml((await download(partlyLetter?.id ?? 0)).bytes);
    expect(xml.split('<w:tbl>').slice(1).find((t) => t.includes('Причина отказа в согласовании'))?.split('<w:tr>').length).toBe(1 + 3);
  });

  it('lets whoever refused a registration make the refusal notification, naming them as the executor', async () => {
    const id = await insertRegistry(db.sql, { rsoName: 'ООО "Отказ"', status: 'Новый', executorId: null, rows: fixtureRows(2, () => ({ status: 'Требует решения' })) });
    const refuse = await api.request(`/registries/${id}/refuse`, { method: 'POST', headers: { cookie: cookie.reviewer2, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'Не указан ИНН РСО' }) });
    expect(refuse.status).toBe(200);
    const card = (await (await api.request(`/registries/${id}`, { headers: { cookie: cookie.reviewer2 } })).json()) as { can: { documents: boolean } };
    expect(card.can.documents).toBe(true);
    expect((await generate(id, 'notification', 'reviewer')).status).toBe(403); // another reviewer did not refuse it
    expect((await generate(id, 'letter', 'reviewer2')).status).toBe(403); // the notification only
    const item = await generated(id, 'notification', 'reviewer2');
    const text = docxText(documentXml((await download(item.id)).bytes));
    expect(text).toContain('Причина отказа в регистрации: Не указан ИНН РСО.');
    const refuser = DEMO_USERS.find((u) => u.login === 'reviewer2')?.fullName ?? '';
    expect(text).toContain(`Исп. ${refuser}`);
    // an admin's notification names who refused too, not «—»
    const byAdmin = await generated(id, 'notification', 'admin');
    expect(docxText(documentXml((await download(byAdmin.id)).bytes))).toContain(`Исп. ${refuser}`);
  });

  it('sums a letter of more than 50 rejected rows per failed check and refers to the appendix', async () => {
    const rows = fixtureRows(300, (i) => (i % 5 === 0 || i % 7 === 0 || i === 1 ? { status: 'Не согласован' } : { status: 'Согласован' }));
    const id = await insertRegistry(db.sql, { status: 'Согласован', executorId: userId.reviewer, rows });
    const item = await generated(id, 'letter');
    const xml = documentXml((await download(item.id)).bytes);
    const text = docxText(xml);
    const rejected = rows.filter((r) => r.status === 'Не согласован');
    expect(rejected.length).toBeGreaterThan(50);
    expect(text).toContain(`Перечень несогласованных строк реестра (${rejected.length}) с указанием причин приведен в приложении`);
    expect(text).not.toContain('Причина отказа в согласовании');
    const table = xml.split('<w:tbl>').slice(1).find((t) => t.includes('Проверка, которую не прошли строки')) ?? '';
    const lines = table.split('<w:tr>').slice(1).map((r) => docxText(r.replace(/<\/w:tc>/g, '\t')).split('\t').map((c) => c.trim()));
    const failedBy = (k: number): FixtureRow[] => rejected.filter((r) => r.checkStatus[k] === 2);
    const title = (k: number): string => FIXTURE_RULES[k]?.title ?? '';
    // check 8 (every 5th), check 9 (every 7th), then row 1 rejected with no failed check; then the total
    expect(lines.slice(1).map((l) => l.slice(0, 3))).toEqual([
      [`№ 8 «${title(7)}»`, String(failedBy(7).length), rubNumber(sumOf(failedBy(7)))],
      [`№ 9 «${title(8)}»`, String(failedBy(8).length), rubNumber(sumOf(failedBy(8)))],
      ['Проверки пройдены, не согласовано по решению проверяющего', '1', rubNumber(rows[0]!.subsidy)],
      ['Всего не согласовано строк', String(rejected.length), rubNumber(sumOf(rejected))],
    ]);
  });

  async function listOf(registryId: number, who: Login = 'reviewer'): Promise<DocumentItem[]> {
    const res = await api.request(`/registries/${registryId}/documents`, { headers: { cookie: cookie[who] } });
    expect(res.status).toBe(200);
    return (await res.json()) as DocumentItem[];
  }

  it('numbers documents from the sequence: one higher each time, unique under concurrent generation', async () => {
    const seqOf = (n: string): number => Number(n.slice(-6));
    const a = await generated(decided, 'appendix');
    const b = await generated(decided, 'letter', 'admin');
    expect(seqOf(b.number)).toBe(seqOf(a.number) + 1);
    expect(b.number.slice(0, 8)).toBe(a.number.slice(0, 8));
    const make = (i: number): Promise<DocumentItem> => generated(i % 2 ? decided : partly, i % 3 ? 'letter' : 'notification');
    // The embedded database's socket serves one statement at a time and loses portals when several connections
    // interleave (server/sync/sync-hub.ts): concurrency is tested against the real server, in order on the embedded one.
    const burst: DocumentItem[] = [];
    if (db.kind === 'postgres') burst.push(...(await Promise.all(Array.from({ length: 6 }, (_, i) => make(i)))));
    else for (let i = 0; i < 6; i++) burst.push(await make(i));
    const numbers = burst.map((d) => d.number);
    expect(new Set(numbers).size).toBe(6);
    for (const n of numbers) expect(seqOf(n)).toBeGreaterThan(seqOf(b.number));
    const [dupes] = await db.sql<{ n: number }[]>`select count(*)::int - count(distinct number)::int as n from documents`;
    expect(dupes?.n).toBe(0);
  });

  it('lists a registry’s documents newest first, to every role', async () => {
    const all = await listOf(decided, 'manager');
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all.map((d) => d.id)).toEqual([...all.map((d) => d.id)].sort((x, y) => y - x));
    for (const d of all) expect(d.registryId).toBe(decided);
    expect((await listOf(partly, 'analyst')).every((d) => d.registryId === partly)).toBe(true);
  });

  it('downloads the stored document byte for byte, with a UTF-8 file name', async () => {
    const item = await generated(decided, 'letter');
    const { res, bytes } = await download(item.id, 'manager');
    const [stored] = await db.sql<{ content: Buffer }[]>`select content from documents where id = ${item.id}`;
    expect(Buffer.compare(Buffer.from(bytes), stored?.content ?? Buffer.alloc(0))).toBe(0);
    expect(res.headers.get('content-type')).toBe(item.mimeType);
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+$/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '')).toBe(item.fileName);
    const [audit] = await db.sql<{ payload: { sha256: string } }[]>`select payload from audit_log where action = 'registry.document' and payload->>'documentId' = ${String(item.id)}`;
    expect(audit?.payload.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('writes one audit record with each document, and neither when generation is refused', async () => {
    const before = await counts();
    expect(before.documents).toBeGreaterThan(0);
    expect(before.audits).toBe(before.documents);
    const pairs = await db.sql<{ id: number; created_by: number; actor_id: number; entity: string; entity_id: string; registry_id: number; number: string; pnumber: string }[]>`
      select d.id::int as id, d.created_by, a.actor_id, a.entity, a.entity_id, d.registry_id::int as registry_id, d.number, a.payload->>'number' as pnumber
      from documents d join audit_log a on a.action = 'registry.document' and a.payload->>'documentId' = d.id::text`;
    expect(pairs).toHaveLength(before.documents);
    for (const p of pairs) {
      expect(p.actor_id).toBe(p.created_by);
      expect([p.entity, p.entity_id, p.pnumber]).toEqual(['registry', String(p.registry_id), p.number]);
    }
    expect((await generate(fresh, 'letter', 'admin')).status).toBe(409);
    expect((await generate(decided, 'letter', 'reviewer2')).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('stores no document when its audit record cannot be written', async () => {
    // a real failure inside the transaction, after the document's insert: the audit log refuses this one action
    await db.sql.unsafe(`create function refuse_document_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit refused for the test'; end $$`);
    await db.sql.unsafe(`create trigger refuse_document_audit before insert on audit_log for each row
      when (new.action = 'registry.document') execute function refuse_document_audit()`);
    try {
      const before = await counts();
      const [seq] = await db.sql<{ n: string }[]>`select last_value::text as n from document_numbers`;
      const res = await generate(decided, 'letter');
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ code: 'internal', message: 'Внутренняя ошибка сервера. Она записана в журнал; попробуйте ещё раз.' });
      expect(await counts()).toEqual(before);
      const [after] = await db.sql<{ n: string }[]>`select last_value::text as n from document_numbers`;
      // the number was drawn and is lost with the transaction, as sequences do; no document carries it
      expect(Number(after?.n)).toBe(Number(seq?.n) + 1);
    } finally {
      await db.sql.unsafe('drop trigger refuse_document_audit on audit_log');
      await db.sql.unsafe('drop function refuse_document_audit()');
    }
    expect((await generate(decided, 'letter')).status).toBe(201);
  });

  it('lets only the registry’s executor or an admin generate: 403 for a manager, an analyst and a reviewer not assigned', async () => {
    for (const who of ['manager', 'analyst'] as const) {
      const res = await generate(decided, 'letter', who);
      expect(res.status, who).toBe(403);
      expect(await res.json()).toEqual({ code: 'forbidden', message: 'Недостаточно прав для этого действия' });
    }
    const other = await generate(decided, 'letter', 'reviewer2');
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ code: 'forbidden', message: 'Документы по реестру формирует его исполнитель или администратор; уведомление об отказе — также тот, кто отказал в регистрации' });
    expect((await generate(fresh, 'notification', 'reviewer')).status).toBe(403);
    expect((await generated(decided, 'appendix', 'admin')).createdBy).toBe('Администратор системы');
    const anonymous = await api.request(`/registries/${decided}/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'letter' }) });
    expect(anonymous.status).toBe(401);
    expect((await api.request(`/registries/${decided}/documents`)).status).toBe(401);
  });

  it('refuses a letter before any decision, an unknown kind, and unknown ids, in Russian', async () => {
    const early = await generate(undecided, 'letter');
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({ code: 'document_not_ready', message: 'По строкам реестра еще не принято ни одного решения: письмо о результатах проверки формировать рано' });
    expect((await generate(fresh, 'appendix', 'admin')).status).toBe(409);
    expect((await generate(refused, 'letter', 'admin')).status).toBe(409);
    const bad = await generate(decided, 'memo');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'invalid_request', message: 'Некорректные данные запроса: kind' });
    const missing = await generate(999_999, 'letter', 'admin');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'registry_not_found', message: 'Реестр № 999999 не найден' });
    expect((await api.request('/registries/999999/documents', { headers: { cookie: cookie.admin } })).status).toBe(404);
    expect((await api.request('/documents/999999/file', { headers: { cookie: cookie.admin } })).status).toBe(404);
    expect((await api.request('/registries/999999/export.xlsx', { headers: { cookie: cookie.admin } })).status).toBe(404);
  });

  it('makes the .xlsx appendix: the rejected rows with reasons and totals exact to the kopeck', async () => {
    const item = await generated(decided, 'appendix');
    expect(item.fileName).toBe(`Приложение ${item.number}.xlsx`);
    const { bytes } = await download(item.id);
    const ws = await workbookOf(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const t = tableOf(ws, '№ строки');
    const rejected = decidedRows.filter((r) => r.status === 'Не согласован');
    expect(t.header).toEqual(['№ строки', 'Адрес дома', 'Код дома по ФИАС', 'Заявленная сумма субсидии, руб.', 'Расчетная сумма субсидии, руб.', 'Причина отказа в согласовании']);
    expect(t.rows.map((r) => [r[0], r[1], kopecksOf(r[3]), kopecksOf(r[4]), r[5]])).toEqual(rejected.map((r) => [r.n, r.address, r.subsidy, r.expected, r.reason]));
    expect(t.total[1]).toBe(`строк: ${rejected.length}`);
    expect(kopecksOf(t.total[3])).toBe(sumOf(rejected));
    expect(ws.getRow(t.headerRow + 1).getCell(4).numFmt).toBe('#,##0.00');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: t.headerRow });
    expect(ws.autoFilter).toBe(`A${t.headerRow}:F${t.headerRow + rejected.length}`);
    // printed: landscape A4 one page wide, the header on every page, page numbers; rows as tall as their text
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.headerFooter.oddFooter).toBe('&CСтраница &P из &N');
    expect(ws.getRow(t.headerRow + 1).height).toBeGreaterThanOrEqual(30); // the address wraps
    let declaredLine: unknown;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'Заявлено, руб.') declaredLine = row.getCell(3).value;
    });
    expect(kopecksOf(declaredLine)).toBe(sumOf(decidedRows));
  });

  it('exports the registry: every row, one column per rule, the reasons, the decisions, exact totals', async () => {
    const res = await api.request(`/registries/${decided}/export.xlsx`, { headers: { cookie: cookie.manager } });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '')).toMatch(/^Реестр \d+ .+ 2026-08\.xlsx$/);
    const ws = await workbookOf(await res.arrayBuffer());
    const t = tableOf(ws, '№ строки');
    const col = (title: string): number => {
      const k = t.header.indexOf(title);
      if (k < 0) throw new Error(`no column ${title}`);
      return k;
    };
    const ruleCols = FIXTURE_RULES.map((r) => col(`${/^\d+$/.test(r.id) ? `#${r.id}` : r.id} ${r.title}`));
    expect(t.rows).toHaveLength(decidedRows.length);
    t.rows.forEach((row, i) => {
      const f = decidedRows[i] as FixtureRow;
      expect(row[col('№ строки')]).toBe(f.rowNo); // the file's № п/п is its line here: one number
      expect(kopecksOf(row[col('Размер итоговой субсидии, руб.')])).toBe(f.subsidy);
      expect(kopecksOf(row[col('Расчетная сумма субсидии, руб.')])).toBe(f.expected);
      expect(ruleCols.map((c) => row[c])).toEqual(f.checkStatus.map((s) => ['', 'Пройдена', 'Не пройдена', 'Пропущена'][s]));
      const failed = FIXTURE_RULES.filter((_, k) => f.checkStatus[k] === 2).map((r) => `#${r.id}`);
      expect(row[col('Результат авто-проверки')]).toBe(failed.length ? `Есть ошибки ${failed.join(', ')}` : 'Без ошибок');
      if (f.rowNo % 7 === 0) expect(String(row[col('Причины')])).toContain(`#9: ${FIXTURE_REASONS[4]}`);
      expect(row[col('Решение')]).toBe(f.status);
      expect(row[col('Причина решения')] ?? null).toBe(f.reason);
    });
    expect(kopecksOf(t.total[col('Размер итоговой субсидии, руб.')])).toBe(sumOf(decidedRows));
    expect(kopecksOf(t.total[col('Расчетная сумма субсидии, руб.')])).toBe(decidedRows.reduce((s, r) => s + r.expected, 0));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: t.headerRow });
    expect(String(ws.autoFilter)).toMatch(new RegExp(`^A${t.headerRow}:[A-Z]+${t.headerRow + decidedRows.length}$`));
    const summary = new Map<unknown, ExcelJS.Cell>();
    ws.eachRow((row, n) => {
      if (n < t.headerRow) summary.set(row.getCell(1).value, row.getCell(4));
    });
    expect(summary.get('РСО')?.value).toBe('ООО "Теплосервис-С. Абатское" <Водоканал> & Ко, ИНН 7707083893');
    // dates and the period are date cells, shown ДД.ММ.ГГГГ and by the month's name
    expect(summary.get('Срок проверки')?.value).toEqual(new Date(Date.UTC(2026, 8, 14)));
    expect(summary.get('Срок проверки')?.numFmt).toBe('dd.mm.yyyy;@');
    expect(summary.get('Отчетный период')?.value).toEqual(new Date(Date.UTC(2026, 7, 1)));
    expect(summary.get('Отчетный период')?.numFmt).toBe('[$-419]mmmm yyyy;@');
    expect(kopecksOf(summary.get('Заявленная сумма, руб.')?.value)).toBe(sumOf(decidedRows));
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
  });

  it('exports the registries list as filtered, with the filters on the sheet and exact totals', async () => {
    const res = await api.request(`/registries/export.xlsx?status=${encodeURIComponent('В работе')}&period=2026-08`, { headers: { cookie: cookie.analyst } });
    expect(res.status).toBe(200);
    const ws = await workbookOf(await res.arrayBuffer());
    const t = tableOf(ws, '№ п/п');
    expect(t.header).toEqual(['№ п/п', 'Наименование района', 'Наименование РСО', 'Комментарий', 'Период нач. субсидии', 'Исх. № / дата письма РСО', 'Отметка об исполнении', 'Срок проверки', 'Заявлено, руб.', 'Согласовано, руб.', 'Исполнитель', 'Вх. № / дата письма РСО', 'Услуга', 'Статус']);
    const names = t.rows.map((r) => r[2]).sort();
    expect(names).toEqual(['АО "Энергосбыт"', 'МУП ЖКХ Казанского района']);
    for (const r of t.rows) expect(r[13]).toBe('В работе');
    const inWork = [...partlyRows, ...fixtureRows(4, () => ({ status: 'Требует решения' }))];
    expect(kopecksOf(t.total[8])).toBe(sumOf(inWork));
    expect(kopecksOf(t.total[9])).toBe(sumOf(partlyRows.filter((r) => r.status === 'Согласован')));
    const heading: string[] = [];
    ws.eachRow((row, n) => {
      if (n < t.headerRow) heading.push(String(row.getCell(1).value ?? ''));
    });
    expect(heading).toContain('Фильтры: Статус: В работе; Период: 2026-08');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: t.headerRow });
    expect(t.rows[0]?.[4]).toEqual(new Date(Date.UTC(2026, 7, 1))); // the period: a date cell shown «Август 2026»
    expect(t.rows[0]?.[7]).toEqual(new Date(Date.UTC(2026, 8, 14)));
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${t.headerRow}:${t.headerRow}` });

    const byName = await api.request(`/registries/export.xlsx?q=${encodeURIComponent('водопад')}`, { headers: { cookie: cookie.manager } });
    const one = tableOf(await workbookOf(await byName.arrayBuffer()), '№ п/п');
    expect(one.rows.map((r) => [r[2], r[13]])).toEqual([['ООО "Ремель Водопад"', 'Новый']]);
    const bad = await api.request('/registries/export.xlsx?period=2026-13', { headers: { cookie: cookie.manager } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'invalid_request', message: 'Некорректные данные запроса: period' });
  });
});
