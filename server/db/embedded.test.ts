import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

describe('embedded Postgres in a data directory', () => {
  it('keeps data across restarts and refuses a second process while one holds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sverka-embedded-'));
    const first = await openDatabase({ dataDir: dir });
    await migrate(first.sql);
    await first.sql`insert into users (login, full_name, role, password_hash) values ('keeper', 'К', 'admin', 'x')`;
    // the lock names a live pid: ours stands in for another process here
    writeFileSync(join(dir, 'sverka.lock'), String(process.ppid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/уже открыта процессом/);
    writeFileSync(join(dir, 'sverka.lock'), String(process.pid));
    await first.close();

    const again = await openDatabase({ dataDir: dir });
    expect(await migrate(again.sql)).toEqual([]);
    const [row] = await again.sql<{ login: string }[]>`select login from users`;
    expect(row?.login).toBe('keeper');
    await again.close();
  });
});
