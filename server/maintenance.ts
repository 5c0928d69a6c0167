import { writeCheckpoint } from './audit/checkpoints.ts';
import type { SigningKey } from './audit/signing-key.ts';
import { purgeThrottle } from './auth/login-throttle.ts';
import { purgeSessions } from './auth/sessions.ts';
import type { Sql } from './db/database.ts';

export interface MaintenanceOptions {
  signingKey: SigningKey;
  checkpointMinutes: number;
  sessionIdleMinutes: number;
  log: (msg: string) => void;
}

const PURGE_MINUTES = 10;

/**
 * The server's periodic work: a signed checkpoint of the audit chain when its head moved (at start, every
 * `checkpointMinutes` and at stop), and ended sessions and forgotten sign-in counts purged. Each checkpoint is
 * also written to the log, a copy outside the database.
 */
export function startMaintenance(sql: Sql, o: MaintenanceOptions): { stop(): Promise<void> } {
  const checkpoint = async (): Promise<void> => {
    try {
      const c = await writeCheckpoint(sql, o.signingKey);
      if (c) o.log(`журнал аудита: контрольная точка №${c.id} — запись №${c.headId}, хеш ${c.headHash}, ключ ${c.keyId}`);
    } catch (e) {
      o.log(`журнал аудита: контрольная точка не записана: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const purge = async (): Promise<void> => {
    try {
      const sessions = await purgeSessions(sql, o.sessionIdleMinutes);
      await purgeThrottle(sql);
      if (sessions > 0) o.log(`завершённые сессии удалены: ${sessions}`);
    } catch (e) {
      o.log(`очистка сессий не удалась: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const running = Promise.all([checkpoint(), purge()]);
  const timers = [setInterval(() => void checkpoint(), o.checkpointMinutes * 60_000), setInterval(() => void purge(), PURGE_MINUTES * 60_000)];
  for (const t of timers) t.unref();
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await running;
      await checkpoint();
    },
  };
}
