import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password.ts';
import { ensureDemoRsoUsers } from './demo-portal.ts';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { ensureFirstUsers } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { generateTestRegion, type TestRegion } from './testing.ts';
import { importReference } from '../reference/import-reference.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { closeChecks } from '../checks/check-runner.ts';
import { decideRows, take } from '../registries/commands.ts';
import { demoStatus, registerDemoRegistries, startDemoProgress, unfinishedDemo } from './demo-registries.ts';

/** The demo's registries load in the background after the server listens: stopped, then continued by a restart. */
describe.each(testDatabases())('demo registries on $name', (target) => {
  let db: Database;
  let region: TestRegion;
  let files: { period: string; name: string }[];
  /** the registry a person takes while the demo loads */
  let mine = 0;
  beforeAll(async () => {
    db = await openMigrated(target);
    region = await generateTestRegion({ houses: 300, seed: 72, months: 3 });
    files = region.summary.files.filter((f) => f.kind === 'registry' && f.registry).map((f) => ({ period: f.registry?.period ?? '', name: f.path.split('/').at(-1) ?? '' }));
    await ensureFirstUsers(db.sql, { demo: true });
    await startDemoProgress(db.sql, region.dir);
    for (const kind of ['organisations', 'houses', 'tariffs'] as ReferenceKind[]) {
      const fileName = `reference/${kind}.csv`;
      const r = await importReference(db.sql, { kind, fileName, bytes: readFileSync(join(region.dir, fileName)), actorId: null });
      if (!r.ok) throw new Error(`${fileName}: ${JSON.stringify(r.problems.slice(0, 3))}`);
    }
    expect(await ensureDemoRsoUsers(db.sql, region.dir)).toEqual(['rso', 'rso2']);
    expect(await ensureDemoRsoUsers(db.sql, region.dir)).toEqual([]);
  }, 120_000);
  afterAll(async () => {
    await db.close();
    region.remove();
    await closeChecks();
  });

  it('stops between registries when asked, and a restart registers only the rest, oldest month first', async () => {
    expect(files.length).toBeGreaterThan(100);
    expect(await unfinishedDemo(db.sql)).toBe(region.dir);
    expect(await demoStatus(db.sql)).toEqual({ loading: true, registered: 0, total: 0 });
    const stop = new AbortController();
    const logged: string[] = [];
    const first = await registerDemoRegistries(db.sql, region.dir, (m) => {
      logged.push(m);
      if (m.startsWith('демо-реестры: 100 из')) stop.abort();
    }, stop.signal);
    expect(first).toBe(false);
    expect(logged).toContain(`демо-реестры: 100 из ${files.length}`);
    expect(await demoStatus(db.sql)).toEqual({ loading: true, registered: 100, total: files.length });
    const [{ n: afterStop } = { n: 0 }] = await db.sql<{ n: number }[]>`select count(*)::int as n from registries`;
    expect(afterStop).toBe(100);
    // the oldest month went in first
    const [{ latest } = { latest: '' }] = await db.sql<{ latest: string }[]>`select to_char(max(period), 'YYYY-MM') as latest from registries`;
    const sorted = files.map((f) => f.period).sort();
    expect(latest).toBe(sorted[99]);

    // while the demo loads, a person takes one of the registries the demo would work, and decides on it
    [{ id: mine } = { id: 0 }] = await db.sql<{ id: number }[]>`select id::int as id from registries where status = 'Новый' order by period, id offset 1 limit 1`;
    const person = { ...(await db.sql<{ id: number; login: string; full_name: string }[]>`select id, login, full_name from users where login = 'reviewer2'`)[0]! };
    const reviewer2 = { id: person.id, login: person.login, fullName: person.full_name, role: 'reviewer' as const };
    await take(db.sql, mine, reviewer2, undefined);
    const [{ row } = { row: 0 }] = await db.sql<{ row: number }[]>`select min(row_no)::int as row from registry_rows where registry_id = ${mine}`;
    await decideRows(db.sql, mine, reviewer2, { rows: [row], decision: 'Не согласован', reason: 'Проверю сама' });
    const resumed: string[] = [];
    expect(await registerDemoRegistries(db.sql, region.dir, (m) => resumed.push(m))).toBe(true);
    expect(resumed).toContain(`демо-реестры: реестр № ${mine} уже взят в работу пользователем — пропущен`);
    const [left] = await db.sql<{ status: string; executor: string; agreed: number }[]>`
      select r.status, u.login as executor, r.rows_agreed as agreed from registries r join users u on u.id = r.executor_id where r.id = ${mine}`;
    expect(left).toEqual({ status: 'В работе', executor: 'reviewer2', agreed: 0 });
    expect(await demoStatus(db.sql)).toEqual({ loading: false, registered: files.length, total: files.length });
    expect(await unfinishedDemo(db.sql)).toBeNull();
    // every file once, plus the one duplicate refused at registration
    const regs = await db.sql<{ key: string; n: number }[]>`
      select to_char(period, 'YYYY-MM') || '|' || file_name as key, count(*)::int as n from registries where letter_in_no is distinct from 'ВХ-повтор' group by 1`;
    expect(regs.length).toBe(files.length);
    expect(regs.every((r) => r.n === 1)).toBe(true);
    expect(new Set(regs.map((r) => r.key))).toEqual(new Set(files.map((f) => `${f.period}|${f.name}`)));
    const [dup] = await db.sql<{ status: string }[]>`select status from registries where letter_in_no = 'ВХ-повтор'`;
    expect(dup?.status).toBe('Отказано в регистрации');
  }, 600_000);

  it('leaves the reviewers’ year: old months decided, the second-to-last partly in work, the last new', async () => {
    const months = [...new Set(files.map((f) => f.period))].sort();
    const byMonth = await db.sql<{ month: string; status: string; n: number }[]>`
      select to_char(period, 'YYYY-MM') as month, status, count(*)::int as n from registries
      where letter_in_no is distinct from 'ВХ-повтор' and status <> 'Отказано в регистрации' and id <> ${mine} group by 1, 2`;
    const statuses = (m: string | undefined): Set<string> => new Set(byMonth.filter((r) => r.month === m).map((r) => r.status));
    expect(statuses(months.at(-1))).toEqual(new Set(['Новый']));
    expect(statuses(months.at(-2))).toEqual(new Set(['Новый', 'В работе', 'Отменен']));
    expect(statuses(months[0])).toEqual(new Set(['Согласован', 'Не согласован']));
    // counters kept by the set-based commands agree with the rows
    const drift = await db.sql`
      select r.id from registries r join (select registry_id, count(*) filter (where status = 'Согласован')::int as agreed, count(*) filter (where status = 'Не согласован')::int as rejected,
        coalesce(sum(subsidy) filter (where status = 'Согласован'), 0) as agreed_sum from registry_rows group by 1) s on s.registry_id = r.id
      where r.rows_agreed <> s.agreed or r.rows_rejected <> s.rejected or (r.status <> 'Не согласован' and r.agreed_sum <> s.agreed_sum)`;
    expect(drift).toEqual([]);
    expect((await verifyAuditChain(db.sql)).ok).toBe(true);
  });

  it('has two РСО accounts of organisations with registries, the last month of rso and rso2 sent through the portal, and one correspondence', async () => {
    const rso = await db.sql<{ login: string; registries: number; portal: number; last: string }[]>`
      select u.login, count(r.id)::int as registries, count(r.id) filter (where r.via_portal)::int as portal,
        to_char(max(r.period), 'YYYY-MM') as last
      from users u join registries r on r.rso_inn = u.rso_inn where u.role = 'rso' group by u.login order by u.login`;
    expect(rso.map((r) => r.login)).toEqual(['rso', 'rso2']);
    const lastMonth = [...new Set(files.map((f) => f.period))].sort().at(-1);
    for (const r of rso) {
      expect(r.registries).toBeGreaterThan(r.portal);
      expect(r.portal).toBeGreaterThan(0);
    }
    const [portalMonths] = await db.sql<{ months: string[] }[]>`select array_agg(distinct to_char(period, 'YYYY-MM')) as months from registries where via_portal`;
    expect(portalMonths?.months).toEqual([lastMonth]);
    const thread = await db.sql<{ from_rso: boolean }[]>`select from_rso from portal_messages order by id`;
    expect(thread.map((m) => m.from_rso)).toEqual([false, true]);
    expect(await verifyPassword('rso-demo', (await db.sql<{ h: string }[]>`select password_hash as h from users where login = 'rso2'`)[0]?.h ?? '')).toBe(true);
  });

  it('does the decisions once: a second pass over an unfinished decision phase writes nothing new', async () => {
    const count = async (): Promise<number> => (await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log`)[0]?.n ?? 0;
    const before = await count();
    // as if the process had stopped after the registrations: nothing recorded as worked, the load unfinished
    await db.sql`delete from demo_worked`;
    await db.sql`update demo_progress set finished_at = null`;
    expect(await registerDemoRegistries(db.sql, region.dir, () => undefined)).toBe(true);
    expect(await count()).toBe(before);
    expect(await registerDemoRegistries(db.sql, region.dir, () => undefined)).toBe(true);
    expect(await count()).toBe(before);
  }, 600_000);
});
