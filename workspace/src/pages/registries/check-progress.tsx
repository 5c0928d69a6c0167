
/** The run in progress (share done), or that it is done (its time in the worker only in `data-ms`, for tests). */
export function CheckProgress({ progress, ms }: { progress: number | null; ms: number | null }) {
  if (progress !== null) {
    const percent = Math.round(progress * 100);
    return (
      <div class="check-progress" role="status">
        <progress class="check-progress__bar" max={100} value={percent} aria-label="Ход проверки" />
        {/* the nine checks report by rows; the template's own rules run after them in one batch */}
        <span>{percent < 100 ? `Проверка строк… ${percent} %` : 'Завершение проверки…'}</span>
      </div>
    );
  }
  if (ms === null) return null;
  return (
    <p class="check-progress check-progress--done" role="status" data-ms={Math.round(ms)}>
      Проверено в браузере
    </p>
  );
}
