import { useEffect, useState } from 'preact/hooks';
import { importProgressText } from '../../../../formulas/reference/import-progress.ts';
import type { ImportProgress, ImportResult } from '../../../../server/contract/reference.ts';
import { api, ApiFailure, messageOf, unwrap } from '../../api.ts';
import { formatInteger } from '../../format.ts';
import { FilePicker } from '../../file-picker.tsx';
import { followLink } from '../../router.ts';
import { ProblemTable } from '../../problem-table.tsx';
import { REFERENCE_KINDS, referenceTitle, type ReferenceKind } from './reference-kinds.ts';
import { ErrorLine } from '../../error-line.tsx';

type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; fileName: string; kind: ReferenceKind }
  | { status: 'imported'; outcome: ImportResult }
  | { status: 'failed'; message: string; problems: ApiFailure['problems'] };

function upload(kind: ReferenceKind, file: File): Promise<ImportResult> {
  return unwrap(api.reference.import[':kind'].$post({ param: { kind }, form: { file } }));
}

/** Loading a reference file (admin and analyst): the whole file is accepted, or nothing and every problem is listed. */
export function ImportPanel({ onImported }: { onImported: (kind: ReferenceKind) => void }) {
  const [kind, setKind] = useState<ReferenceKind>('houses');
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<UploadState>({ status: 'idle' });

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!file) return;
    setState({ status: 'uploading', fileName: file.name, kind });
    try {
      const outcome = await upload(kind, file);
      setState({ status: 'imported', outcome });
      onImported(outcome.kind);
    } catch (err) {
      setState({ status: 'failed', message: messageOf(err), problems: err instanceof ApiFailure ? err.problems : [] });
    }
  }

  return (
    <section class="panel import" aria-labelledby="import-title">
      <h2 id="import-title">Загрузка справочника</h2>
      <form class="import__form" onSubmit={(e) => void submit(e)}>
        <div class="field">
          <label class="field__label" for="import-kind">
            Справочник
          </label>
          <select id="import-kind" name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as ReferenceKind)}>
            {REFERENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {referenceTitle(k)}
              </option>
            ))}
          </select>
        </div>
        <FilePicker id="import-file-label" label="Файл (.csv или .xlsx)" name="file" fileName={file?.name ?? null} onChoose={setFile} required />
        <button type="submit" class="button button--primary" disabled={!file || state.status === 'uploading'}>
          {state.status === 'uploading' ? 'Загрузка…' : 'Загрузить'}
        </button>
      </form>
      <ImportResult state={state} />
    </section>
  );
}

function ImportResult({ state }: { state: UploadState }) {
  switch (state.status) {
    case 'idle':
      return <p class="muted">Файл принимается целиком: если в нём есть ошибки, справочник не меняется, а все ошибки показываются списком.</p>;
    case 'uploading':
      return <Uploading kind={state.kind} fileName={state.fileName} />;
    case 'imported': {
      const o = state.outcome;
      return (
        <p class="message message--success" role="status">
          Файл «{o.fileName}» загружен, версия {o.version}. Строк: {formatInteger(o.rows)}; добавлено {formatInteger(o.inserted)}, изменено{' '}
          {formatInteger(o.updated)}, без изменений {formatInteger(o.unchanged)}
          {o.removed > 0 ? `, удалено ${formatInteger(o.removed)} (их нет в новом файле)` : ''}.
          {o.changes && (
            <>
              {' '}
              <a href={`/reference/changes/${o.version}`} onClick={followLink}>
                Изменения характеристик домов
              </a>
              : домов с изменениями {formatInteger(o.changes.houses_changed)}, сменили группу {formatInteger(o.changes.groups_changed)}.
            </>
          )}
        </p>
      );
    }
    case 'failed':
      return (
        <div class="import__failure" role="alert">
          <ErrorLine quiet>{state.message}</ErrorLine>
          {state.problems.length > 0 && <ProblemTable problems={state.problems} />}
        </div>
      );
    default:
      return state satisfies never;
  }
}

/** How far the upload is, asked every 700 ms (rows read, checked, written; or waiting for another import of the kind). */
function Uploading({ kind, fileName }: { kind: ReferenceKind; fileName: string }) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async (): Promise<void> => {
      try {
        const { imports } = await unwrap(api.reference.imports.$get());
        const mine = imports.find((i) => i.kind === kind && i.file_name === fileName);
        if (!stopped && mine) setProgress(mine.progress);
      } catch {
        // progress is a courtesy: the upload's own answer says how it ended
      }
    };
    const timer = setInterval(() => void poll(), 700);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [kind, fileName]);
  return (
    <p class="muted" role="status">
      Проверка и загрузка файла «{fileName}»…{progress ? ` ${importProgressText(progress)}` : ''}
    </p>
  );
}
