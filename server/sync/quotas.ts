/**
 * Per-document quotas of live co-review (ASVS V12.1, V11.1.4): a client cannot make a shared document
 * expensive for everyone who opens it. Refusals are the y-websocket protocol's own: a permission-denied message
 * with the Russian reason (a stock provider logs it; the workspace shows it), then the connection is closed
 * with a code a stock provider understands — 44xx: do not reconnect, 45xx: try again later.
 */
export interface SyncQuotas {
  updateBytes: number;
  documentBytes: number;
  updatesPerMinute: number;
}

export const SYNC_QUOTAS: SyncQuotas = {
  /** one update message; a day of offline comments is a few tens of KB */
  updateBytes: 1024 * 1024,
  /** the stored document; a 30,000-row registry's mirror of decisions is ~5 MB */
  documentBytes: 32 * 1024 * 1024,
  /** updates of one person in one document per minute; a comment, a label or a flag is one */
  updatesPerMinute: 600,
};


export interface QuotaRefusal {
  /** the close code: 4413 = too large, do not retry; 4529 = too fast, retry later */
  code: 4413 | 4529;
  /** the close frame's reason (at most 123 bytes) */
  reason: string;
  /** what the person is told */
  message: string;
}

const MB = (n: number): string => `${Math.round(n / 1024 / 1024)} МБ`;

const size = (n: number): string => (n >= 1024 * 1024 ? MB(n) : `${Math.round(n / 1024)} КБ`);

export const refusals = {
  update: (q: SyncQuotas): QuotaRefusal => ({ code: 4413, reason: 'Изменение слишком большое', message: `Изменение не принято: оно больше ${size(q.updateBytes)}.` }),
  document: (q: SyncQuotas): QuotaRefusal => ({ code: 4413, reason: 'Документ переполнен', message: `Изменение не принято: обсуждение достигло предела ${size(q.documentBytes)}. Обратитесь к администратору.` }),
  rate: (q: SyncQuotas): QuotaRefusal => ({ code: 4529, reason: 'Слишком много изменений', message: `Изменение не принято: больше ${q.updatesPerMinute} изменений в минуту. Соединение восстановится само.` }),
};

/** Updates per person in the last minute (a sliding window). */
export class UpdateRate {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Counts one update of `who` now; false when it is over the limit (then it is not counted). */
  allow(who: string, now: number = Date.now()): boolean {
    const since = now - 60_000;
    const list = (this.times.get(who) ?? []).filter((t) => t > since);
    if (list.length >= this.perMinute) {
      this.times.set(who, list);
      return false;
    }
    list.push(now);
    this.times.set(who, list);
    return true;
  }
}
