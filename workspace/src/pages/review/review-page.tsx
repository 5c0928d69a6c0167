// first: the page's rules come before co-review.css, which its components import, as when they were in styles.css
import './review.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { mirrorRowsOf } from '../../../../formulas/collab/shared-doc.ts';
import { serviceDictionary } from '../../../../formulas/registry/services.ts';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { RuleSetVersion } from '../../../../server/contract/registries.ts';
import { serviceSpecs } from '../../../../templates/index.ts';
import { messageOf } from '../../api.ts';
import { shortName } from '../../collab/people.ts';
import { useColleagues, useConnection, useFlags, useLabels, usePeers, useRefusal, useRegistryCollab, useRowMirror, useThreads } from '../../collab/use-collab.ts';
import { BulkBar } from './bulk-bar.tsx';
import { decisionText, rowMarks, type GridCollab } from './collab-marks.ts';
import { CommentsPanel } from './comments-panel.tsx';
import { DocumentsPanel } from './documents-panel.tsx';
import { RegistryHistory } from './registry-history.tsx';
import { fetchCurrentRuleSet } from './review-api.ts';
import { ReviewCard } from './review-card.tsx';
import { ReviewFilters } from './review-filters.tsx';
import { ReviewGrid } from './review-grid.tsx';
import { NO_FILTER, tabCounts, type RowFilter } from './review-rows.ts';
import { PresenceBar } from './presence-bar.tsx';
import { RowDiscussion } from './row-discussion.tsx';
import { RsoPanel } from './rso-panel.tsx';
import { OFFLINE_DECISIONS, RowPanel } from './row-panel.tsx';
import { RuleEditor } from './rule-editor.tsx';
import { useReview } from './use-review.ts';
import { ErrorLine } from '../../error-line.tsx';

const services = serviceDictionary(serviceSpecs);

type Side = 'row' | 'discussions' | 'rso' | 'history' | 'documents' | 'rules';
const SIDES: { side: Side; label: string }[] = [
  { side: 'row', label: 'Строка' },
  { side: 'discussions', label: 'Обсуждения' },
  { side: 'rso', label: 'Переписка с РСО' },
  { side: 'history', label: 'История' },
  { side: 'documents', label: 'Документы' },
  { side: 'rules', label: 'Правила' },
];

/** Проверка реестра: the review page of one registry. */
export function ReviewPage({ user, registryId }: { user: SessionUser; registryId: number }) {
  const collab = useRegistryCollab(registryId, user);
  const connection = useConnection(collab);
  const refusal = useRefusal(collab);
  const offline = connection === 'offline';
  const review = useReview(registryId, collab);
  const { card, model, rows } = review;
  const peers = usePeers(collab);
  const threads = useThreads(collab);
  const flags = useFlags(collab);
  const labels = useLabels(collab);
  const colleagues = useColleagues();
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [open, setOpen] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [side, setSide] = useState<Side>('row');
  // the side panel is a drawer over the grid: the grid keeps the page's width
  const [drawer, setDrawer] = useState(false);
  const [ruleSet, setRuleSet] = useState<RuleSetVersion | null>(null);
  const [ruleSetError, setRuleSetError] = useState<string | null>(null);

  useEffect(() => {
    setFilter(NO_FILTER);
    setOpen(null);
    setSelected([]);
    setDrawer(false);
  }, [registryId]);

  useEffect(() => {
    let live = true;
    fetchCurrentRuleSet().then(
      (v) => live && setRuleSet(v),
      (e: unknown) => live && setRuleSetError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  // a low-code rule's severity is in the rule set, not in the rows: warnings do not make a row «with errors»
  const { setSeverities } = review;
  useEffect(() => {
    if (!ruleSet) return;
    const severity = new Map(ruleSet.body.custom.map((c) => [c.id, c.severity]));
    setSeverities((id) => severity.get(id) ?? 'error');
  }, [ruleSet, setSeverities]);

  const openRowNo = model && open !== null ? (model.payload.rowNo[open] ?? null) : null;
  const openMirror = useRowMirror(collab, openRowNo);
  // the others see which row this person has open
  useEffect(() => collab?.selectRow(openRowNo), [collab, openRowNo]);
  const openThreads = useMemo(() => threads.filter((t) => !t.resolved), [threads]);
  const gridCollab = useMemo<GridCollab>(
    () => ({
      marks: rowMarks(threads, flags, peers.map((p) => p.presence)),
      decisionOf: (rowNo) => (collab ? decisionText(mirrorRowsOf(collab.doc).get(String(rowNo)), shortName) : null),
    }),
    [threads, flags, peers, collab],
  );

  const counts = useMemo(() => (model && rows ? tabCounts(model, rows.all, filter) : ([0, 0, 0, 0] as [number, number, number, number])), [model, rows, filter]);
  const unit = card ? services.unit(card.service) : '';
  // what the confirmations name: «Согласовать строк: N на сумму X?»
  const clean = useMemo(() => {
    if (!model || !rows) return null;
    let n = 0;
    let sum = 0;
    rows.all.forEach((r, i) => {
      if (r.status === 0 && model.clean(i)) {
        n++;
        sum += model.payload.subsidy[i] ?? 0;
      }
    });
    return { rows: n, sum };
  }, [model, rows]);
  const selectedSum = useMemo(() => selected.reduce((s, rowNo) => s + (model?.payload.subsidy[model.indexOf.get(rowNo) ?? -1] ?? 0), 0), [selected, model]);

  if (!card && !model) {
    return (
      <section class="page page--review" aria-labelledby="page-title">
        <h1 id="page-title">Реестр № {registryId}</h1>
        {review.error ? (
          <ErrorLine>{review.error}</ErrorLine>
        ) : (
          <p class="page-loading">Загрузка реестра…</p>
        )}
      </section>
    );
  }

  const openRow = (i: number): void => {
    setOpen(i);
    setSide('row');
    setDrawer(true);
  };
  const closeDrawer = (): void => {
    setDrawer(false);
    if (side === 'row') setOpen(null);
  };
  const sideTabs = (
    <div class="review-side-tabs" role="tablist" aria-label="Боковая панель">
      {SIDES.map((s) => (
        <button
          key={s.side}
          type="button"
          role="tab"
          class="review-side-tab"
          aria-selected={drawer && side === s.side}
          onClick={() => {
            setSide(s.side);
            setDrawer(true);
          }}
        >
          {s.label}
          {s.side === 'discussions' && openThreads.length > 0 && <span class="review-side-tab__count">{openThreads.length}</span>}
        </button>
      ))}
      {drawer && (
        <button type="button" class="button button--quiet button--small review-drawer__close" aria-label="Закрыть панель" title="Закрыть панель (Esc)" onClick={closeDrawer}>
          ✕
        </button>
      )}
    </div>
  );
  const openByRowNo = (rowNo: number): void => {
    const i = model?.indexOf.get(rowNo);
    if (i !== undefined) openRow(i);
  };
  const rowText = (rowNo: number): string => `строка ${rowNo}`;

  return (
    <section class="page page--review" aria-labelledby="page-title">
      {card ? (
        <ReviewCard
          card={card}
          busy={review.busy}
          onCommand={review.run}
          offline={offline}
          fromCache={review.cardFromCache}
          clean={clean}
          userLogin={user.login}
          presence={<PresenceBar connection={connection} refusal={refusal} peers={peers} rowText={rowText} onOpenRow={openByRowNo} />}
        />
      ) : (
        <section class="panel review-card page-loading">Загрузка карточки реестра…</section>
      )}
      {review.error && <ErrorLine>{review.error}</ErrorLine>}
      {card && !card.checkRun && <p class="message message--info">Реестр еще не проверен: строки появятся после проверки.</p>}
      <div class="review-body">
        <section class="panel review-main" aria-label="Список домов">
          {model && rows ? (
            <>
              <ReviewFilters model={model} filter={filter} counts={counts} onChange={setFilter} aside={
                  <>
                    {review.source === 'cache' && (
                      <span class="muted review-source" data-source="cache">
                        строки из кэша браузера
                      </span>
                    )}
                    {drawer ? null : sideTabs}
                  </>
                }
              />
              {filter.only && (
                <p class="message message--info review-only">
                  Показаны строки, результат которых меняет правка правил: {filter.only.size}.{' '}
                  <button type="button" class="button button--small" onClick={() => setFilter({ ...filter, only: null })}>
                    Показать все
                  </button>
                </p>
              )}
              {card?.can.decide && selected.length > 0 && offline && (
                <p class="message message--warning co-offline-note" role="note">
                  {OFFLINE_DECISIONS}
                </p>
              )}
              {card?.can.decide && <BulkBar selected={selected} selectedSum={selectedSum} busy={review.busy || offline} onCommand={review.run} />}
              <ReviewGrid
                model={model}
                rows={rows}
                unit={unit}
                open={open}
                filter={filter}
                selectable={card?.can.decide ?? false}
                onOpen={openRow}
                onSelection={setSelected}
                onFocusRow={setOpen}
                collab={gridCollab}
              />

            </>
          ) : (
            card?.checkRun && <p class="page-loading">Загрузка строк…</p>
          )}
        </section>
        {drawer && (
        <div
          class="review-aside review-drawer"
          onKeyDown={(e) => {
            if (e.key === 'Escape') closeDrawer();
          }}
        >
          {sideTabs}
          {side === 'row' &&
            (model && open !== null && open < model.payload.count ? (
              <RowPanel
                registryId={registryId}
                model={model}
                index={open}
                status={rows?.all[open]?.status ?? 0}
                unit={unit}
                canDecide={card?.can.decide ?? false}
                busy={review.busy}
                revision={review.revision}
                onCommand={review.run}
                onClose={closeDrawer}
                offline={offline}
                mirror={openMirror}
                discussion={
                  collab && openRowNo !== null ? (
                    <RowDiscussion
                      session={collab}
                      rowNo={openRowNo}
                      threads={threads.filter((t) => t.row === openRowNo)}
                      flag={flags.get(openRowNo) ?? null}
                      labels={labels.filter((l) => l.row === openRowNo).sort((a, b) => a.label.localeCompare(b.label, 'ru'))}
                      colleagues={colleagues}
                    />
                  ) : undefined
                }
              />
            ) : (
              <aside class="panel review-side">
                <p class="muted">Выберите дом в списке: здесь появятся тарифные решения, результат каждой проверки, объемы по дому и решение по строке.</p>
              </aside>
            ))}
          {side === 'discussions' && (
            <CommentsPanel
              threads={openThreads}
              addressOf={(rowNo) => (model ? (model.payload.address[model.indexOf.get(rowNo) ?? -1] ?? '') : '')}
              onOpenRow={openByRowNo}
              me={user.login}
              colleagues={colleagues}
            />
          )}
          {side === 'rso' && <RsoPanel user={user} registryId={registryId} rowNo={open} onOpenRow={openByRowNo} />}
          {side === 'history' && <RegistryHistory registryId={registryId} revision={review.revision} />}
          {side === 'documents' && <DocumentsPanel registryId={registryId} canGenerate={card?.can.documents ?? false} refused={card?.status === 'Отказано в регистрации'} revision={review.revision} />}
          {side === 'rules' && model && card && (
            <RuleEditor
              card={card}
              payload={model.payload}
              current={ruleSet}
              loadError={ruleSetError}
              editable={user.role === 'analyst' || user.role === 'admin'}
              onShowRows={(only) => setFilter({ ...filter, only })}
              onSaved={setRuleSet}
            />
          )}
        </div>
        )}
      </div>
    </section>
  );
}
