import { useEffect, useState } from 'preact/hooks';
import { CATEGORIES, CATEGORY_TITLES, FAMILY_SIZES } from '../../../../formulas/standards/types.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { formatDate, formatDecimal, formatRubles } from '../../format.ts';
import type { HouseCard as HouseCardData } from '../../../../server/contract/standards.ts';
import { ErrorLine } from '../../error-line.tsx';

const MARK = { passed: '✔', failed: '⚠', skipped: '—' } as const;
const MARK_TITLE = { passed: 'пройдена', failed: 'не пройдена', skipped: 'не проверялась' } as const;
const tariff = (t: string): string => Number(t).toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const SIZE = { '1': '1 чел.', '2': '2 чел.', '3': '3 и более' } as const;

/** The seed's house card: district, area and residents against ГИС ЖКХ, tariffs with БПТР marks, checks, standards. */
export function HouseCard({ fias, onClose }: { fias: string; onClose: () => void }) {
  const [card, setCard] = useState<HouseCardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the card shown stays until the next house's arrives (arrow keys move it row by row: no flash of «Загрузка»)
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    unwrap(api.standards.houses[':fias'].$get({ param: { fias } })).then(
      (c) => {
        if (!live) return;
        setCard(c);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(messageOf(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [fias]);

  if (error || !card) {
    return (
      <article class="standards-card panel" aria-busy={!error}>
        <header class="standards-card__head">
          {error ? <ErrorLine quiet>{error}</ErrorLine> : <p class="standards-note">Загрузка карточки дома…</p>}
          <button type="button" class="button button--small" onClick={onClose}>
            Закрыть
          </button>
        </header>
      </article>
    );
  }
  const h = card.house;
  const g = card.group;
  return (
    <article class="standards-card panel" aria-labelledby="house-card-title" aria-busy={loading}>
      <header class="standards-card__head">
        <h3 id="house-card-title">
          {h.house_type} {h.address}
        </h3>
        <button type="button" class="button button--small" onClick={onClose}>
          Закрыть
        </button>
      </header>
      <div class="standards-card__body">
        <dl class="standards-card__facts">
          <dt>Муниципальный район</dt>
          <dd>{h.municipal_district}</dd>
          <dt>Муниципальное образование</dt>
          <dd>{h.settlement || '—'}</dd>
          <dt>ФИАС</dt>
          <dd class="standards-mono">{h.fias_id}</dd>
          <dt>ОКТМО, ввод в эксплуатацию</dt>
          <dd>
            {card.oktmo}
            {card.commissioned ? `, ${formatDate(card.commissioned)}` : ''}
          </dd>
          <dt>Площадь дома (реестр / ГИС ЖКХ)</dt>
          <dd class={h.failed.includes('area') ? 'standards-mismatch' : undefined}>
            {formatDecimal(h.area) || '—'} / {formatDecimal(h.gis_area) || '—'}
          </dd>
          <dt>Количество жильцов (реестр / ГИС ЖКХ)</dt>
          <dd class={h.failed.includes('residents') ? 'standards-mismatch' : undefined}>
            {h.residents ?? '—'} / {h.gis_residents ?? '—'}
          </dd>
          <dt>Отопление (реестр / ГИС ЖКХ)</dt>
          <dd class={h.failed.includes('heating') ? 'standards-mismatch' : undefined}>
            {h.heating_type ?? '—'} / {h.gis_heating_types ?? '—'}
          </dd>
        </dl>
        <section>
          <h4>Актуальные тарифы</h4>
          {h.services.length === 0 ? (
            <p class="standards-note">У дома нет услуг в house_services.</p>
          ) : (
            <ul class="standards-tariffs">
              {h.services.map((s, i) => (
                <li key={i} class={s.bptr === '⚠' ? 'standards-mismatch' : undefined}>
                  <span aria-label={s.bptr === '✔' ? 'решение есть в БПТР' : 'нет привязки к БПТР'}>{s.bptr}</span> {s.service} {tariff(s.tariff)}/{tariff(s.norm)}{' '}
                  {s.norm_unit === 'м2' ? 'на м²' : 'на чел.'}
                  {s.heating_only ? ', только отопительный период' : ''} · БПТР: {s.decision_id ?? '--'}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <h4>Проверки</h4>
      <table class="table standards-checks">
        <thead>
          <tr>
            <th scope="col">Проверка</th>
            <th scope="col">Результат</th>
            <th scope="col">Комментарий</th>
          </tr>
        </thead>
        <tbody>
          {card.checks.map((c) => (
            <tr key={c.id} data-status={c.status}>
              <td>{c.title}</td>
              <td title={MARK_TITLE[c.status]}>{MARK[c.status]}</td>
              <td>{c.reason || '--'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Стандарты группы{g ? `: ${g.key.house_type}, ${g.key.heating_type}, домов в группе ${g.houses}` : ''}</h4>
      {!g || !g.standards ? (
        <p class="message message--warning">{g?.reason ?? 'Дом не отнесён ни к одной группе'}</p>
      ) : (
        <table class="table standards-card__standards">
          <thead>
            <tr>
              <th scope="col">Категория</th>
              {FAMILY_SIZES.map((n) => (
                <th key={n} scope="col" class="num">
                  {SIZE[n]}: отоп. / неотоп.
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map((c) => (
              <tr key={c}>
                <td>{CATEGORY_TITLES[c]}</td>
                {FAMILY_SIZES.map((n) => (
                  <td key={n} class="num">
                    {formatRubles(g.standards?.[c][n].heating ?? 0)} / {formatRubles(g.standards?.[c][n].non_heating ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
