import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { TemplateVersion } from '../../../../server/contract/standards.ts';
import { PLACEHOLDERS, unknownPlaceholders, type StandardFormulaTemplate } from '../../../../formulas/standards/sheet.ts';
import { canonicalTemplate, templateInSpelling } from '../../../../formulas/standards/template-spelling.ts';
import { CATEGORY_TITLES, type Category } from '../../../../formulas/standards/types.ts';
import { ApiFailure, api, messageOf, unwrap } from '../../api.ts';
import { formatInteger } from '../../format.ts';
import type { WorkerRun } from './worker-run.ts';

type Draft = Pick<StandardFormulaTemplate, 'housing' | 'heating' | 'non_heating' | 'description'>;

const FIELDS: { key: 'heating' | 'non_heating' | Category; title: string }[] = [
  { key: 'tenant', title: `Плата за жильё: ${CATEGORY_TITLES.tenant}` },
  { key: 'owner', title: `Плата за жильё: ${CATEGORY_TITLES.owner}` },
  { key: 'owner_no_kr', title: `Плата за жильё: ${CATEGORY_TITLES.owner_no_kr}` },
  { key: 'heating', title: 'Стандарт, отопительный период' },
  { key: 'non_heating', title: 'Стандарт, неотопительный период' },
];

const valueOf = (d: Draft, k: (typeof FIELDS)[number]['key']): string => (k === 'heating' || k === 'non_heating' ? d[k] : d.housing[k]);

/**
 * The standard's formula template, editable (low-code): shown and typed as Russian Excel writes formulas
 * (СУММПРОИЗВ, «;» between arguments, 9,12), checked as typed with the error's position; try a draft on every
 * group in the worker, then save it as a new version (stored in the canonical spelling; the server checks it
 * again and keeps every version).
 */
export function TemplateEditor({
  user,
  current,
  onSaved,
  onTry,
}: {
  user: SessionUser;
  current: TemplateVersion;
  onSaved: (t: TemplateVersion) => void;
  onTry: (t: StandardFormulaTemplate, version: string) => Promise<WorkerRun | null>;
}) {
  const [draft, setDraft] = useState<Draft>(() => templateInSpelling(current.template, 'ru'));
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState<{ kind: 'info' | 'error' | 'success'; text: string; problems?: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const canSave = user.role === 'analyst';
  useEffect(() => setDraft(templateInSpelling(current.template, 'ru')), [current]);

  const set = (k: (typeof FIELDS)[number]['key'], v: string) =>
    setDraft((d) => (k === 'heating' || k === 'non_heating' ? { ...d, [k]: v } : { ...d, housing: { ...d.housing, [k]: v } }));
  const unknown = FIELDS.flatMap((f) => unknownPlaceholders(valueOf(draft, f.key)).map((p) => `${f.title}: неизвестный компонент {${p}}`));
  const checked = canonicalTemplate(draft, 'ru');
  const problemOf = (k: (typeof FIELDS)[number]['key']) => (checked.ok ? undefined : checked.problems.find((p) => p.key === k));
  const canonical = checked.ok ? checked.template : null;

  async function tryDraft() {
    if (!canonical) return;
    setBusy(true);
    try {
      const r = await onTry({ ...canonical, version: current.version }, 'черновик');
      if (r) setStatus({ kind: r.failed ? 'error' : 'info', text: `Черновик на ${formatInteger(r.groups)} группах: совпадает с действующим расчётом ${formatInteger(r.agree)}, ошибок формул ${formatInteger(r.failed)}.` });
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!canonical) return;
    setBusy(true);
    try {
      const r = await unwrap(api.standards.template.$post({ json: { ...canonical, ...(comment.trim() ? { comment: comment.trim() } : {}) } }));
      const saved = await unwrap(api.standards.template.$get());
      setStatus({ kind: 'success', text: `Шаблон сохранён как версия ${r.version}.` });
      setComment('');
      onSaved(saved);
      await onTry(saved.template, String(saved.version));
    } catch (e) {
      setStatus({ kind: 'error', text: messageOf(e), problems: e instanceof ApiFailure ? e.problems.map((p) => p.message) : [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="standards-template panel">
      <summary>
        Шаблон формулы стандарта — версия {current.version}
        {current.created_by ? `, ${current.created_by}` : ''}
      </summary>
      <p class="standards-note">
        Формулы пишутся как в русском Excel: СУММПРОИЗВ, «;» между аргументами, дробная часть через запятую (9,12); английская запись тоже
        принимается. Компоненты: {PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}. {draft.description}
      </p>
      <div class="standards-template__fields">
        {FIELDS.map((f) => (
          <div key={f.key} class="field">
            <label class="field__label" for={`template-${f.key}`}>
              {f.title}
            </label>
            <textarea
              id={`template-${f.key}`}
              class="standards-template__formula"
              rows={f.key === 'heating' || f.key === 'non_heating' ? 2 : 1}
              readOnly={!canSave}
              spellcheck={false}
              value={valueOf(draft, f.key)}
              aria-invalid={problemOf(f.key) ? true : undefined}
              onInput={(e) => set(f.key, e.currentTarget.value)}
            />
            <FormulaProblemNote formula={valueOf(draft, f.key)} problem={problemOf(f.key)} />
          </div>
        ))}
      </div>
      {unknown.length > 0 && (
        <ul class="message message--warning">
          {unknown.map((u) => (
            <li key={u}>{u}</li>
          ))}
        </ul>
      )}
      {canSave && (
        <div class="standards-template__actions">
          <div class="field field--inline">
            <label class="field__label" for="template-comment">
              Основание
            </label>
            <input id="template-comment" value={comment} maxLength={500} placeholder="например, приказ № … от …" onInput={(e) => setComment(e.currentTarget.value)} />
          </div>
          <button type="button" class="button" disabled={busy || !canonical} onClick={() => void tryDraft()}>
            Проверить на всех группах
          </button>
          <button type="button" class="button button--primary" disabled={busy || unknown.length > 0 || !canonical} onClick={() => void save()}>
            Сохранить новую версию
          </button>
        </div>
      )}
      {status && (
        <div class={`message message--${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
          {status.problems && status.problems.length > 0 && (
            <ul>
              {status.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}

/** Where a formula breaks, as typed: «Позиция 41: …» and the formula with the character marked. */
function FormulaProblemNote({ formula, problem }: { formula: string; problem: { position: number; message: string } | undefined }) {
  if (!problem) return null;
  const at = problem.position - 1;
  return (
    <p class="field__error standards-template__problem" role="alert">
      Позиция {problem.position}: {problem.message}
      <code class="standards-template__at">
        {formula.slice(0, at)}
        <mark>{formula.slice(at, at + 1) || ' '}</mark>
        {formula.slice(at + 1)}
      </code>
    </p>
  );
}
