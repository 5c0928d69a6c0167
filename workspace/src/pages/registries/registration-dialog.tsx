import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Problem } from '../../../../formulas/problem.ts';
import type { Executor, RegistryCard, RegistrationOutcome } from '../../../../server/contract/registries.ts';
import { ApiFailure, messageOf } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { FilePicker } from '../../file-picker.tsx';
import { ProblemTable } from '../../problem-table.tsx';
import { PrecheckPanel } from './precheck-panel.tsx';
import { draftErrors, emptyDraft, registrationFields, todayIso, type DraftKey, type RegistrationDraft } from './registration-form.ts';
import { FindingList } from './finding-list.tsx';
import { uploadRegistry } from './upload-registry.ts';
import { usePrecheck } from './use-precheck.ts';
import { RuDateInput } from '../../date-input.tsx';

interface Props {
  executors: readonly Executor[];
  onClose: () => void;
  /** The server stored the registry: registered, or refused registration (then the dialog stays to say why). */
  onRegistered: (card: RegistryCard, refused: boolean) => void;
}

type Sending =
  | { status: 'idle' }
  /** Share of the file sent, 0..1; at 1 the server is reading and checking it. */
  | { status: 'uploading'; sent: number }
  | { status: 'refused'; outcome: RegistrationOutcome }
  | { status: 'failed'; message: string; problems: readonly Problem[] };

/**
 * «Зарегистрировать реестр»: the file is read and checked here first, in the tab's worker (progress, registry-level
 * findings, rows with errors), the letter fields are checked as typed, then the file goes to the server with
 * upload progress. The server's answer decides: registered (open its review page) or refused with the reason.
 */
export function RegistrationDialog({ executors, onClose, onRegistered }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const today = useMemo(() => todayIso(), []);
  const [draft, setDraft] = useState<RegistrationDraft>(() => emptyDraft(today));
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState<Sending>({ status: 'idle' });
  const { precheck, findings, choose } = usePrecheck(draft.isCorrection);
  const errors = useMemo(() => draftErrors(draft, today), [draft, today]);
  const abort = useRef<AbortController | null>(null);
  const busy = sending.status === 'uploading';

  useEffect(() => {
    dialog.current?.showModal();
    return () => abort.current?.abort();
  }, []);

  // the letter's number and date as the file's header gives them, unless already typed
  const meta = precheck.status === 'checked' ? precheck.result.meta : precheck.status === 'checking' ? precheck.meta : null;
  useEffect(() => {
    if (!meta) return;
    setDraft((d) => ({ ...d, letterOutNo: d.letterOutNo || (meta.letterNo ?? ''), letterOutDate: d.letterOutDate || (meta.letterDate ?? '') }));
  }, [meta]);

  const set = <K extends DraftKey>(key: K, value: RegistrationDraft[K]): void => setDraft((d) => ({ ...d, [key]: value }));
  const file = precheck.status === 'empty' ? null : precheck.file;
  const ready = precheck.status === 'checked' || precheck.status === 'failed';

  async function submit(): Promise<void> {
    setTouched(true);
    if (!file || !ready || Object.keys(errors).length > 0 || busy) return;
    const controller = new AbortController();
    abort.current = controller;
    setSending({ status: 'uploading', sent: 0 });
    try {
      const outcome = await uploadRegistry(file, registrationFields(draft), (sent) => setSending({ status: 'uploading', sent }), controller.signal);
      onRegistered(outcome.registry, outcome.refused);
      if (outcome.refused) setSending({ status: 'refused', outcome });
      else onClose();
    } catch (e) {
      if (!(e instanceof ApiFailure)) console.error(e);
      setSending({ status: 'failed', message: messageOf(e), problems: e instanceof ApiFailure ? e.problems : [] });
    } finally {
      abort.current = null;
    }
  }

  const field = (key: DraftKey): { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string } => {
    const id = `registration-${key}`;
    return touched && errors[key] ? { id, 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : { id };
  };
  const error = (key: DraftKey) =>
    touched &&
    errors[key] && (
      <span class="field__error" id={`registration-${key}-error`}>
        {errors[key]}
      </span>
    );

  return (
    <dialog
      ref={dialog}
      class="registries-dialog"
      aria-labelledby="registration-title"
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
      onClose={onClose}
    >
      {sending.status === 'refused' ? (
        <Refused outcome={sending.outcome} onClose={() => dialog.current?.close()} />
      ) : (
      <form
        class="registries-dialog__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="registration-title">Регистрация реестра</h2>

        <section class="registries-dialog__section" aria-label="Файл реестра">
          <FilePicker
            id="registration-file-label"
            label="Файл реестра (.csv или .xlsx, единый шаблон)"
            name="file"
            fileName={file?.name ?? null}
            onChoose={(chosen) => {
              if (!chosen || busy) return;
              setSending({ status: 'idle' });
              choose(chosen);
            }}
            primary={!file}
            rechoosable
          />
          <PrecheckPanel precheck={precheck} findings={findings} />
          {touched && !file && <p class="field__error">Выберите файл реестра</p>}
        </section>

        <fieldset class="registries-dialog__letters" disabled={busy}>
          <legend>Письмо РСО и регистрация</legend>
          <div class="field">
            <label class="field__label" for="registration-letterOutNo">
              Исх. № письма РСО
            </label>
            <input type="text" value={draft.letterOutNo} onInput={(e) => set('letterOutNo', e.currentTarget.value)} {...field('letterOutNo')} />
            {error('letterOutNo')}
          </div>
          <div class="field">
            <label class="field__label" for="registration-letterOutDate">
              Дата письма РСО
            </label>
            <RuDateInput value={draft.letterOutDate} onValue={(v) => set('letterOutDate', v)} {...field('letterOutDate')} />
            {error('letterOutDate')}
          </div>
          <div class="field">
            <label class="field__label" for="registration-letterInNo">
              Вх. №
            </label>
            <input type="text" value={draft.letterInNo} onInput={(e) => set('letterInNo', e.currentTarget.value)} {...field('letterInNo')} />
            {error('letterInNo')}
          </div>
          <div class="field">
            <label class="field__label" for="registration-letterInDate">
              Дата регистрации
            </label>
            <RuDateInput value={draft.letterInDate} onValue={(v) => set('letterInDate', v)} {...field('letterInDate')} />
            {error('letterInDate')}
          </div>
          <div class="field registries-dialog__wide">
            <label class="field__label" for="registration-executorId">
              Исполнитель
            </label>
            <select value={draft.executorId} onChange={(e) => set('executorId', e.currentTarget.value)} {...field('executorId')}>
              <option value="">Назначить позже (статус «Новый»)</option>
              {executors.map((x) => (
                <option key={x.id} value={String(x.id)}>
                  {x.fullName}
                </option>
              ))}
            </select>
            {error('executorId')}
          </div>
          <label class="registries-dialog__check registries-dialog__wide">
            <input type="checkbox" checked={draft.isCorrection} onChange={(e) => set('isCorrection', e.currentTarget.checked)} />
            Корректировка: исправляет уже зарегистрированный реестр за тот же период
          </label>
          <div class="field registries-dialog__full">
            <label class="field__label" for="registration-comment">
              Комментарий
            </label>
            <textarea rows={2} value={draft.comment} onInput={(e) => set('comment', e.currentTarget.value)} {...field('comment')} />
            {error('comment')}
          </div>
        </fieldset>

        {sending.status === 'uploading' && <UploadProgress sent={sending.sent} />}
        {sending.status === 'failed' && (
          <div class="registries-dialog__failure" role="alert">
            <ErrorLine quiet>Реестр не зарегистрирован: {sending.message}</ErrorLine>
            {sending.problems.length > 0 && <ProblemTable problems={sending.problems} />}
          </div>
        )}

        <div class="registries-dialog__actions">
          <button type="button" class="button" disabled={busy} onClick={() => dialog.current?.close()}>
            Отмена
          </button>
          <button type="submit" class="button button--primary" disabled={busy || !ready}>
            Зарегистрировать
          </button>
        </div>
      </form>
      )}
    </dialog>
  );
}

/** The server stored the registry but refused to register it: the reason first, then every finding. */
function Refused({ outcome, onClose }: { outcome: RegistrationOutcome; onClose: () => void }) {
  const card = outcome.registry;
  return (
    <div class="registries-dialog__form">
      <h2 id="registration-title">Отказано в регистрации</h2>
      <div class="message message--error" role="alert">
        <p>
          Реестр № {card.id} «{card.fileName}» сохранен со статусом «Отказано в регистрации».
        </p>
        {card.refusalReason && <p class="registries-dialog__reason">Причина: {card.refusalReason}</p>}
      </div>
      {/* the reason is said above; the other findings (warnings, further refusals) below it */}
      <FindingList findings={outcome.findings.filter((f) => f.message !== card.refusalReason)} />
      <p class="muted">Реестр виден на вкладке «Отказано в регистрации»; по нему можно подготовить ответ РСО.</p>
      <div class="registries-dialog__actions">
        <button type="button" class="button button--primary" onClick={onClose}>
          Закрыть
        </button>
      </div>
    </div>
  );
}

function UploadProgress({ sent }: { sent: number }) {
  const percent = Math.round(sent * 100);
  return (
    <div class="check-progress registries-upload" role="status">
      {sent < 1 ? (
        <>
          <progress class="check-progress__bar" max={100} value={percent} aria-label="Отправка файла" />
          <span>Отправка файла… {percent} %</span>
        </>
      ) : (
        <>
          <progress class="check-progress__bar" aria-label="Регистрация на сервере" />
          <span>Файл отправлен, сервер регистрирует и проверяет реестр…</span>
        </>
      )}
    </div>
  );
}
