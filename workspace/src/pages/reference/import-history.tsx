import { countWord, formatDateTime, formatInteger, HOUSE_WORDS } from '../../format.ts';
import { followLink } from '../../router.ts';
import { referenceTitle } from './reference-kinds.ts';
import type { ImportBatch } from '../../../../server/contract/reference.ts';

/** The latest reference imports: what was loaded, by whom, and what it changed (a houses or ГИС ЖКХ file: its change report). */
export function ImportHistory({ batches }: { batches: ImportBatch[] | null }) {
  return (
    <section class="panel history" aria-labelledby="history-title">
      <h2 id="history-title">История загрузок</h2>
      {batches === null ? (
        <p class="muted">Загрузка…</p>
      ) : batches.length === 0 ? (
        <p class="muted">Справочники ещё не загружались.</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Версия</th>
                <th scope="col">Дата</th>
                <th scope="col">Справочник</th>
                <th scope="col">Файл</th>
                <th scope="col" class="num">Строк</th>
                <th scope="col" class="num">Добавлено</th>
                <th scope="col" class="num">Изменено</th>
                <th scope="col" class="num">Без изменений</th>
                <th scope="col" class="num">Удалено</th>
                <th scope="col">Изменения домов</th>
                <th scope="col">Загрузил</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id}>
                  <td class="num">{b.id}</td>
                  <td class="nowrap">{formatDateTime(b.imported_at)}</td>
                  <td>{referenceTitle(b.kind)}</td>
                  <td class="file-name">{b.file_name}</td>
                  <td class="num">{formatInteger(b.rows)}</td>
                  <td class="num">{formatInteger(b.inserted)}</td>
                  <td class="num">{formatInteger(b.updated)}</td>
                  <td class="num">{formatInteger(b.unchanged)}</td>
                  <td class="num">{formatInteger(b.removed)}</td>
                  <td>
                    {b.changes ? (
                      <a
                        href={`/reference/changes/${b.id}`}
                        onClick={followLink}
                        title={`Изменения характеристик домов: изменено ${b.changes.houses_changed}, добавлено ${b.changes.added}, удалено ${b.changes.removed}, сменили группу ${b.changes.groups_changed}`}
                      >
                        {formatInteger(b.changes.houses_changed + b.changes.added + b.changes.removed)}{' '}
                        {countWord(b.changes.houses_changed + b.changes.added + b.changes.removed, HOUSE_WORDS)}
                      </a>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                  <td>{b.actor ?? <span class="muted" title="Загружено командой sverka import или при первом запуске демо-региона">система</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
