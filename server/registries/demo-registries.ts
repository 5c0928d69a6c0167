import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role, SessionUser } from '../auth/roles.ts';
import type { Sql } from '../db/database.ts';
import type { DemoSummary } from '../demo/manifest.ts';
import { agreeClean, cancel, complete, decideRows, take } from './commands.ts';
import { registerRegistry } from './intake.ts';

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

/**
 * The demo's registries, registered through the same intake as an upload, oldest month first (so checks 7 and 9
 * see their history), with letter numbers and dates; then a year of work by the demo reviewers: months before the
 * last two decided (rows without errors agreed, failed rows rejected with the failed check, the registry completed;
 * a few not agreed), the second-to-last month partly in work, the last month new, one duplicate refused and one
 * registry cancelled, so every status and tab has content.
 */
export async function registerDemoRegistries(sql: Sql, dir: string, log: (m: string) => void, now = new Date()): Promise<void> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from registries`;
  if ((row?.n ?? 0) > 0) return;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as DemoSummary;
  const files = manifest.files.filter((f) => f.kind === 'registry' && f.registry).sort((a, b) => (a.registry?.period ?? '').localeCompare(b.registry?.period ?? '') || a.path.localeCompare(b.path));
  const months = [...new Set(files.map((f) => f.registry?.period ?? ''))].sort();
  const last = months.at(-1);
  const secondLast = months.at(-2);
  const admin = await demoUser(sql, 'admin');
  const started = Date.now();
  const byMonth = new Map<string, number[]>();
  let seq = 0;
  let checkMs = 0;
  for (const f of files) {
    const period = f.registry?.period ?? '';
    const k = seq++;
    const monthIndex = months.indexOf(period);
    // old months came in on the 3rd–12th of the next month; the last two months over the recent working weeks
    const registeredAt = period === last ? new Date(now.getTime() - (k % 9) * DAY - 3_600_000)
      : period === secondLast ? new Date(now.getTime() - (9 + (k % 12)) * DAY)
        : new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 3 + (k % 10), 5, k % 60));
    const inDate = registeredAt.toISOString().slice(0, 10);
    const outcome = await registerRegistry(sql, {
      fileName: f.path.split('/').at(-1) ?? f.path,
      bytes: readFileSync(join(dir, f.path)),
      form: { letterInNo: `ВХ-${inDate.slice(0, 4)}/${String(k + 1).padStart(5, '0')}`, letterInDate: inDate, letterOutNo: `${100 + (k % 800)}-${monthIndex + 1}/исх`, comment: k % 17 === 0 ? 'Повторно запрошены акты сверки' : undefined },
      actorId: admin.id,
      registeredAt,
    });
    if (!outcome.ok) throw new Error(`демо-реестр ${f.path} не прочитан: ${outcome.problems.slice(0, 3).map((p) => p.message).join('; ')}`);
    checkMs += outcome.checkMs;
    byMonth.set(period, [...(byMonth.get(period) ?? []), outcome.registryId]);
    if (seq % 200 === 0) log(`реестры: зарегистрировано ${seq} из ${files.length}`);
  }
  log(`реестры: ${files.length} зарегистрировано за ${((Date.now() - started) / 1000).toFixed(1)} с (проверки ${(checkMs / 1000).toFixed(1)} с)`);

  const decided = Date.now();
  await workDemoRegistries(sql, byMonth);
  // a second copy of one of the last month's registries: refused at registration as a duplicate
  const again = files.find((f) => f.registry?.period === last);
  if (again) await registerRegistry(sql, { fileName: again.path.split('/').at(-1) ?? again.path, bytes: readFileSync(join(dir, again.path)), form: { letterInNo: 'ВХ-повтор', letterInDate: now.toISOString().slice(0, 10) }, actorId: admin.id, registeredAt: now });
  log(`реестры: решения демо-проверяющих за ${((Date.now() - decided) / 1000).toFixed(1)} с`);
}

/**
 * The demo reviewers' year: months before the last two decided (a few not agreed), the second-to-last month partly
 * in work with one registry cancelled, the last month left new. `byMonth`: registry ids per `YYYY-MM`, in order.
 */
export async function workDemoRegistries(sql: Sql, byMonth: ReadonlyMap<string, readonly number[]>): Promise<void> {
  const months = [...byMonth.keys()].sort();
  const last = months.at(-1);
  const secondLast = months.at(-2);
  const admin = await demoUser(sql, 'admin');
  const reviewers = [await demoUser(sql, 'reviewer'), await demoUser(sql, 'reviewer2')];
  // a registry refused at registration (an unknown ИНН, a duplicate) has nothing to review
  const fresh = new Set((await sql<{ id: number }[]>`select id::int as id from registries where status = 'Новый'`).map((r) => r.id));
  for (const period of months) {
    const ids = (byMonth.get(period) ?? []).filter((id) => fresh.has(id));
    if (period === last) continue;
    for (const [i, id] of ids.entries()) {
      const reviewer = reviewers[i % 2] ?? admin;
      if (period === secondLast) {
        if (i % 3 === 2) continue; // still Новый
        await take(sql, id, reviewer, undefined);
        if (i % 3 === 0) await agreeClean(sql, id, reviewer);
        if (i === 1) await cancel(sql, id, admin, 'РСО отозвала реестр письмом');
        continue;
      }
      await take(sql, id, reviewer, undefined);
      if (i % 29 === 5) {
        await complete(sql, id, reviewer, 'Не согласован', 'Реестр не подписан руководителем РСО');
        continue;
      }
      await agreeClean(sql, id, reviewer);
      await rejectFailed(sql, id, reviewer);
      await complete(sql, id, reviewer, 'Согласован', undefined);
    }
  }
}
