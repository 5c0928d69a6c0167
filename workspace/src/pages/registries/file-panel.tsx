import { FilePicker } from '../../file-picker.tsx';
import { ProblemTable } from '../../problem-table.tsx';
import { formatInteger } from '../../format.ts';
import type { FileState } from './use-registry-check.ts';

/** Choosing a registry file in the unified template; what the reader found in it. */
export function FilePanel({ file, onChoose }: { file: FileState; onChoose: (file: File) => void }) {
  const fileName = file.status === 'empty' ? null : file.status === 'open' ? file.registry.fileName : file.fileName;
  return (
    <section class="panel registry-file" aria-labelledby="registry-file-title">
      <h2 id="registry-file-title">Проверка файла реестра</h2>
      <FilePicker
        id="registry-file-label"
        label="Файл реестра (.csv или .xlsx, единый шаблон)"
        name="registry"
        fileName={fileName}
        onChoose={(chosen) => chosen && onChoose(chosen)}
        primary
        rechoosable
      />
      <FileStatus file={file} />
    </section>
  );
}

function FileStatus({ file }: { file: FileState }) {
  switch (file.status) {
    case 'empty':
      return (
        <p class="muted">
          Файл проверяется здесь, в браузере: он никуда не отправляется и не регистрируется. Шапка реестра (РСО, ИНН, услуга, отчетный период) и
          таблица домов — по единому шаблону.
        </p>
      );
    case 'reading':
      return (
        <p class="muted" role="status">
          Чтение файла «{file.fileName}»…
        </p>
      );
    case 'rejected': {
      const [only] = file.problems;
      return (
        <div class="registry-file__failure" role="alert">
          <p class="message message--error">
            Файл «{file.fileName}» не проверен: {file.problems.length === 1 && only ? only.message : `ошибок ${file.problems.length}`}.
          </p>
          {file.problems.length > 1 && <ProblemTable problems={file.problems} />}
        </div>
      );
    }
    case 'open': {
      const { problems, rows } = file.registry;
      if (problems.length === 0) {
        return (
          <p class="muted" role="status">
            Прочитано строк: {formatInteger(rows.count)}.
          </p>
        );
      }
      return (
        <div class="registry-file__failure">
          <p class="message message--warning" role="status">
            Прочитано строк: {formatInteger(rows.count)}. Не удалось прочитать значений: {formatInteger(problems.length)} — они считаются пустыми, и
            проверки отмечают такие строки.
          </p>
          <ProblemTable problems={problems} label="Значения, которые не удалось прочитать" />
        </div>
      );
    }
    default:
      return file satisfies never;
  }
}
