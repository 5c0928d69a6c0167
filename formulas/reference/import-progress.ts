/** How far a reference import is, as the page and `sverka import` say it (server/contract/reference.ts `ImportProgress`). */
export interface ImportProgressFigures {
  phase: 'waiting' | 'reading' | 'merging';
  read: number;
  validated: number;
  written: number;
  message?: string;
}

const n = (v: number): string => v.toLocaleString('ru-RU');

export function importProgressText(p: ImportProgressFigures): string {
  switch (p.phase) {
    case 'waiting':
      return p.message ?? 'Ждёт очереди: идёт другая загрузка того же справочника.';
    case 'reading':
      return p.read === 0 ? 'Чтение файла…' : `Строк в файле: ${n(p.read)}; проверено ${n(p.validated)}, записано ${n(p.written)}`;
    case 'merging':
      return `Все ${n(p.validated)} строк проверены и записаны; сведение с справочником…`;
    default:
      return p.phase satisfies never;
  }
}
