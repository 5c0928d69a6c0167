import type { IDoesFilterPassParams, IFilterComp, IFilterParams, IFloatingFilterComp, IFloatingFilterParams } from 'ag-grid-community';

/**
 * A set-of-values filter for ag-grid community (whose own set filter is an enterprise feature): the header's
 * filter row shows what is chosen and opens a list of the column's values with a tick box each, as Excel's
 * autofilter does. For columns with a few distinct values: statuses, verdicts. Use as
 * `filter: SetFilter, floatingFilterComponent: SetFloatingFilter`.
 */

/** The filter's model: the values a row may have to be shown. */
export interface SetFilterModel {
  values: string[];
}

/** The distinct values of a column with how many rows have each, most frequent first, then alphabetically. */
export function distinctValues(values: Iterable<string>): { value: string; rows: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, rows]) => ({ value, rows })).sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value, 'ru'));
}

/** What the filter row shows for a model: nothing when everything passes, else the chosen values. */
export function describeSetModel(model: SetFilterModel | null): string {
  if (!model) return '';
  if (model.values.length === 0) return 'ничего';
  return model.values.map((v) => v || '(пусто)').join(', ');
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export class SetFilter implements IFilterComp {
  private params!: IFilterParams;
  private gui!: HTMLElement;
  /** null: every value passes */
  private chosen: Set<string> | null = null;

  init(params: IFilterParams): void {
    this.params = params;
    this.gui = document.createElement('div');
    this.gui.className = 'grid-set-filter';
    this.gui.setAttribute('role', 'group');
    this.gui.setAttribute('aria-label', `Фильтр: ${params.colDef.headerName ?? ''}`);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  /** The list is drawn each time it opens: the values are those of the rows now held. */
  afterGuiAttached(): void {
    this.draw();
  }

  private valuesOfRows(): { value: string; rows: number }[] {
    const all: string[] = [];
    this.params.api.forEachNode((node) => {
      if (node.data !== undefined) all.push(text(this.params.getValue(node)));
    });
    return distinctValues(all);
  }

  private draw(): void {
    const values = this.valuesOfRows();
    this.gui.replaceChildren();
    const box = (label: string, checked: boolean, onChange: (on: boolean) => void, value?: string): HTMLLabelElement => {
      const l = document.createElement('label');
      l.className = 'grid-set-filter__option';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.checked = checked;
      if (value !== undefined) input.dataset.value = value;
      input.addEventListener('change', () => onChange(input.checked));
      l.append(input, document.createTextNode(` ${label}`));
      return l;
    };
    this.gui.append(
      box('(выбрать все)', this.chosen === null, (on) => {
        this.chosen = on ? null : new Set();
        this.changed();
      }),
    );
    for (const { value, rows } of values) {
      this.gui.append(
        box(`${value || '(пусто)'} — ${rows.toLocaleString('ru-RU')}`, this.chosen === null || this.chosen.has(value), (on) => {
          const next = this.chosen ?? new Set(values.map((v) => v.value));
          if (on) next.add(value);
          else next.delete(value);
          this.chosen = values.every((v) => next.has(v.value)) ? null : next;
          this.changed();
        }, value),
      );
    }
  }

  private changed(): void {
    this.draw();
    this.params.filterChangedCallback();
  }

  isFilterActive(): boolean {
    return this.chosen !== null;
  }

  doesFilterPass(p: IDoesFilterPassParams): boolean {
    return this.chosen === null || this.chosen.has(text(this.params.getValue(p.node)));
  }

  getModel(): SetFilterModel | null {
    return this.chosen === null ? null : { values: [...this.chosen] };
  }

  setModel(model: SetFilterModel | null): void {
    this.chosen = model ? new Set(model.values) : null;
    if (this.gui.isConnected) this.draw();
  }
}

/** The filter row's cell: the chosen values, a click opens the list. */
export class SetFloatingFilter implements IFloatingFilterComp {
  private gui!: HTMLButtonElement;

  init(params: IFloatingFilterParams): void {
    this.gui = document.createElement('button');
    this.gui.type = 'button';
    this.gui.className = 'grid-set-floating';
    this.gui.setAttribute('aria-label', `Фильтр: ${params.column.getColDef().headerName ?? ''}`);
    this.gui.addEventListener('click', () => params.showParentFilter());
    this.onParentModelChanged(params.currentParentModel() as SetFilterModel | null);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  onParentModelChanged(model: SetFilterModel | null): void {
    const shown = describeSetModel(model);
    this.gui.textContent = shown || 'все';
    this.gui.title = shown ? `Показаны: ${shown}` : 'Выбрать значения';
    this.gui.classList.toggle('grid-set-floating--active', Boolean(shown));
  }
}
