import type { Problem } from '../../formulas/problem.ts';

/** Every problem found in an uploaded file, where it is and what is wrong, so the whole file is fixed at once. */
export function ProblemTable({ problems, label = 'Ошибки в файле' }: { problems: readonly Problem[]; label?: string }) {
  return (
    <div class="table-scroll table-scroll--problems">
      <table class="table table--problems" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Файл</th>
            <th scope="col" class="num">Строка</th>
            <th scope="col">Столбец</th>
            <th scope="col">Ошибка</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td class="file-name">{p.file}</td>
              <td class="num">{p.row ?? '—'}</td>
              <td>{p.column ?? '—'}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
