// Handsontable for the standards sheets: the base build with only the modules these grids use.
import Handsontable from 'handsontable/base';
import { NumericCellType, registerCellType, TextCellType } from 'handsontable/cellTypes';
import { CopyPaste, Formulas, registerPlugin } from 'handsontable/plugins';
import 'handsontable/styles/handsontable.min.css';
import 'handsontable/styles/ht-theme-main.min.css';

registerCellType(NumericCellType);
registerCellType(TextCellType);
registerPlugin(Formulas);
// Ctrl+C copies the selected cells as tab-separated text (Excel's habit), Ctrl+V pastes into editable cells
registerPlugin(CopyPaste);

interface HandsontableEnv {
  readonly env?: { readonly VITE_HANDSONTABLE_LICENSE_KEY?: string };
}

/**
 * Handsontable's own licence key, from the build's configuration; by default the non-commercial and
 * evaluation key (a commercial deployment sets its own). HyperFormula is given separately, created with gpl-v3.
 */
const HANDSONTABLE_LICENSE_KEY: string = (import.meta as ImportMeta & HandsontableEnv).env?.VITE_HANDSONTABLE_LICENSE_KEY || 'non-commercial-and-evaluation';

const HANDSONTABLE_THEME = 'ht-theme-main';

/** A Handsontable grid of the workspace: its licence key and theme, Russian locale, row numbers, the host's full width. */
export const createHandsontable = (host: HTMLElement, settings: Handsontable.GridSettings): Handsontable =>
  new Handsontable(host, { licenseKey: HANDSONTABLE_LICENSE_KEY, themeName: HANDSONTABLE_THEME, locale: 'ru-RU', rowHeaders: true, width: '100%', copyPaste: true, ...settings });

export { Handsontable };
