import type { CheckServiceApi } from '../../formulas/checks/check-service.ts';
import type { Remote } from 'comlink';
import { startCheckThread, type CheckThread } from './check-thread.ts';
import type { Sql } from '../db/database.ts';
import { referenceSnapshot, referenceVersion } from '../reference/snapshot.ts';
import { currentRuleSet } from './rule-sets.ts';
import type { RuleSetVersion } from '../contract/registries.ts';

/**
 * The server's one check thread: started on the first registry, reused by every later one. Its state (reference,
 * history, rule set, open registries) is shared, so callers take turns: each job runs alone from setting the state
 * to reading the result.
 */
let thread: Promise<CheckThread> | null = null;
let queue: Promise<unknown> = Promise.resolve();
let lastRuleSetDb: string | null = null;

function started(): Promise<CheckThread> {
  if (!thread) {
    thread = startCheckThread();
    thread.catch(() => {
      thread = null;
    });
  }
  return thread;
}

export type CheckApi = Remote<CheckServiceApi>;

export function withChecks<T>(job: (api: CheckApi) => Promise<T>): Promise<T> {
  const run = queue.then(async () => job((await started()).api));
  queue = run.catch(() => {});
  return run;
}

/** Two databases in one process (tests) may both be at reference version 3: versions are kept per database. */
const tags = new WeakMap<Sql, string>();
export function databaseTag(sql: Sql): string {
  let tag = tags.get(sql);
  if (!tag) tags.set(sql, (tag = Math.random().toString(36).slice(2, 10)));
  return tag;
}

/** Brings the thread's reference data and rule set up to the database's current versions. */
export async function syncChecks(api: CheckApi, sql: Sql): Promise<RuleSetVersion> {
  const tag = databaseTag(sql);
  const [held, version, ruleSet] = await Promise.all([api.versions(), referenceVersion(sql), currentRuleSet(sql)]);
  if (held.reference !== `${tag}:${version}`) {
    const snapshot = await referenceSnapshot(sql);
    await api.setReference(`${tag}:${snapshot.version}`, snapshot);
  }
  // the service names a rule set by id@version; another database's default@1 may differ, so set it every time
  // the database changes (setRuleSet is cheap: it only parses the parameters)
  if (held.ruleSet !== `${ruleSet.id}@${ruleSet.version}` || lastRuleSetDb !== tag) {
    await api.setRuleSet(ruleSet.body);
    lastRuleSetDb = tag;
  }
  return ruleSet;
}

/** Stops the thread (tests, shutdown). */
export async function closeChecks(): Promise<void> {
  const t = thread;
  thread = null;
  if (t) await (await t).close();
}
