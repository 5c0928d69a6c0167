import { formatInteger } from '../../format.ts';
import type { ReferenceSummary } from '../../../../server/contract/reference.ts';

const TILES: { key: keyof ReferenceSummary['counts']; title: string }[] = [
  { key: 'houses', title: 'Дома' },
  { key: 'tariffs', title: 'Тарифные решения' },
  { key: 'organisations', title: 'Организации' },
  { key: 'municipalities', title: 'Муниципальные образования' },
];

/** How much reference data the region has loaded. */
export function ReferenceCounts({ counts }: { counts: ReferenceSummary['counts'] | null }) {
  return (
    <dl class="counts" aria-label="Записей в справочниках">
      {TILES.map((t) => (
        <div class="counts__tile" key={t.key} data-count={t.key}>
          <dt>{t.title}</dt>
          <dd>{counts ? formatInteger(counts[t.key]) : '…'}</dd>
        </div>
      ))}
    </dl>
  );
}
