import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CustomRuleSpec } from '../../../../formulas/checks/types.ts';
import type { RegistryCard, RegistryRowsPayload, RuleSetVersion } from '../../../../server/contract/registries.ts';
import { messageOf } from '../../api.ts';
import { formatDateTime, formatInteger } from '../../format.ts';
import { useDebounced } from '../../use-debounced.ts';
import { saveRuleSet } from './review-api.ts';
import { DRAFT_PARAMS, draftOf, readDraft, type DraftParam, type RuleDraft } from './rule-draft.ts';
import { useLiveRecheck, type Recheck } from './use-live-recheck.ts';
import { ErrorLine } from '../../error-line.tsx';

interface Props {
  card: RegistryCard;
  payload: RegistryRowsPayload;
  current: RuleSetVersion | null;
  loadError: string | null;
  /** analysts and administrators edit; everyone else reads */
  editable: boolean;
  /** Rows whose verdict the draft changes; null = no such filter. */
  onShowRows: (rows: ReadonlySet<number> | null) => void;
  onSaved: (v: RuleSetVersion) => void;
}

const NEW_RULE: CustomRuleSpec = { id: '', title: '', severity: 'warning', formula: '=', message: '' };

/**
 * The rule set in force, editable by an analyst: the parameters of the nine checks and the low-code formula
 * rules. Each settled edit runs the checks again in the browser worker on this registry and says which rows
 * change verdict, before anything is saved.
 */
export function RuleEditor({ card, payload, current, loadError, editable, onShowRows, onSaved }: Props) {
  const [draft, setDraft] = useState<RuleDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  useEffect(() => setDraft(current ? draftOf(current.body) : null), [current]);

  const read = useMemo(() => (draft && current ? readDraft(draft, current.body) : null), [draft, current]);
  const settled = useDebounced(read, 500);
  // the saved set read back through the draft, so «0.005» and «0.0050», or a formula's two spellings, are no change
  const savedKey = useMemo(() => {
    if (!current) return '';
    const again = readDraft(draftOf(current.body), current.body);
    return again.ok ? again.key : JSON.stringify([current.body.params, current.body.custom]);
  }, [current]);
  const changed = settled?.ok && settled.key !== savedKey ? settled.ruleSet : null;
  const recheck = useLiveRecheck(card, payload, current?.body ?? null, changed, editable && changed !== null);

  if (loadError) return <ErrorLine quiet>{loadError}</ErrorLine>;
  if (!current || !draft) return <p class="muted">Загрузка набора правил…</p>;

  const errors = read && !read.ok ? read.errors : {};
  const ruleErrors = read && !read.ok ? read.ruleErrors : {};
  // checked as typed, in this thread: the position is in the formula as the analyst wrote it
  const typedProblems = read && !read.ok ? read.formulaProblems : {};
  const setParam = (key: DraftParam, value: string): void => setDraft({ ...draft, [key]: value });
  const setRule = (k: number, patch: Partial<CustomRuleSpec>): void => setDraft({ ...draft, custom: draft.custom.map((c, j) => (j === k ? { ...c, ...patch } : c)) });
  const problems = recheck.status === 'done' ? recheck.diff.formulaProblems : [];

  const save = async (): Promise<void> => {
    if (!read?.ok) return;
    setSaving(true);
    setMessage(null);
    try {
      const v = await saveRuleSet(read.ruleSet);
      setMessage({ tone: 'success', text: `Сохранена версия ${v.version}. Реестры, зарегистрированные дальше, проверяются по ней.` });
      onShowRows(null);
      onSaved(v);
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(e) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="panel review-side review-rules" aria-labelledby="review-rules-title">
      <h2 id="review-rules-title">Правила проверки</h2>
      <p class="muted">
        «{current.title}», версия {current.version}
        {current.createdBy ? `, ${current.createdBy}` : ''}, {formatDateTime(current.createdAt)}
        {editable ? '' : ' · только просмотр'}
      </p>
      <fieldset class="review-rules__params" disabled={!editable}>
        <legend>Параметры проверок</legend>
        {DRAFT_PARAMS.map((f) => (
          <label key={f.key} class="field">
            <span class="field__label">{f.label}</span>
            <input inputMode="decimal" value={draft[f.key]} aria-invalid={errors[f.key] ? true : undefined} onInput={(e) => setParam(f.key, e.currentTarget.value)} />
            <span class={errors[f.key] ? 'field__error' : 'field__hint'}>{errors[f.key] ?? f.hint}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="review-rules__custom" disabled={!editable}>
        <legend>Правила-формулы</legend>
        {draft.custom.map((c, k) => {
          const problem = typedProblems[k] ?? problems.find((p) => p.ruleId === c.id);
          return (
            <div key={k} class="review-rule" data-rule-id={c.id}>
              <div class="review-rule__row">
                <label class="field">
                  <span class="field__label">Код</span>
                  <input value={c.id} onInput={(e) => setRule(k, { id: e.currentTarget.value.trim() })} />
                </label>
                <label class="field">
                  <span class="field__label">Важность</span>
                  <select value={c.severity} onChange={(e) => setRule(k, { severity: e.currentTarget.value === 'error' ? 'error' : 'warning' })}>
                    <option value="error">ошибка</option>
                    <option value="warning">предупреждение</option>
                  </select>
                </label>
              </div>
              <label class="field">
                <span class="field__label">Название</span>
                <input value={c.title} onInput={(e) => setRule(k, { title: e.currentTarget.value })} />
              </label>
              <label class="field">
                <span class="field__label">Формула (ИСТИНА = строка нарушает правило)</span>
                <textarea class="review-rule__formula" rows={2} spellcheck={false} value={c.formula} aria-invalid={problem ? true : undefined} onInput={(e) => setRule(k, { formula: e.currentTarget.value })} />
              </label>
              {problem && (
                <p class="field__error review-rule__problem" role="alert">
                  Позиция {problem.position}: {problem.message}
                  <code class="review-rule__at">
                    {c.formula.slice(0, problem.position - 1)}
                    <mark>{c.formula.slice(problem.position - 1, problem.position) || ' '}</mark>
                    {c.formula.slice(problem.position)}
                  </code>
                </p>
              )}
              <label class="field">
                <span class="field__label">Сообщение ({'{'}поле{'}'} подставляет значение)</span>
                <input value={c.message} onInput={(e) => setRule(k, { message: e.currentTarget.value })} />
              </label>
              {ruleErrors[k] && <p class="field__error">{ruleErrors[k]}</p>}
              {editable && (
                <button type="button" class="button button--small review-rule__remove" onClick={() => setDraft({ ...draft, custom: draft.custom.filter((_, j) => j !== k) })}>
                  Удалить правило
                </button>
              )}
            </div>
          );
        })}
        {editable && (
          <button type="button" class="button button--small" onClick={() => setDraft({ ...draft, custom: [...draft.custom, { ...NEW_RULE, id: `rule_${draft.custom.length + 1}` }] })}>
            Добавить правило
          </button>
        )}
        <p class="muted review-rules__fields">
          Формулы пишутся как в русском Excel: <code>{'=И([v_odn]>0; [v_odn]>[v_living])'}</code>, ЕСЛИ, ИЛИ, НЕ, ОКРУГЛ, ПОИСК, ТЕКСТ…; английская запись тоже принимается. Поля: [eot], [lt], [v_living], [v_odn], [subsidy], [expected_subsidy], [territory], [address], [fias_id], [tariff_kind], [commissioned], [diff_attr], [n].
        </p>
      </fieldset>
      {editable && <RecheckNote recheck={changed ? recheck : { status: 'idle' }} onShowRows={onShowRows} />}
      {message && (
        <p class={`message message--${message.tone}`} role="status">
          {message.text}
        </p>
      )}
      {editable && (
        <div class="review-rules__buttons">
          <button type="button" class="button button--primary" disabled={saving || !read?.ok || read.key === savedKey || problems.length > 0} onClick={() => void save()}>
            Сохранить как новую версию
          </button>
          <button
            type="button"
            class="button"
            onClick={() => {
              setDraft(draftOf(current.body));
              onShowRows(null);
            }}
          >
            Отменить изменения
          </button>
        </div>
      )}
    </section>
  );
}

function RecheckNote({ recheck, onShowRows }: { recheck: Recheck; onShowRows: Props['onShowRows'] }) {
  switch (recheck.status) {
    case 'idle':
      return <p class="muted review-recheck">Измените параметр или формулу: проверка реестра повторится в браузере, без сохранения.</p>;
    case 'running':
      return <p class="muted review-recheck" role="status">Проверяем реестр в браузере…</p>;
    case 'failed':
      return (
        <ErrorLine class="review-recheck">{recheck.message}</ErrorLine>
      );
    case 'done': {
      const d = recheck.diff;
      return (
        <div class="review-recheck" role="status" data-recheck>
          <p>
            <strong>
              новых ошибок: {formatInteger(d.newErrors)}, исчезло: {formatInteger(d.vanished)}
            </strong>
            ; строк с другим результатом: {formatInteger(d.changedRows.size)}
          </p>
          {d.changedRows.size > 0 && (
            <button type="button" class="button button--small" onClick={() => onShowRows(d.changedRows)}>
              Показать эти строки
            </button>
          )}
          <p class="muted">Проверки 7 и 9 в браузере видят только этот реестр: изменение их параметров здесь не отражается.</p>
        </div>
      );
    }
    default:
      return recheck satisfies never;
  }
}
