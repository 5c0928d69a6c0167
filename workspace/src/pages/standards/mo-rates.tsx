import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { MoRateRow } from '../../../../server/contract/standards.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { formatInteger } from '../../format.ts';
import { createHandsontable, type Handsontable } from '../../grid/handsontable.ts';

const FIELDS = ['maintenance', 'capital_repair', 'rent'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_TITLES: Record<Field, string> = { maintenance: 'Содержание и ремонт', capital_repair: 'Взнос на капремонт', rent: 'Плата за наём' };
const COLUMN_KEYS = ['municipal_district', 'settlement', 'house_type', ...FIELDS] as const;

type Cell = string | number;
const ROW_PX = 29;
const HEADER_PX = 34;
const ROWS_HIGH = 420;
const toCells = (rows: readonly MoRateRow[]): Cell[][] => rows.map((r) => [r.municipal_district, r.settlement === 'все' ? 'все' : r.settlement, r.house_type, Number(r.maintenance), Number(r.capital_repair), Number(r.rent)]);

/** A rouble amount as the server takes it: exact text with a decimal point. */
const amountText = (v: unknown): string | null => {
  const t = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(/\s/g, '').replace(',', '.') : '';
  return /^\d+(\.\d{1,2})?$/.test(t) ? t : null;
};

/**
 * The МО directories: содержание и ремонт, взнос на капремонт, плата за наём per district, settlement and house
 * type, in a Handsontable grid. An analyst edits a cell (the server command sets that row), or applies one
 * value to a whole district or settlement («применить к МР/МО»).
 */
export function MoRates({ user }: { user: SessionUser }) {
  const host = useRef<HTMLDivElement>(null);
  const hot = useRef<Handsontable | null>(null);
  const [rows, setRows] = useState<MoRateRow[] | null>(null);
  const rowsRef = useRef<MoRateRow[]>([]);
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const canEdit = user.role === 'analyst' || user.role === 'admin';

  const [district, setDistrict] = useState('');
  const [settlement, setSettlement] = useState('');
  const [houseType, setHouseType] = useState<'' | 'МКД' | 'ЖД'>('');
  const [values, setValues] = useState<Record<Field, string>>({ maintenance: '', capital_repair: '', rent: '' });
  const [reason, setReason] = useState('');

  /** Reloads the rows and writes what changed into the grid (data is loaded into it once). */
  async function refresh(): Promise<void> {
    const r = await unwrap(api.standards['mo-rates'].$get());
    const next = r.rows;
    const grid = hot.current;
    if (grid && next.length === rowsRef.current.length && next.every((x, i) => x.id === rowsRef.current[i]?.id)) {
      const changes: [number, number, Cell][] = [];
      toCells(next).forEach((cells, i) => cells.forEach((v, c) => v !== grid.getDataAtCell(i, c) && changes.push([i, c, v])));
      if (changes.length > 0) grid.setDataAtCell(changes, 'refresh');
    } else grid?.updateData(toCells(next));
    // as tall as its rows up to a screenful; longer lists scroll inside the grid
    grid?.updateSettings({ height: Math.min(ROWS_HIGH, HEADER_PX + ROW_PX * Math.max(1, next.length) + 4) });
    rowsRef.current = next;
    setRows(next);
  }

  async function apply(cmd: { municipal_district: string; settlement?: string; house_type?: 'МКД' | 'ЖД' } & Partial<Record<Field, string>>): Promise<boolean> {
    try {
      // the basis of every change here (a cell typed in the grid or the form below): the server refuses without one
      const r = await unwrap(api.standards['mo-rates'].apply.$post({ json: { ...cmd, reason: reasonRef.current.trim() } }));
      setStatus({ kind: 'success', text: `Ставки применены: строк изменено ${formatInteger(r.rows)}. Стандарты групп пересчитаны по новым ставкам.` });
      await refresh();
      return true;
    } catch (e) {
      setStatus({ kind: 'error', text: messageOf(e) });
      return false;
    }
  }
  const reasonRef = useRef(reason);
  reasonRef.current = reason;
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    if (!host.current) return;
    const grid = createHandsontable(host.current, {
      data: [],
      colHeaders: ['Муниципальный район', 'МО', 'Тип дома', 'Содержание и ремонт, руб./м²', 'Капремонт, руб./м²', 'Наём, руб./м²'],
      columns: COLUMN_KEYS.map((k, i) => ({
        type: i >= 3 ? 'numeric' : 'text',
        readOnly: i < 3 || !canEdit,
        numericFormat: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
        className: i >= 3 ? 'htRight' : '',
      })),
      colWidths: [240, 160, 90, 230, 160, 140],
      height: HEADER_PX + ROW_PX,
      afterChange(changes, source) {
        // only what the user typed, pasted or filled: refreshes and reverts come back with their own sources
        if (!changes || (source !== 'edit' && source !== 'CopyPaste.paste' && source !== 'Autofill.fill')) return;
        for (const [row, prop, before, after] of changes) {
          const r = rowsRef.current[row];
          const field = FIELDS[Number(prop) - 3];
          if (!r || !field || before === after) continue;
          const value = amountText(after);
          if (value === null) {
            grid.setDataAtCell(row, Number(prop), before as Cell, 'revert');
            setStatus({ kind: 'error', text: `${FIELD_TITLES[field]}: нужна сумма в рублях, до копеек` });
            continue;
          }
          void applyRef.current({ municipal_district: r.municipal_district, settlement: r.settlement, house_type: r.house_type, [field]: value }).then((ok) => {
            if (!ok) grid.setDataAtCell(row, Number(prop), before as Cell, 'revert');
          });
        }
      },
    });
    hot.current = grid;
    refresh().catch((e: unknown) => setStatus({ kind: 'error', text: messageOf(e) }));
    return () => {
      grid.destroy();
      hot.current = null;
    };
  }, [canEdit]);

  const districts = useMemo(() => [...new Set((rows ?? []).map((r) => r.municipal_district))], [rows]);
  const settlements = useMemo(() => [...new Set((rows ?? []).filter((r) => r.municipal_district === district && r.settlement !== 'все').map((r) => r.settlement))], [rows, district]);
  const given = Object.fromEntries(FIELDS.filter((f) => values[f].trim() !== '').map((f) => [f, values[f].trim()]));

  return (
    <section class="standards-rates" aria-labelledby="standards-rates-title">
      <div class="standards-toolbar">
        <div>
          <h2 id="standards-rates-title">Справочники МО</h2>
          <p class="standards-note">
            Содержание и ремонт, взнос на капремонт и плата за наём по районам и МО (строка «все» действует для МО без своей строки). ЖБО — услуга дома с
            тарифом и нормативом, она в реестре домов и в стандартах групп.
          </p>
        </div>
      </div>
      {status && (
        <p class={`message message--${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      {canEdit && (
        <div class="field field--inline standards-rates__reason">
          <label class="field__label" for="mo-rates-reason">
            Основание изменений
          </label>
          <input id="mo-rates-reason" value={reason} maxLength={500} placeholder="постановление администрации № … от …" onInput={(e) => setReason(e.currentTarget.value)} />
        </div>
      )}
      <div class="standards-rates__grid" ref={host} />
      {canEdit && (
        <form
          class="standards-apply panel"
          onSubmit={(e) => {
            e.preventDefault();
            if (!district) return;
            void apply({ municipal_district: district, ...(settlement ? { settlement } : {}), ...(houseType ? { house_type: houseType } : {}), ...given });
          }}
        >
          <h3>Применить к МР/МО</h3>
          <div class="standards-apply__row">
            <div class="field">
              <label class="field__label" for="apply-district">
                Муниципальный район
              </label>
              <select id="apply-district" value={district} onChange={(e) => (setDistrict(e.currentTarget.value), setSettlement(''))}>
                <option value="">Выберите район</option>
                {districts.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label class="field__label" for="apply-settlement">
                МО
              </label>
              <select id="apply-settlement" value={settlement} onChange={(e) => setSettlement(e.currentTarget.value)}>
                <option value="">Все МО района</option>
                {settlements.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label class="field__label" for="apply-type">
                Тип дома
              </label>
              <select id="apply-type" value={houseType} onChange={(e) => setHouseType(e.currentTarget.value as '' | 'МКД' | 'ЖД')}>
                <option value="">МКД и ЖД</option>
                <option value="МКД">МКД</option>
                <option value="ЖД">ЖД</option>
              </select>
            </div>
            {FIELDS.map((f) => (
              <div key={f} class="field">
                <label class="field__label" for={`apply-${f}`}>
                  {FIELD_TITLES[f]}, руб./м²
                </label>
                <input id={`apply-${f}`} inputMode="decimal" value={values[f]} onInput={(e) => setValues((v) => ({ ...v, [f]: e.currentTarget.value }))} />
              </div>
            ))}
            <button type="submit" class="button button--primary" disabled={!district || Object.keys(given).length === 0} title={reason.trim() ? undefined : 'Укажите основание изменений над таблицей'}>
              Применить
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
