import { buildBulkWorkbook, readBulkRow, STANDARD_SLOTS, standardsAt, type BulkWorkbook } from '../../../formulas/standards/bulk.ts';
import type { StandardsServiceApi } from './standards-api.ts';

/**
 * HyperFormula over every group in one sheet (see `bulkLayout`). Building is the expensive part, so it
 * happens once per `evaluate`; an edit sets one cell and HyperFormula recalculates only the 18 standards of
 * that row.
 */
export function createStandardsService(): StandardsServiceApi {
  let book: BulkWorkbook | null = null;
  const rowOf = new Map<string, { row: number; services: string[] }>();

  return {
    evaluate(groups, template, params) {
      const started = performance.now();
      book?.hf.destroy();
      rowOf.clear();
      const built = buildBulkWorkbook(groups, template, params);
      book = built;
      const values = new Float64Array(groups.length * STANDARD_SLOTS.length);
      groups.forEach((g, i) => {
        rowOf.set(g.id, { row: i, services: g.services.map((l) => l.service) });
        readBulkRow(built, i, values, i * STANDARD_SLOTS.length);
      });
      return { ids: groups.map((g) => g.id), values, ms: performance.now() - started, formulas: groups.length * STANDARD_SLOTS.length };
    },

    edit(groupId, service, patch) {
      const started = performance.now();
      const at = rowOf.get(groupId);
      if (!book || !at) throw new Error(`standards service: group ${groupId} is not evaluated`);
      const j = at.services.indexOf(service);
      if (j < 0) throw new Error(`standards service: group ${groupId} has no service ${service}`);
      if (patch.tariff !== undefined) book.hf.setCellContents({ sheet: 0, row: at.row, col: book.layout.tariffCol + j }, patch.tariff / 10_000);
      if (patch.norm !== undefined) book.hf.setCellContents({ sheet: 0, row: at.row, col: book.layout.normCol + j }, patch.norm / 10_000);
      const values = new Float64Array(STANDARD_SLOTS.length);
      readBulkRow(book, at.row, values, 0);
      return { standards: standardsAt(values, 0), ms: performance.now() - started };
    },
  };
}
