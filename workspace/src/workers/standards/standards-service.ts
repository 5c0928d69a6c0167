import { buildBulkWorkbook, editBulkGroup, readBulkRow, STANDARD_SLOTS, standardsAt, type BulkWorkbook } from '../../../../formulas/standards/bulk.ts';
import type { StandardsServiceApi } from './standards-api.ts';

/**
 * HyperFormula over every group (see formulas/standards/bulk.ts). Building is the expensive part, so it
 * happens once per `evaluate`; an edit sets one cell and HyperFormula recalculates only the 18 standards of
 * that group's row.
 */
export function createStandardsService(): StandardsServiceApi {
  let book: BulkWorkbook | null = null;
  const indexOf = new Map<string, number>();

  return {
    evaluate(groups, template, params) {
      const started = performance.now();
      book?.hf.destroy();
      book = null;
      indexOf.clear();
      const values = new Float64Array(groups.length * STANDARD_SLOTS.length);
      if (groups.length > 0) {
        const built = buildBulkWorkbook(groups, template, params);
        book = built;
        groups.forEach((g, i) => {
          indexOf.set(g.id, i);
          readBulkRow(built, i, values, i * STANDARD_SLOTS.length);
        });
      }
      return { ids: groups.map((g) => g.id), values, ms: performance.now() - started, formulas: groups.length * STANDARD_SLOTS.length };
    },

    edit(groupId, service, patch) {
      const started = performance.now();
      const g = indexOf.get(groupId);
      const group = g === undefined ? undefined : book?.groups[g];
      if (!book || g === undefined || !group) throw new Error(`standards service: group ${groupId} is not evaluated`);
      const j = group.services.findIndex((l) => l.service === service);
      if (j < 0) throw new Error(`standards service: group ${groupId} has no service ${service}`);
      editBulkGroup(book, g, j, patch);
      const values = new Float64Array(STANDARD_SLOTS.length);
      readBulkRow(book, g, values, 0);
      return { standards: standardsAt(values, 0), ms: performance.now() - started };
    },
  };
}
