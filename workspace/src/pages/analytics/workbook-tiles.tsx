import { useEffect, useState } from 'preact/hooks';
import { chartData, chartOption } from '../../../../formulas/workbook/chart.ts';
import type { PivotResult } from '../../../../formulas/workbook/pivot.ts';
import type { WorkbookTile } from '../../../../server/contract/workbooks.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { followLink } from '../../router.ts';
import { ChartCard, type ChartOption } from './echart.tsx';

interface Shown {
  tile: WorkbookTile;
  option: ChartOption | null;
  empty: boolean;
  error?: string;
}

/**
 * Charts analysts pinned from their workbooks: each is the workbook's current version evaluated on the server
 * when the page opens, so it stays current. Nothing shows when nothing is pinned.
 */
export function WorkbookTiles() {
  const [shown, setShown] = useState<Shown[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const tiles = await unwrap(api.workbooks.tiles.$get());
        const out = await Promise.all(tiles.map(async (tile): Promise<Shown> => {
          try {
            const run = await unwrap(api.workbooks[':id{[0-9]+}'].run.$get({ param: { id: String(tile.workbookId) } }));
            const sheet = run.sheets.find((s) => s.id === tile.sheetId);
            if (!sheet?.pivot || !sheet.chart) return { tile, option: null, empty: true, error: 'У листа больше нет диаграммы' };
            const p: PivotResult = { ...sheet.pivot, groups: sheet.pivot.groups.map((g) => ({ ...g, rows: [] })), total: { keys: [], rows: [], values: sheet.pivot.total } };
            const d = chartData(p, sheet.chart, (n) => sheet.fields.find((f) => f.name === n) ?? null);
            return { tile, option: chartOption(d, { ...sheet.chart, title: undefined }), empty: sheet.pivot.groups.length === 0 };
          } catch (e) {
            return { tile, option: null, empty: true, error: userMessage(e) };
          }
        }));
        if (live) setShown(out);
      } catch (e) {
        if (live) setError(userMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  if (error) return <ErrorLine>{error}</ErrorLine>;
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="wb-tiles-title" class="analytics-tiles">
      <h2 id="wb-tiles-title">Из рабочих книг</h2>
      <div class="analytics-tiles__grid">
        {shown.map((s) => (
          <div key={s.tile.id}>
            <ChartCard title={s.tile.title} option={s.option} empty={s.empty} height={240}
              tools={<a class="button button--small" href={`/workbooks/${s.tile.workbookId}`} onClick={followLink}>Открыть книгу</a>} />
            {s.error && <ErrorLine>{s.error}</ErrorLine>}
          </div>
        ))}
      </div>
    </section>
  );
}
