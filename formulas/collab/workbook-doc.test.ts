import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readWorkbook } from '../workbook/schema.ts';
import type { WorkbookDef } from '../workbook/types.ts';
import { parseDocName, docNameOf } from './shared-doc.ts';
import { addFormula, fillWorkbookDoc, hasWorkbook, moveSheet, removeFormula, setFormula, setSheetPart, workbookOfDoc } from './workbook-doc.ts';

const def: WorkbookDef = {
  version: 1, title: 'Книга', sheets: [
    { id: 'a', title: 'Строки', source: { kind: 'registry_rows', service: 'ВО' }, columns: ['v'], formulas: [{ name: 'd', formula: '=[eot]-[lt]' }, { name: 'e', formula: '=[v]*2' }], filters: [], sorts: [], pivot: { groupBy: ['district'], values: [{ field: 'v', agg: 'sum' }] }, chart: { type: 'bar' } },
    { id: 'b', title: 'Дома', source: { kind: 'houses' }, columns: [], formulas: [], filters: [], sorts: [] },
  ],
};

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('workbook as a shared document', () => {
  it('names its document and reads back the definition it was filled with', () => {
    expect(parseDocName('workbook:12')).toEqual({ kind: 'workbook', workbookId: 12 });
    expect(parseDocName('workbook:x')).toBeNull();
    expect(docNameOf({ kind: 'workbook', workbookId: 12 })).toBe('workbook:12');
    const doc = new Y.Doc();
    expect(hasWorkbook(doc)).toBe(false);
    fillWorkbookDoc(doc, def);
    expect(hasWorkbook(doc)).toBe(true);
    const back = readWorkbook(workbookOfDoc(doc));
    expect(back).toEqual({ ok: true, value: def });
  });

  it('two people editing two formulas, a filter and the order converge, each keeping their edit', () => {
    const a = new Y.Doc();
    fillWorkbookDoc(a, def);
    const b = new Y.Doc();
    sync(a, b);
    setFormula(a, 'a', 0, { formula: '=ОКРУГЛ([eot]-[lt]; 2)' });
    setFormula(b, 'a', 1, { formula: '=[v]*3' });
    addFormula(b, 'a', { name: 'f', formula: '=[d]+1' });
    setSheetPart(a, 'a', 'filters', [{ field: 'v', op: '>', value: '1,5' }]);
    moveSheet(b, 'b', 0);
    sync(a, b);
    expect(workbookOfDoc(a)).toEqual(workbookOfDoc(b));
    const w = readWorkbook(workbookOfDoc(a));
    if (!w.ok) throw new Error(w.message);
    expect(w.value.sheets.map((s) => s.id)).toEqual(['b', 'a']);
    const s = w.value.sheets[1];
    expect(s?.formulas.map((f) => f.formula)).toEqual(['=ОКРУГЛ([eot]-[lt]; 2)', '=[v]*3', '=[d]+1']);
    expect(s?.filters).toEqual([{ field: 'v', op: '>', value: '1,5' }]);
    removeFormula(a, 'a', 2);
    sync(a, b);
    expect((workbookOfDoc(b) as WorkbookDef).sheets[1]?.formulas).toHaveLength(2);
  });
});
