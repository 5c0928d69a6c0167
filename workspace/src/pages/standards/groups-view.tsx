import type { ColDef } from 'ag-grid-community';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { GroupDetail, GroupEditRecord, TemplateVersion } from '../../../../server/contract/standards.ts';
import { scaledToDecimal } from '../../../../formulas/parse/decimal.ts';
import { standardParams } from '../../../../formulas/standards/params.ts';
import type { StandardFormulaTemplate } from '../../../../formulas/standards/sheet.ts';
import type { ServiceLine, StandardGroup, Standards } from '../../../../formulas/standards/types.ts';
import { standardParamsTemplate } from '../../../../templates/index.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { formatInteger, formatRubles } from '../../format.ts';
import { useAgGrid } from '../../grid/use-ag-grid.ts';
import { standardsAt, type StandardsGroupInput } from '../../workers/standards/standards-api.ts';
import { standardsClient } from '../../workers/standards/standards-client.ts';
import { GroupEditHistory } from './group-edit-history.tsx';
import { groupKeyText, unitsText } from './group-text.ts';
import { StandardSheet, type SheetEdit } from './standard-sheet.tsx';
import { clearDraft, draftMarks, draftOf, setDraftMark, type DraftMark } from '../../../../formulas/collab/standards-draft.ts';
import { standardsDocName, type Presence } from '../../../../formulas/collab/shared-doc.ts';
import { openCollab, type CollabSession } from '../../collab/collab-session.ts';
import { TemplateEditor } from './template-editor.tsx';
import type { WorkerRun } from './worker-run.ts';
import { ErrorLine } from '../../error-line.tsx';

const params = standardParams(standardParamsTemplate);
const PAGE = 2_000;
const SHORT_LIST = 8;

/** A group as the list shows it: the server's standards (by the template in force) and the worker's HyperFormula ones. */
export interface GroupView extends StandardGroup {
  no: number;
  hf: Standards | null;
}

const money = (k: number | null | undefined): string => (k === null || k === undefined ? '' : formatRubles(k).replace('\u00a0₽', ''));
const sameStandards = (a: Standards | null, b: Standards | null): boolean => a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);

/** The sheet's unsaved edits of one group: service → its tariff and norm as edited (10⁻⁴ units). */
type Draft = Map<string, { tariff: number; norm: number }>;

/** The edits that differ from the group's lines, as the analyst reads them and as the server takes them. */
function draftChanges(draft: Draft, lines: readonly ServiceLine[]): { text: string; change: { service: string; tariff?: string; norm?: string } }[] {
  return [...draft].flatMap(([service, v]) => {
    const line = lines.find((l) => l.service === service);
    if (!line) return [];
    const parts: string[] = [];
    const change: { service: string; tariff?: string; norm?: string } = { service };
    if (v.tariff !== line.tariff) {
      parts.push(`тариф ${unitsText(line.tariff)} → ${unitsText(v.tariff)}`);
      change.tariff = scaledToDecimal(v.tariff, 4);
    }
    if (v.norm !== line.norm) {
      parts.push(`норматив ${unitsText(line.norm)} → ${unitsText(v.norm)}`);
      change.norm = scaledToDecimal(v.norm, 4);
    }
    return parts.length > 0 ? [{ text: `${service}: ${parts.join(', ')}`, change }] : [];
  });
}

const COLUMNS: ColDef<GroupView>[] = [
  { field: 'no', headerName: '№', width: 52, pinned: 'left', filter: 'agNumberColumnFilter' },
  { headerName: 'Муниципальный район', valueGetter: (p) => p.data?.key.municipal_district, width: 140, pinned: 'left', tooltipValueGetter: (p) => p.value as string },
  { headerName: 'МО', valueGetter: (p) => (p.data?.key.settlement === 'все' ? 'ВСЕ МО' : p.data?.key.settlement), width: 96, tooltipValueGetter: (p) => p.value as string },
  { headerName: 'Тип', valueGetter: (p) => p.data?.key.house_type, width: 58 },
  { headerName: 'Отопление', valueGetter: (p) => p.data?.key.heating_type, width: 112, tooltipValueGetter: (p) => p.value as string },
  { field: 'houses', headerName: 'Домов', width: 80, type: 'rightAligned', filter: 'agNumberColumnFilter' },
  {
    headerName: 'Тарифы / нормативы',
    valueGetter: (p) => p.data?.key.services.map((s) => `${s.service} ${unitsText(s.tariff)}/${unitsText(s.norm)}`).join('; '),
    flex: 1,
    minWidth: 110,
    tooltipValueGetter: (p) => p.value as string,
  },
  ...(
    [
      ['owner', 'Собственник', 'Собств.'],
      ['tenant', 'Наниматель', 'Наним.'],
    ] as const
  ).flatMap(([c, title, short]) =>
    (['heating', 'non_heating'] as const).map(
      (p): ColDef<GroupView> => ({
        // short enough not to break mid-word at 1366 px; the tooltip says it whole
        headerName: `${short}, ${p === 'heating' ? 'отоп.' : 'неотоп.'}`,
        colId: `${c}-${p}`,
        headerTooltip: `${title}, 1 человек, ${p === 'heating' ? 'отопительный' : 'неотопительный'} период, руб. в месяц`,
        valueGetter: (x) => money((x.data?.hf ?? x.data?.standards)?.[c]['1'][p]),
        width: 96,
        type: 'rightAligned',
      }),
    ),
  ),
  {
    headerName: 'Расчёт в браузере',
    headerTooltip: 'Стандарты группы, посчитанные в браузере по шаблону формул, против расчёта сервера',
    colId: 'hf',
    width: 110,
    valueGetter: (p) => (!p.data?.standards ? p.data?.reason ?? '' : !p.data.hf ? '…' : sameStandards(p.data.hf, p.data.standards) ? '✔ совпадает' : '≠ шаблон'),
    tooltipValueGetter: (p) => p.value as string,
  },
];

async function allGroups(): Promise<StandardGroup[]> {
  const rows: StandardGroup[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await unwrap(api.standards.groups.$get({ query: { offset: String(offset), limit: String(PAGE) } }));
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) return rows;
  }
}

const inputsOf = (groups: readonly StandardGroup[]): StandardsGroupInput[] =>
  groups.flatMap((g) => (g.rates && g.standards ? [{ id: g.id, rates: g.rates, services: g.key.services }] : []));

/**
 * Standards by group, as the seed's table reads: district, settlement, type, the services' tariffs and norms,
 * the owner's and the tenant's standards. Every group is evaluated by the HyperFormula template in a Web
 * Worker; a chosen group opens as a formula sheet where a tariff or a norm can be edited.
 */
export function GroupsView({ user }: { user: SessionUser }) {
  const { host, grid } = useAgGrid<GroupView>(() => ({
    columnDefs: COLUMNS,
    defaultColDef: { sortable: true, resizable: true, suppressHeaderMenuButton: true, wrapHeaderText: true, autoHeaderHeight: true },
    getRowId: (p) => p.data.id,
    rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true },
    enableCellTextSelection: true,
    suppressColumnVirtualisation: true,
    tooltipShowDelay: 500,
    onRowClicked: (e) => {
      if (!e.data) return;
      const id = e.data.id;
      // an unsaved draft of the group left is dropped: the worker's copy goes back to the server's lines
      void restoreWorker(open.current.detail, open.current.draft);
      setDraft(new Map());
      setSaved(null);
      setLastEdit(null);
      unwrap(api.standards.groups[':id'].$get({ param: { id } })).then(setDetail, (x: unknown) => setError(messageOf(x)));
    },
  }));
  const [groups, setGroups] = useState<GroupView[] | null>(null);
  const groupsRef = useRef<GroupView[] | null>(null);
  groupsRef.current = groups;
  const [template, setTemplate] = useState<TemplateVersion | null>(null);
  const [run, setRun] = useState<WorkerRun | null>(null);
  const [detail, setDetail] = useState<GroupDetail | null>(null);
  const [lastEdit, setLastEdit] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(new Map());
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // the sheet remounts from the server's lines when a draft is discarded
  const [sheetRun, setSheetRun] = useState(0);
  const [history, setHistory] = useState<GroupEditRecord[]>([]);
  const loadHistory = () => unwrap(api.standards.edits.$get({ query: { limit: '20' } })).then((r) => setHistory(r.rows), (e: unknown) => setError(messageOf(e)));
  const open = useRef<{ detail: GroupDetail | null; draft: Draft }>({ detail: null, draft: new Map() });
  open.current = { detail, draft };
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canEdit = user.role === 'analyst' || user.role === 'admin';
  // the open group's draft is shared live in its document `standards:<groupId>`: who is here, whose edit is whose
  const [collab, setCollab] = useState<CollabSession | null>(null);
  const [marks, setMarks] = useState<DraftMark[]>([]);
  const [people, setPeople] = useState<Presence[]>([]);
  const discardRef = useRef<() => Promise<void>>(async () => undefined);
  const groupId = detail?.sheet ? detail.group.id : null;
  useEffect(() => {
    if (!groupId) return;
    const session = openCollab(standardsDocName(groupId), user, { writable: canEdit });
    const draftMap = draftOf(session.doc);
    const read = (_e?: unknown, tx?: { local: boolean }) => {
      setMarks(draftMarks(session.doc));
      // a colleague saved or dropped the draft: this sheet goes back to the group's lines too
      if (tx && !tx.local && draftMap.size === 0) void discardRef.current();
    };
    const who = () => {
      const seen = new Map<string, Presence>();
      for (const st of session.awareness.getStates().values()) {
        const p = st as Presence | null;
        if (p?.user?.login) seen.set(p.user.login, p);
      }
      setPeople([...seen.values()]);
    };
    draftMap.observe(read);
    session.awareness.on('change', who);
    read();
    who();
    setCollab(session);
    return () => {
      draftMap.unobserve(read);
      session.awareness.off('change', who);
      session.close();
      setCollab(null);
      setMarks([]);
      setPeople([]);
    };
  }, [groupId]);

  async function evaluate(rows: GroupView[], t: StandardFormulaTemplate, version: number | string): Promise<WorkerRun> {
    const inputs = inputsOf(rows);
    const r = await standardsClient().evaluate(inputs, t, params);
    const byId = new Map(rows.map((g) => [g.id, g]));
    let agree = 0;
    let failed = 0;
    r.ids.forEach((id, i) => {
      const g = byId.get(id);
      if (!g) return;
      g.hf = standardsAt(r.values, i);
      if (!g.hf) failed++;
      else if (sameStandards(g.hf, g.standards)) agree++;
    });
    grid.current?.refreshCells({ force: true });
    return { groups: r.ids.length, formulas: r.formulas, workerMs: r.ms, totalMs: r.totalMs, agree, failed, templateVersion: version };
  }

  useEffect(() => {
    let live = true;
    void loadHistory();
    (async () => {
      const [rows, t] = await Promise.all([allGroups(), unwrap(api.standards.template.$get())]);
      if (!live) return;
      const views = rows.map((g, i): GroupView => ({ ...g, no: i + 1, hf: null }));
      setGroups(views);
      setTemplate(t);
      grid.current?.setGridOption('rowData', views);
      // a few groups take only the room they need; many scroll inside a fixed height
      if (views.length <= SHORT_LIST) {
        grid.current?.setGridOption('domLayout', 'autoHeight');
        host.current?.classList.add('standards-groups__grid--short');
      }
      const r = await evaluate(views, t.template, t.version);
      if (live) setRun(r);
    })().catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => grid.current?.setGridOption('quickFilterText', filter), [filter]);

  async function onEdit(edit: SheetEdit) {
    if (!detail) return;
    const id = detail.group.id;
    if (!edit.remote && collab?.writable) setDraftMark(collab.doc, { service: edit.service, field: edit.field, value: edit.value, by: user.login, byName: user.fullName, at: new Date().toISOString() });
    const line = detail.group.key.services.find((l) => l.service === edit.service);
    if (line) {
      setDraft((d) => {
        const next = new Map(d);
        const was = next.get(edit.service) ?? { tariff: line.tariff, norm: line.norm };
        next.set(edit.service, { ...was, [edit.field]: edit.value });
        return next;
      });
      setSaved(null);
    }
    try {
      const r = await standardsClient().edit(id, edit.service, { [edit.field]: edit.value });
      const row = groups?.find((g) => g.id === id);
      if (row) {
        row.hf = r.standards;
        grid.current?.refreshCells({ rowNodes: [grid.current.getRowNode(id)].filter((n) => n !== undefined), force: true });
      }
      setLastEdit(`${edit.service}: ${edit.field === 'tariff' ? 'тариф' : 'норматив'} ${unitsText(edit.value)} — стандарты группы пересчитаны`);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  /** The worker's copy of a group back to the server's tariffs and norms, and the list's figures with it. */
  async function restoreWorker(d: GroupDetail | null, edits: Draft) {
    if (!d || edits.size === 0) return;
    const id = d.group.id;
    let standards: Standards | null = null;
    for (const line of d.group.key.services) {
      if (edits.has(line.service)) standards = (await standardsClient().edit(id, line.service, { tariff: line.tariff, norm: line.norm })).standards;
    }
    const row = groupsRef.current?.find((g) => g.id === id);
    if (row) {
      row.hf = standards;
      grid.current?.refreshCells({ rowNodes: [grid.current.getRowNode(id)].filter((n) => n !== undefined), force: true });
    }
  }

  async function discard() {
    await restoreWorker(detail, draft).catch((e: unknown) => setError(messageOf(e)));
    setDraft(new Map());
    setLastEdit(null);
    setSheetRun((n) => n + 1);
  }
  discardRef.current = discard;

  async function saveDraft() {
    if (!detail) return;
    const changes = draftChanges(draft, detail.group.key.services).map((c) => c.change);
    setSaving(true);
    try {
      const r = await unwrap(api.standards.groups[':id'].services.$post({ param: { id: detail.group.id }, json: { changes, ...(comment.trim() ? { comment: comment.trim() } : {}) } }));
      // saved by the audited command: the shared draft is done (colleagues' sheets go back to the saved lines)
      if (collab) clearDraft(collab.doc);      // the houses regrouped on the server: the list, the worker and the open sheet are reloaded from it
      const rows = (await allGroups()).map((g, i): GroupView => ({ ...g, no: i + 1, hf: null }));
      setGroups(rows);
      grid.current?.setGridOption('rowData', rows);
      setDraft(new Map());
      setComment('');
      setLastEdit(null);
      const next = r.group_id ? await unwrap(api.standards.groups[':id'].$get({ param: { id: r.group_id } })) : null;
      setDetail(next);
      setSaved(`Изменения сохранены для домов группы: ${formatInteger(r.houses)} (строк тарифов ${formatInteger(r.rows)}); ${r.changes.map((c) => `${c.service} ${c.field === 'tariff' ? 'тариф' : 'норматив'} ${unitsText(Math.round(Number(c.old) * 10_000))} → ${unitsText(Math.round(Number(c.new) * 10_000))}`).join('; ')}. Группы и стандарты пересчитаны по новым тарифам.`);
      void loadHistory();
      if (template) setRun(await evaluate(rows, template.template, template.version));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  const reevaluate = async (t: StandardFormulaTemplate, version: number | string) => {
    if (!groups) return null;
    let rows = groups;
    // a saved version is in force on the server too: its standards are the ones to compare the worker's with
    if (typeof version === 'number' || /^\d+$/.test(version)) {
      rows = (await allGroups()).map((g, i): GroupView => ({ ...g, no: i + 1, hf: null }));
      setGroups(rows);
      grid.current?.setGridOption('rowData', rows);
    }
    const r = await evaluate(rows, t, version);
    setRun(r);
    return r;
  };

  const pending = detail ? draftChanges(draft, detail.group.key.services) : [];

  return (
    <section class="standards-groups" aria-labelledby="standards-groups-title">
      <div class="standards-toolbar">
        <div>
          <h2 id="standards-groups-title">Стандарты по группам домов</h2>
          <p class="standards-note" aria-live="polite" data-testid="worker-run">
            {run
              ? `Стандарты пересчитаны в браузере по шаблону формул v${run.templateVersion}: групп ${formatInteger(run.groups)}, формул ${formatInteger(run.formulas)}; совпадают с расчётом сервера: ${formatInteger(run.agree)}${run.failed ? `, ошибок формул: ${formatInteger(run.failed)}` : ''}`
              : groups
                ? `Групп: ${formatInteger(groups.length)}. Стандарты пересчитываются в браузере по шаблону…`
                : 'Загрузка групп…'}
          </p>
        </div>
        <div class="field field--inline field--search">
          <label class="field__label" for="standards-groups-filter">
            Поиск
          </label>
          <input id="standards-groups-filter" type="search" placeholder="Район, МО, услуга, тариф" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </div>
      </div>
      {error && <ErrorLine>{error}</ErrorLine>}
      <div class="standards-groups__grid" ref={host} />
      <p class="standards-note">Стандарты в таблице — на одного человека (семья из 1 человека), руб. в месяц. Выберите группу, чтобы открыть её лист с формулами.</p>
      {saved && (
        <p class="message message--success" role="status" data-testid="sheet-saved">
          {saved}
        </p>
      )}
      {detail && (
        <section class="standards-detail" aria-labelledby="standards-detail-title">
          <h3 id="standards-detail-title">
            {groupKeyText(detail.group.key)} — домов: {formatInteger(detail.group.houses)}
          </h3>
          {detail.sheet ? (
            <>
              <p class="standards-note">
                Лист расчёта по шаблону формул v{detail.template_version}. {canEdit ? 'Измените тариф или норматив услуги — стандарты пересчитаются сразу; изменения можно сохранить для домов группы или отменить.' : 'Изменять тарифы и нормативы могут аналитики.'}
              </p>
              {people.length > 0 && (
                <p class="standards-presence" aria-label="Кто в листе группы">
                  <span class="muted">В листе: </span>
                  {people.map((p) => (
                    <span key={p.user.login} class="standards-person" style={{ borderColor: p.user.color }}>
                      {p.user.name}
                      {p.watcher ? ' (просмотр)' : ''}
                    </span>
                  ))}
                </p>
              )}
              {lastEdit && (
                <p class="message message--info" data-testid="last-edit">
                  {lastEdit}
                </p>
              )}
              {canEdit && pending.length > 0 && (
                <div class="standards-draft panel" data-testid="sheet-draft" data-group={detail.group.id}>
                  <p class="standards-draft__title">
                    Черновик: изменения видны только в листе. Сохранение изменит тарифы и нормативы в реестре для всех домов группы ({formatInteger(detail.group.houses)}), дома перегруппируются, изменение попадёт в журнал.
                  </p>
                  <ul class="standards-draft__changes">
                    {pending.map((c) => {
                      const by = [...new Set(marks.filter((m) => m.service === c.change.service).map((m) => m.byName))];
                      return (
                        <li key={c.change.service}>
                          {c.text}
                          {by.length > 0 && <span class="muted"> — {by.join(', ')}</span>}
                        </li>
                      );
                    })}
                  </ul>
                  <div class="standards-draft__actions">
                    <div class="field field--inline">
                      <label class="field__label" for="sheet-draft-comment">
                        Основание
                      </label>
                      <input id="sheet-draft-comment" value={comment} maxLength={500} placeholder="например, решение РЭК" onInput={(e) => setComment(e.currentTarget.value)} />
                    </div>
                    <button type="button" class="button button--primary" disabled={saving} onClick={() => void saveDraft()}>
                      Сохранить изменения
                    </button>
                    <button type="button" class="button" disabled={saving} onClick={() => {
                      // the group's shared draft is dropped for everyone in it
                      if (collab) clearDraft(collab.doc);
                      void discard();
                    }}>
                      Отменить
                    </button>
                  </div>
                </div>
              )}
              <StandardSheet key={`${detail.group.id}:${sheetRun}`} sheet={detail.sheet} editable={canEdit} onEdit={(e) => void onEdit(e)} remote={marks} />
            </>
          ) : (
            <p class="message message--warning">{detail.group.reason ?? 'Стандарт группы не рассчитан'}</p>
          )}
        </section>
      )}
      <GroupEditHistory rows={history} />
      {template && <TemplateEditor user={user} current={template} onSaved={setTemplate} onTry={reevaluate} />}
    </section>
  );
}
