import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

/** A database a test suite runs against: always the embedded one, and the real server when DATABASE_URL is set. */
export interface TestDatabase {
  name: string;
  /** A fresh, migrated, empty database; `close` removes it. */
  open(): Promise<Database>;
}

async function freshRealDatabase(url: string): Promise<Database> {
  const name = `sverka_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ url: target.toString(), max: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function testDatabases(): TestDatabase[] {
  const targets: TestDatabase[] = [{ name: 'embedded PGlite', open: () => openDatabase({}) }];
  const url = process.env.DATABASE_URL;
  if (url) targets.push({ name: 'PostgreSQL (DATABASE_URL)', open: () => freshRealDatabase(url) });
  return targets;
}

/** Opens and migrates a fresh test database. */
export async function openMigrated(target: TestDatabase): Promise<Database> {
  const db = await target.open();
  await migrate(db.sql);
  return db;
}
