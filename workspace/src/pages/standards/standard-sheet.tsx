import { HyperFormula } from 'hyperformula';
import { useEffect, useRef, useState } from 'preact/hooks';
import { toSpelling } from '../../../../formulas/formula/translate.ts';
import { hfValueToKopecks, type StandardSheet as SheetData } from '../../../../formulas/standards/sheet.ts';
import type { Standards } from '../../../../formulas/standards/types.ts';
import { columnLetters } from '../../../../formulas/standards/bulk.ts';
import { createHandsontable } from '../../grid/handsontable.ts';

const SHEET_NAME = 'Стандарт';
/** Columns of formulas' sheet: component or service, tariff, norm, unit, per m², per person, all year. */
const WIDTH = 7;

/** What the analyst changed: a tariff or a norm of a service, in 10⁻⁴ units, and the standards after it. */
export interface SheetEdit {
  service: string;
  field: 'tariff' | 'norm';
  value: number;
  standards: Standards | null;
  /** a colleague's edit arriving through the group's shared draft (not to be written back there) */
  remote?: boolean;
}

/** A value the sheet should show: a colleague's edit of the shared draft. */
export interface RemoteEdit {
  service: string;
  field: 'tariff' | 'norm';
  /** 10⁻⁴ units */
  value: number;
}

/** Standards read from the grid's HyperFormula: kopecks, or null where a formula errs. */
function readStandards(hf: HyperFormula, sheetId: number, sheet: SheetData): Standards | null {
  const out = {} as Standards;
  for (const ref of sheet.standards) {
    const v = hfValueToKopecks(hf.getCellValue({ sheet: sheetId, row: ref.row, col: ref.col }));
    if (v === null) return null;
    out[ref.category] ??= {} as Standards[typeof ref.category];
    out[ref.category][ref.n] ??= { heating: 0, non_heating: 0 };
    out[ref.category][ref.n][ref.period] = v;
  }
  return out;
}

/**
 * A cell's source as the formula bar shows it, the way Russian Excel does: `=$B$2*СУММПРОИЗВ($B$10:$B$12;…)`,
 * 9,12. The sheet itself keeps HyperFormula's English: its lexer does not take Cyrillic function names.
 */
function shownSource(source: unknown): string {
  if (source === null || source === undefined) return '';
  if (typeof source === 'number') return String(source).replace('.', ',');
  const text = String(source);
  return text.startsWith('=') ? toSpelling(text, 'ru') : text;
}

const money2 = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
const decimal4 = { minimumFractionDigits: 2, maximumFractionDigits: 4 };

/**
 * One group's standards sheet in Handsontable with HyperFormula: the components, the services' tariffs and
 * norms, and the 18 standards as formulas of the template. The formula of the selected cell is shown above
 * the grid; an edited tariff or norm recalculates every standard that depends on it at once, and the
 * standards that changed are marked.
 */
export function StandardSheet({ sheet, editable, onEdit, remote = [] }: { sheet: SheetData; editable: boolean; onEdit: (edit: SheetEdit) => void; remote?: readonly RemoteEdit[] }) {
  const hotRef = useRef<ReturnType<typeof createHandsontable> | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<{ address: string; source: string } | null>(null);
  const onEditRef = useRef(onEdit);
  onEditRef.current = onEdit;

  useEffect(() => {
    if (!host.current) return;
    const hf = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
    const serviceRows = new Map(sheet.services.map((s) => [s.row, s.service]));
    const standardCells = new Set(sheet.standards.map((r) => `${r.row}:${r.col}`));
    // the sheet's own header lines: the first, the one above the services and the one above the standards
    const firstService = sheet.services[0]?.row ?? 9;
    const firstStandard = sheet.standards[0]?.row ?? 13;
    const headRows = new Set([0, firstService - 1, firstStandard - 1]);
    const changed = new Set<string>();
    const hot = createHandsontable(host.current, {
      // rectangular: Handsontable sizes the columns from the rows it is given
      data: sheet.cells.map((r) => Array.from({ length: WIDTH }, (_, c) => r[c] ?? null)),
      formulas: { engine: hf, sheetName: SHEET_NAME },
      colHeaders: true,
      height: 'auto',
      colWidths: [290, 130, 160, 170, 60, 70, 100],
      autoWrapRow: false,
      cells(row, col) {
        const service = serviceRows.has(row);
        const isStandard = standardCells.has(`${row}:${col}`);
        const numeric = (row >= 1 && row <= 6 && col === 1) || (service && (col === 1 || col === 2)) || isStandard;
        const classes = [headRows.has(row) ? 'standards-cell--head' : '', isStandard ? 'standards-cell--standard' : '', changed.has(`${row}:${col}`) ? 'standards-cell--changed' : '', service && (col === 1 || col === 2) && editable ? 'standards-cell--editable' : ''];
        return {
          readOnly: !(editable && service && (col === 1 || col === 2)),
          type: numeric ? 'numeric' : 'text',
          numericFormat: isStandard ? money2 : decimal4,
          className: classes.filter(Boolean).join(' '),
        };
      },
      afterSelectionEnd(row, col) {
        setSelected({ address: `${columnLetters(col)}${row + 1}`, source: shownSource(hot.getSourceDataAtCell(row, col)) });
      },
      afterChange(changes, source) {
        if (!changes || source === 'loadData') return;
        const fromColleague = (source as string) === 'remote';
        const sheetId = hf.getSheetId(SHEET_NAME) ?? 0;
        for (const [row, prop, , value] of changes) {
          const col = Number(prop);
          const service = serviceRows.get(row);
          if (!service || (col !== 1 && col !== 2)) continue;
          const n = typeof value === 'number' ? value : Number(String(value).replace(',', '.').replace(/\s/g, ''));
          if (!Number.isFinite(n)) continue;
          const standards = readStandards(hf, sheetId, sheet);
          onEditRef.current({ service, field: col === 1 ? 'tariff' : 'norm', value: Math.round(n * 10_000), standards, ...(fromColleague ? { remote: true } : {}) });
        }
      },
      beforeChange(changes) {
        // remember which standards an edit moves, to mark them once HyperFormula has recalculated
        const sheetId = hf.getSheetId(SHEET_NAME) ?? 0;
        const was = new Map(sheet.standards.map((r) => [`${r.row}:${r.col}`, hf.getCellValue({ sheet: sheetId, row: r.row, col: r.col })]));
        queueMicrotask(() => {
          changed.clear();
          for (const r of sheet.standards) {
            const key = `${r.row}:${r.col}`;
            if (hf.getCellValue({ sheet: sheetId, row: r.row, col: r.col }) !== was.get(key)) changed.add(key);
          }
          hot.render();
        });
        return changes.length > 0;
      },
    });
    const first = sheet.standards[0];
    if (first) hot.selectCell(first.row, first.col);
    hotRef.current = hot;
    return () => {
      hotRef.current = null;
      hot.destroy();
      hf.destroy();
    };
  }, [sheet, editable]);

  // colleagues' edits of the shared draft shown in the sheet (recalculated as any edit, not written back)
  useEffect(() => {
    const hot = hotRef.current;
    if (!hot) return;
    const changes: [number, number, number][] = [];
    for (const r of remote) {
      const line = sheet.services.find((s) => s.service === r.service);
      if (!line) continue;
      const col = r.field === 'tariff' ? 1 : 2;
      const value = r.value / 10_000;
      if (Number(hot.getDataAtCell(line.row, col)) !== value) changes.push([line.row, col, value]);
    }
    if (changes.length > 0) hot.setDataAtCell(changes, 'remote');
  }, [remote, sheet]);

  return (
    <div class="standards-sheet">
      <div class="standards-formula-bar" aria-live="polite">
        <span class="standards-formula-bar__address" data-testid="formula-address">
          {selected?.address ?? ''}
        </span>
        <code class="standards-formula-bar__source" data-testid="formula-source">
          {selected?.source ?? 'Выберите ячейку, чтобы увидеть её формулу'}
        </code>
      </div>
      <div class="standards-sheet__grid" ref={host} />
    </div>
  );
}
