import { refreshSoon } from '../analytics/refresh.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role, SessionUser } from '../contract/auth.ts';
import type { DemoStatus } from '../contract/demo.ts';
import type { Sql } from '../db/database.ts';
import { SEWERAGE } from '../../formulas/checks/linked-services.ts';
import type { DemoSummary } from './manifest.ts';
import { agreeClean, cancel, complete, decideRows, take } from '../registries/commands.ts';
import { demoCorrespondence, demoRsoUsers } from './demo-portal.ts';
import { registerRegistry } from '../registries/intake.ts';
import { ApiError } from '../http/errors.ts';

const DAY = 86_400_000;

async function demoUser(sql: Sql, login: string): Promise<SessionUser> {
  const [u] = await sql<{ id: number; login: string; full_name: string; role: Role }[]>`select id, login, full_name, role from users where login = ${login}`;
  if (!u) throw new Error(`демо-пользователь ${login} не найден`);
  return { id: u.id, login: u.login, fullName: u.full_name, role: u.role };
}

/** Rows still undecided after «согласовать все без ошибок», rejected per failed check with that check's name. */
async function rejectFailed(sql: Sql, id: number, user: SessionUser): Promise<void> {
  const groups = await sql<{ rule: string; title: string; rows: number[] }[]>`
    select rr.failed_rules[1] as rule, c.rule_titles[array_position(c.rule_ids, rr.failed_rules[1])] as title, array_agg(rr.row_no order by rr.row_no) as rows
    from registry_rows rr join registries r on r.id = rr.registry_id join check_runs c on c.id = r.check_run_id
    where rr.registry_id = ${id} and rr.status = 'Требует решения' and cardinality(rr.failed_rules) > 0
    group by 1, 2 order by 1`;
  for (const g of groups) {
    await decideRows(sql, id, user, { rows: g.rows, decision: 'Не согласован', reason: `Не пройдена проверка ${/^\d+$/.test(g.rule) ? `№ ${g.rule}` : g.rule} «${g.title}»` });
  }
}

export async function demoStatus(sql: Sql): Promise<DemoStatus> {
  const [p] = await sql<{ registered: number; total: number; finished: boolean }[]>`
    select registered, total, finished_at is not null as finished from demo_progress`;
  return p ? { loading: !p.finished, registered: p.registered, total: p.total } : { loading: false, registered: 0, total: 0 };
}

/** Marks this database as receiving the demo region from `dir` (before its reference import starts). */
export async function startDemoProgress(sql: Sql, dir: string): Promise<void> {
  await sql`insert into demo_progress (dir) values (${dir}) on conflict (id) do nothing`;
}

/** The directory of a demo load started and not finished in this database; null when there is nothing to do. */
export async function unfinishedDemo(sql: Sql): Promise<string | null> {
  const [p] = await sql<{ dir: string }[]>`select dir from demo_progress where finished_at is null`;
  return p?.dir ?? null;
}

const DUPLICATE_LETTER = 'ВХ-повтор';

/**
 * The demo's registries, registered through the same intake as an upload, oldest month first (so checks 7 and 9
 * see their history; ВО after the month's water, except in the last month, see `rank`), with letter numbers and dates; then a year of work by the demo reviewers: months before the
 * last two decided (rows without errors agreed, failed rows rejected with the failed check, the registry completed;
 * a few not agreed), the second-to-last month partly in work, the last month new, one duplicate refused and one
 * registry cancelled, so every status and tab has content.
 *
 * Runs in the background of a started server and is resumable: a file already registered (same file name and
 * period) is not registered again, a registry the reviewers finished (`demo_worked`) is not worked again, and the
 * dates are counted from the load's start, so a restart continues where the last process stopped. `signal` stops
 * it between two registries. Returns true when the whole demo is loaded.
 */
export async function registerDemoRegistries(sql: Sql, dir: string, log: (m: string) => void, signal?: AbortSignal): Promise<boolean> {
  await startDemoProgress(sql, dir);
  const [progress] = await sql<{ started_at: Date; finished: boolean }[]>`select started_at, finished_at is not null as finished from demo_progress`;
  if (!progress || progress.finished) return true;
  const now = progress.started_at;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as DemoSummary;
  const months = [...new Set(manifest.files.map((f) => f.registry?.period ?? '').filter((p) => p !== ''))].sort();
  // ВО after the month's ХВС and ГВС, as check 10 compares them; in the last month before them, so the demo shows
  // ВО registries checked again when the water registries of their period arrive
  const seweragePlace = (period: string): number => (period === months.at(-1) ? -1 : 1);
  const rank = (f: DemoSummary['files'][number]): number => (f.registry?.service === SEWERAGE ? seweragePlace(f.registry.period) : 0);
  const files = manifest.files.filter((f) => f.kind === 'registry' && f.registry)
    .sort((a, b) => (a.registry?.period ?? '').localeCompare(b.registry?.period ?? '') || rank(a) - rank(b) || a.path.localeCompare(b.path));
  const last = months.at(-1);
  const secondLast = months.at(-2);
  const admin = await demoUser(sql, 'admin');
  const rsoUsers = await demoRsoUsers(sql);
  const fileNameOf = (path: string): string => path.split('/').at(-1) ?? path;
  // the first registry of a file name and period is the demo's; a later one is the duplicate refused at the end
  const known = new Map<string, number>();
  for (const r of await sql<{ key: string; id: number }[]>`select to_char(period, 'YYYY-MM') || '|' || file_name as key, id::int as id from registries order by id`) {
    if (!known.has(r.key)) known.set(r.key, r.id);
  }
  await sql`update demo_progress set total = ${files.length}`;
  const started = Date.now();
  const byMonth = new Map<string, number[]>();
  let registered = 0;
  let fresh = 0;
  let checkMs = 0;
  for (const [k, f] of files.entries()) {
    const period = f.registry?.period ?? '';
    const fileName = fileNameOf(f.path);
    let id = known.get(`${period}|${fileName}`);
    if (id === undefined) {
      if (signal?.aborted) return false;
      const monthIndex = months.indexOf(period);
      // old months came in on the 3rd–12th of the next month; the last two months over the recent working weeks
      const registeredAt = period === last ? new Date(now.getTime() - (k % 9) * DAY - 3_600_000)
        : period === secondLast ? new Date(now.getTime() - (9 + (k % 12)) * DAY)
          : new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 3 + (k % 10), 5, k % 60));
      const inDate = registeredAt.toISOString().slice(0, 10);
      // the last month's registries of the demo РСО accounts came in through the portal, sent by them
      const portalUser = period === last ? rsoUsers.get(f.registry?.inn ?? '') : undefined;
      const outcome = await registerRegistry(sql, {
        fileName,
        bytes: readFileSync(join(dir, f.path)),
        form: portalUser
          ? { letterOutNo: `${100 + (k % 800)}-${monthIndex + 1}/исх`, letterOutDate: inDate }
          : { letterInNo: `ВХ-${inDate.slice(0, 4)}/${String(k + 1).padStart(5, '0')}`, letterInDate: inDate, letterOutNo: `${100 + (k % 800)}-${monthIndex + 1}/исх`, comment: k % 17 === 0 ? 'Повторно запрошены акты сверки' : undefined },
        actorId: portalUser?.id ?? admin.id,
        registeredAt,
        ...(portalUser?.rsoInn ? { portal: { rsoInn: portalUser.rsoInn } } : {}),
      });
      if (!outcome.ok) throw new Error(`демо-реестр ${f.path} не прочитан: ${outcome.problems.slice(0, 3).map((p) => p.message).join('; ')}`);
      checkMs += outcome.checkMs;
      id = outcome.registryId;
      fresh++;
    }
    registered++;
    byMonth.set(period, [...(byMonth.get(period) ?? []), id]);
    if (registered % 20 === 0 || registered === files.length) {
      await sql`update demo_progress set registered = ${registered}`;
      // the analytics summaries follow the intake, so the first dashboard view finds them built
      await refreshSoon(sql, log);
      if (fresh > 0 && (registered % 100 === 0 || registered === files.length)) log(`демо-реестры: ${registered} из ${files.length}`);
    }
  }
  if (fresh > 0) log(`демо-реестры: ${fresh} зарегистрировано за ${((Date.now() - started) / 1000).toFixed(1)} с (проверки ${(checkMs / 1000).toFixed(1)} с)`);

  const decided = Date.now();
  if (!(await workDemoRegistries(sql, byMonth, signal, log))) return false;
  // a second copy of one of the last month's registries: refused at registration as a duplicate
  const again = files.find((f) => f.registry?.period === last);
  const [dup] = await sql`select 1 from registries where letter_in_no = ${DUPLICATE_LETTER}`;
  if (again && !dup) await registerRegistry(sql, { fileName: fileNameOf(again.path), bytes: readFileSync(join(dir, again.path)), form: { letterInNo: DUPLICATE_LETTER, letterInDate: now.toISOString().slice(0, 10) }, actorId: admin.id, registeredAt: now });
  await demoCorrespondence(sql);
  await refreshSoon(sql, log);
  await sql`update demo_progress set registered = ${files.length}, finished_at = now()`;
  log(`демо-реестры: решения демо-проверяющих за ${((Date.now() - decided) / 1000).toFixed(1)} с`);
  return true;
}

async function auditedOnce(sql: Sql, id: number, action: string): Promise<boolean> {
  const [a] = await sql`select 1 from audit_log where entity = 'registry' and entity_id = ${String(id)} and action = ${action} limit 1`;
  return a !== undefined;
}

/**
 * The demo reviewers' year: months before the last two decided (a few not agreed), the second-to-last month partly
 * in work with one registry cancelled, the last month left new. `byMonth`: registry ids per `YYYY-MM`, in order.
 * Resumable: each registry is brought from the status it has to the one it should end in, and recorded in
 * `demo_worked` when done. A registry a person took meanwhile (in work, but not in `demo_taken`, or taken between
 * the look and the command) is theirs: it is skipped, not decided on, and not a reason to stop.
 * Returns false when `signal` stopped it.
 */
export async function workDemoRegistries(sql: Sql, byMonth: ReadonlyMap<string, readonly number[]>, signal?: AbortSignal, log: (m: string) => void = () => undefined): Promise<boolean> {
  const months = [...byMonth.keys()].sort();
  const last = months.at(-1);
  const secondLast = months.at(-2);
  const admin = await demoUser(sql, 'admin');
  const reviewers = [await demoUser(sql, 'reviewer'), await demoUser(sql, 'reviewer2')];
  const all = [...byMonth.values()].flat();
  const state = new Map((await sql<{ id: number; status: string }[]>`select id::int as id, status from registries where id = any(${all}::bigint[])`).map((r) => [r.id, r]));
  const worked = new Set((await sql<{ id: number }[]>`select registry_id::int as id from demo_worked`).map((r) => r.id));
  const ours = new Set((await sql<{ id: number }[]>`select registry_id::int as id from demo_taken`).map((r) => r.id));
  const done = (id: number) => sql`insert into demo_worked (registry_id) values (${id}) on conflict do nothing`;
  const takeAs = async (id: number, reviewer: SessionUser): Promise<void> => {
    await sql`insert into demo_taken (registry_id) values (${id}) on conflict do nothing`;
    await take(sql, id, reviewer, undefined);
  };
  for (const period of months) {
    if (period === last) continue;
    // a registry refused at registration (an unknown ИНН, a duplicate) has nothing to review
    const ids = (byMonth.get(period) ?? []).filter((id) => state.get(id)?.status !== 'Отказано в регистрации');
    for (const [i, id] of ids.entries()) {
      if (worked.has(id)) continue;
      if (signal?.aborted) return false;
      const reviewer = reviewers[i % 2] ?? admin;
      const is = state.get(id)?.status;
      const planned = period === secondLast ? i % 3 !== 2 : true;
      if (planned && is === 'В работе' && !ours.has(id)) {
        log(`демо-реестры: реестр № ${id} уже взят в работу пользователем — пропущен`);
        await done(id);
        continue;
      }
      try {
        if (period === secondLast) {
          if (i % 3 !== 2) {
            if (is === 'Новый') await takeAs(id, reviewer);
            if (i % 3 === 0 && !(await auditedOnce(sql, id, 'registry.agree_clean'))) await agreeClean(sql, id, reviewer, 'Проверка без ошибок (демо)');
            if (i === 1 && is !== 'Отменен') await cancel(sql, id, admin, 'РСО отозвала реестр письмом');
          }
        } else if (is === 'Новый' || is === 'В работе') {
          if (is === 'Новый') await takeAs(id, reviewer);
          if (i % 29 === 5) {
            await complete(sql, id, reviewer, 'Не согласован', 'Реестр не подписан руководителем РСО');
          } else {
            if (!(await auditedOnce(sql, id, 'registry.agree_clean'))) await agreeClean(sql, id, reviewer, 'Проверка без ошибок (демо)');
            await rejectFailed(sql, id, reviewer);
            await complete(sql, id, reviewer, 'Согласован', undefined);
          }
        }
      } catch (e) {
        // a person took it between the look above and the command: theirs now
        if (!(e instanceof ApiError) || (e.status !== 403 && e.status !== 409)) throw e;
        log(`демо-реестры: реестр № ${id} уже взят в работу пользователем — пропущен (${e.message})`);
      }
      await done(id);
      if (i % 20 === 19) await refreshSoon(sql, log);
    }
  }
  return true;
}
