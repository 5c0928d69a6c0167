import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { workbookDocName } from '../../formulas/collab/shared-doc.ts';
import { addFormula, hasWorkbook, setFormula, setSheetPart, workbookOfDoc } from '../../formulas/collab/workbook-doc.ts';
import { readWorkbook } from '../../formulas/workbook/schema.ts';
import type { WorkbookDef } from '../../formulas/workbook/types.ts';
import { workbookTemplates } from '../../templates/index.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { createWorkbook } from '../workbooks/store.ts';
import { loadStoredDoc } from './doc-store.ts';
import { signedIn, startSyncServer, stockClient, until, upgradeStatus, type RunningSyncServer } from './testing.ts';

const content = (doc: Y.Doc): string => JSON.stringify(workbookOfDoc(doc));

describe.each(testDatabases())('a workbook edited together on $name', (target) => {
  let db: Database;
  let server: RunningSyncServer;
  const users: Record<string, { userId: number; cookie: string }> = {};

  beforeAll(async () => {
    db = await openMigrated(target);
    for (const [login, role] of [['analyst', 'analyst'], ['admin', 'admin'], ['manager', 'manager']] as const) users[login] = await signedIn(db.sql, login, role);
    server = await startSyncServer({ sql: db.sql, serializeDb: db.kind === 'embedded', idleMs: 20 });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('starts from the saved version, merges two analysts’ edits, keeps a viewer’s out, and stores the result', { timeout: 120_000 }, async () => {
    const def = workbookTemplates['eot-lt-by-rso-district'] as WorkbookDef;
    const wb = await createWorkbook(db.sql, def, { id: users.analyst?.userId as number, role: 'analyst' });
    const name = workbookDocName(wb.id);
    expect(await upgradeStatus(`${server.url}/workbook:999999`, users.analyst?.cookie as string)).toBe(404);
    const a = stockClient(server.url, name, users.analyst?.cookie as string);
    const b = stockClient(server.url, name, users.admin?.cookie as string);
    const m = stockClient(server.url, name, users.manager?.cookie as string);
    await Promise.all([a.synced, b.synced, m.synced]);
    await until([a.doc], () => hasWorkbook(a.doc));
    expect(readWorkbook(workbookOfDoc(a.doc))).toEqual({ ok: true, value: def });

    setFormula(a.doc, 'rows', 1, { formula: '=ABS([eot]-[lt])' });
    addFormula(b.doc, 'rows', { name: 'per_v', formula: '=ЕСЛИ([v]>0; [gap_sum]/[v]; "")' });
    setSheetPart(b.doc, 'rows', 'chart', { type: 'bar', value: 1 });
    setSheetPart(m.doc, 'rows', 'chart', { type: 'pie' });
    await until([a.doc, b.doc], () => content(a.doc) === content(b.doc) && (workbookOfDoc(a.doc) as WorkbookDef).sheets[0]?.formulas.length === 5);
    // the manager's change was not taken (a viewer's updates are dropped): the analysts' documents never see it
    const merged = readWorkbook(workbookOfDoc(a.doc));
    if (!merged.ok) throw new Error(merged.message);
    const sheet = merged.value.sheets[0];
    expect(sheet?.formulas.map((f) => f.formula)).toEqual(['=ЛЕВСИМВ([period]; 4)', '=ABS([eot]-[lt])', '=ОКРУГЛ([gap]*[v]; 2)', '=ЗНАЧЕН([year])>=ГОД(СЕГОДНЯ())-1', '=ЕСЛИ([v]>0; [gap_sum]/[v]; "")']);
    expect(sheet?.chart).toEqual({ type: 'bar', value: 1 });
    a.destroy();
    b.destroy();
    m.destroy();

    // stored: a document loaded from Postgres alone has the merged definition
    const stored = await loadStoredDoc(db.sql, name);
    const reloaded = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(reloaded, stored.snapshot);
    for (const u of stored.tail) Y.applyUpdate(reloaded, u);
    expect(readWorkbook(workbookOfDoc(reloaded))).toEqual({ ok: true, value: merged.value });
  });
});
