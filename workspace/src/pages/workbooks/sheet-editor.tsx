import { useEffect, useRef, useState } from 'preact/hooks';
import { addFormula, moveSheet, removeFormula, removeSheet, setFormula, setSheetPart, setSheetTitle } from '../../../../formulas/collab/workbook-doc.ts';
import type { Field } from '../../../../formulas/workbook/data.ts';
import { checkFormula } from '../../../../formulas/workbook/evaluate.ts';
import { SOURCE_FIELDS } from '../../../../formulas/workbook/sources.ts';
import type { FilterOp, SheetDef, SourceDef, SourceKind, WorkbookDef } from '../../../../formulas/workbook/types.ts';
import { FILTER_OP_TITLES, FILTER_OPS, SOURCE_KINDS, SOURCE_TITLES } from '../../../../formulas/workbook/types.ts';
import { type CollabSession } from '../../collab/collab-session.ts';
import { ErrorLine } from '../../error-line.tsx';
import type { SheetView, WorkbookEvaluation } from '../../workers/workbook/workbook-api.ts';
import { FieldSelect } from './field-select.tsx';
import { PivotEditor, PivotPanel } from './pivot.tsx';
import { RowsGrid } from './rows-grid.tsx';

/** The fields of a source as the menus offer them (another sheet's: its last evaluated columns). */
function sourceFieldsOf(sheet: SheetDef, evaluation: WorkbookEvaluation | null): readonly Field[] {
  if (sheet.source.kind !== 'sheet') return SOURCE_FIELDS[sheet.source.kind];
  const from = sheet.source.sheet;
  return evaluation?.sheets.find((s) => s.id === from)?.fields ?? [];
}

/** The source's filter inputs, by kind. */
const SOURCE_INPUTS: Record<Exclude<SourceKind, 'sheet'>, { key: string; label: string; placeholder?: string }[]> = {
  registry_rows: [
    { key: 'from', label: 'С периода', placeholder: 'ГГГГ-ММ' }, { key: 'to', label: 'По период', placeholder: 'ГГГГ-ММ' },
    { key: 'service', label: 'Услуга' }, { key: 'rso_inn', label: 'ИНН РСО' }, { key: 'district', label: 'Район' },
    { key: 'status', label: 'Статус реестра' }, { key: 'failed_check', label: 'Не пройдена проверка' },
  ],
  houses: [{ key: 'district', label: 'Район' }, { key: 'service', label: 'Услуга' }],
  bptr: [{ key: 'service', label: 'Услуга' }, { key: 'rso_inn', label: 'ИНН РСО' }, { key: 'district', label: 'Район' }, { key: 'valid_on', label: 'Действует на', placeholder: 'ГГГГ-ММ-ДД' }],
  registries: [
    { key: 'from', label: 'С периода', placeholder: 'ГГГГ-ММ' }, { key: 'to', label: 'По период', placeholder: 'ГГГГ-ММ' },
    { key: 'service', label: 'Услуга' }, { key: 'rso_inn', label: 'ИНН РСО' }, { key: 'district', label: 'Район' }, { key: 'status', label: 'Статус' },
  ],
};

interface SheetProps {
  session: CollabSession;
  def: WorkbookDef;
  sheet: SheetDef;
  view: SheetView | null;
  evaluation: WorkbookEvaluation | null;
  editable: boolean;
  refused: string | null;
}

/** One sheet of a workbook: its source and filters, formula columns, sort, pivot, and the rows evaluated. */
export function SheetEditor({ session, def, sheet, view, evaluation, editable, refused }: SheetProps) {
  const doc = session.doc;
  const fields = sourceFieldsOf(sheet, evaluation);
  const known = view?.known.length ? view.known : [...fields, ...sheet.formulas.map((f): Field => ({ name: f.name, title: f.title ?? f.name, type: 'value' }))];
  const names = known.map((f) => f.name);
  const problems = (view?.problems ?? []).filter((p) => p.part !== 'formula');
  return (
    <div class="wb-sheet">
      <aside class="wb-definition panel" aria-label="Описание листа">
        <label class="field">
          <span class="field__label">Название листа</span>
          <input value={sheet.title} disabled={!editable} onChange={(e) => setSheetTitle(doc, sheet.id, e.currentTarget.value)} />
        </label>
        {editable && (
          <div class="wb-row">
            <button type="button" class="button button--small" disabled={def.sheets[0]?.id === sheet.id} onClick={() => moveSheet(doc, sheet.id, def.sheets.findIndex((s) => s.id === sheet.id) - 1)}>← Сдвинуть лист</button>
            <button type="button" class="button button--small" disabled={def.sheets.length < 2 || def.sheets.some((s) => s.source.kind === 'sheet' && s.source.sheet === sheet.id)}
              title="Лист, из которого читает другой лист, не удаляется" onClick={() => removeSheet(doc, sheet.id)}>Удалить лист</button>
          </div>
        )}
        <SourceEditor doc={session} def={def} sheet={sheet} editable={editable} />
        <details class="wb-group wb-columns">
          <summary>Столбцы источника: {sheet.columns.length === 0 ? 'все' : sheet.columns.length}</summary>
          {fields.map((f) => {
            const on = sheet.columns.length === 0 || sheet.columns.includes(f.name);
            return (
              <label key={f.name} class="field--inline">
                <input type="checkbox" checked={on} disabled={!editable}
                  onChange={(e) => {
                    const current = sheet.columns.length === 0 ? fields.map((x) => x.name) : sheet.columns;
                    const next = e.currentTarget.checked ? fields.map((x) => x.name).filter((n) => n === f.name || current.includes(n)) : current.filter((n) => n !== f.name);
                    setSheetPart(doc, sheet.id, 'columns', next.length === fields.length ? [] : next);
                  }} />
                {f.title} <span class="muted">[{f.name}]</span>
              </label>
            );
          })}
        </details>
        <fieldset class="wb-group">
          <legend>Столбцы-формулы</legend>
          {sheet.formulas.map((f, k) => (
            <FormulaRow key={k} session={session} sheetId={sheet.id} index={k} name={f.name} formula={f.formula} fields={[...fields.map((x) => x.name), ...sheet.formulas.slice(0, k).map((x) => x.name)]} editable={editable} />
          ))}
          {editable && (
            <button type="button" class="button button--small" onClick={() => addFormula(doc, sheet.id, { name: `f${sheet.formulas.length + 1}`, formula: '=' })}>+ формула</button>
          )}
        </fieldset>
        <fieldset class="wb-group">
          <legend>Фильтры</legend>
          {sheet.filters.map((f, k) => (
            <div key={k} class="wb-row">
              <FieldSelect value={f.field} fields={known} disabled={!editable} onChange={(v) => setSheetPart(doc, sheet.id, 'filters', sheet.filters.map((x, j) => (j === k ? { ...x, field: v } : x)))} />
              <select value={f.op} disabled={!editable} onChange={(e) => setSheetPart(doc, sheet.id, 'filters', sheet.filters.map((x, j) => (j === k ? { ...x, op: e.currentTarget.value as FilterOp } : x)))}>
                {FILTER_OPS.map((op) => <option key={op} value={op}>{FILTER_OP_TITLES[op]}</option>)}
              </select>
              {f.op !== 'empty' && f.op !== 'not_empty' && (
                <input class="wb-value" value={String(f.value ?? '')} disabled={!editable} aria-label="Значение фильтра"
                  onChange={(e) => setSheetPart(doc, sheet.id, 'filters', sheet.filters.map((x, j) => (j === k ? { ...x, value: e.currentTarget.value } : x)))} />
              )}
              {editable && <button type="button" class="button button--quiet button--small" aria-label="Убрать фильтр" onClick={() => setSheetPart(doc, sheet.id, 'filters', sheet.filters.filter((_, j) => j !== k))}>✕</button>}
            </div>
          ))}
          {editable && <button type="button" class="button button--small" onClick={() => setSheetPart(doc, sheet.id, 'filters', [...sheet.filters, { field: names[0] ?? '', op: 'not_empty' }])}>+ фильтр</button>}
        </fieldset>
        <fieldset class="wb-group">
          <legend>Сортировка</legend>
          {sheet.sorts.map((s, k) => (
            <div key={k} class="wb-row">
              <FieldSelect value={s.field} fields={known} disabled={!editable} onChange={(v) => setSheetPart(doc, sheet.id, 'sorts', sheet.sorts.map((x, j) => (j === k ? { ...x, field: v } : x)))} />
              <label class="field--inline">
                <input type="checkbox" checked={s.desc === true} disabled={!editable} onChange={(e) => setSheetPart(doc, sheet.id, 'sorts', sheet.sorts.map((x, j) => (j === k ? { ...x, desc: e.currentTarget.checked } : x)))} />
                по убыванию
              </label>
              {editable && <button type="button" class="button button--quiet button--small" aria-label="Убрать сортировку" onClick={() => setSheetPart(doc, sheet.id, 'sorts', sheet.sorts.filter((_, j) => j !== k))}>✕</button>}
            </div>
          ))}
          {editable && <button type="button" class="button button--small" onClick={() => setSheetPart(doc, sheet.id, 'sorts', [...sheet.sorts, { field: names[0] ?? '' }])}>+ сортировка</button>}
        </fieldset>
        <PivotEditor session={session} sheet={sheet} known={known} editable={editable} />
      </aside>
      <div class="wb-results">
        {refused && <ErrorLine>{refused}</ErrorLine>}
        {problems.map((p, k) => <ErrorLine key={k}>{p.message}</ErrorLine>)}
        {view?.pivot && <PivotPanel sheet={sheet} view={view} />}
        <RowsGrid view={view} />
      </div>
    </div>
  );
}

function SourceEditor({ doc: session, def, sheet, editable }: { doc: CollabSession; def: WorkbookDef; sheet: SheetDef; editable: boolean }) {
  const doc = session.doc;
  const src = sheet.source;
  const set = (s: SourceDef) => setSheetPart(doc, sheet.id, 'source', s);
  const others = def.sheets.filter((s) => s.id !== sheet.id);
  return (
    <fieldset class="wb-group">
      <legend>Источник</legend>
      <select value={src.kind} disabled={!editable} aria-label="Источник"
        onChange={(e) => {
          const kind = e.currentTarget.value as SourceKind;
          set(kind === 'sheet' ? { kind, sheet: others[0]?.id ?? '' } : ({ kind } as SourceDef));
        }}>
        {SOURCE_KINDS.map((k) => <option key={k} value={k} disabled={k === 'sheet' && others.length === 0}>{SOURCE_TITLES[k]}</option>)}
      </select>
      {src.kind === 'sheet' ? (
        <select value={src.sheet} disabled={!editable} aria-label="Лист-источник" onChange={(e) => set({ kind: 'sheet', sheet: e.currentTarget.value })}>
          {others.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      ) : (
        <div class="wb-source-inputs">
          {SOURCE_INPUTS[src.kind].map((i) => (
            <label key={i.key} class="field">
              <span class="field__label">{i.label}</span>
              <input value={(src as unknown as Record<string, string | undefined>)[i.key] ?? ''} placeholder={i.placeholder} disabled={!editable}
                onChange={(e) => {
                  const v = e.currentTarget.value.trim();
                  const next = { ...(src as unknown as Record<string, string>) };
                  if (v) next[i.key] = v;
                  else delete next[i.key];
                  set(next as unknown as SourceDef);
                }} />
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** A formula column: checked as it is typed against the fields it may name, the error with its position. */
function FormulaRow({ session, sheetId, index, name, formula, fields, editable }: { session: CollabSession; sheetId: string; index: number; name: string; formula: string; fields: string[]; editable: boolean }) {
  const [text, setText] = useState(formula);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(formula);
  }, [formula]);
  const problem = text.trim() === '' || text.trim() === '=' ? null : checkFormula(text, fields);
  const commit = (t: string) => {
    if (t !== formula) setFormula(session.doc, sheetId, index, { formula: t });
  };
  return (
    <div class="wb-formula">
      <div class="wb-row">
        <input class="wb-name" value={name} disabled={!editable} aria-label="Имя столбца" onChange={(e) => setFormula(session.doc, sheetId, index, { name: e.currentTarget.value.trim() })} />
        <input class={`wb-formula__text${problem ? ' wb-formula__text--bad' : ''}`} value={text} disabled={!editable} aria-label={`Формула [${name}]`} aria-invalid={problem ? 'true' : undefined}
          spellcheck={false}
          onFocus={() => (focused.current = true)}
          onBlur={(e) => {
            focused.current = false;
            commit(e.currentTarget.value);
          }}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && commit(e.currentTarget.value)} />
        {editable && <button type="button" class="button button--quiet button--small" aria-label={`Убрать столбец [${name}]`} onClick={() => removeFormula(session.doc, sheetId, index)}>✕</button>}
      </div>
      {problem && <p class="field__error" role="alert">Позиция {problem.position}: {problem.message}</p>}
    </div>
  );
}

