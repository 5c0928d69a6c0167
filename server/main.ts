import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { loadSigningKey } from './audit/signing-key.ts';
import { onSessionsEnded } from './auth/sessions-ended.ts';
import { ensureFirstUsers } from './auth/users.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { demoDirOf, loadDemoRegionIfEmpty } from './demo/load-demo-region.ts';
import { ensureDemoRsoUsers } from './demo/demo-portal.ts';
import { closeChecks } from './checks/check-runner.ts';
import { registerDemoRegistries, unfinishedDemo } from './demo/demo-registries.ts';
import { startMaintenance } from './maintenance.ts';
import { refreshSoon } from './analytics/refresh.ts';
import { endLiveConnections } from './registries/live-connections.ts';
import { redisUrlFromEnv } from './sync/redis-bus.ts';
import { attachSync } from './sync/sync-endpoint.ts';
import { stopUploadReader } from './uploads/reader-thread.ts';
import { createWebApp } from './web.ts';

const log = (msg: string): void => console.log(`[sverka] ${msg}`);

async function main(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  log(db.kind === 'embedded' ? `встроенный Postgres: ${config.dataDir}` : 'Postgres: DATABASE_URL');
  const applied = await migrate(db.sql);
  if (applied.length > 0) log(`миграции применены: ${applied.join(', ')}`);
  const created = await ensureFirstUsers(db.sql, { demo: config.demo, adminLogin: config.adminLogin, adminPassword: config.adminPassword });
  if (created.length > 0) log(`созданы учётные записи: ${created.join(', ')}`);
  if (config.demo) {
    await loadDemoRegionIfEmpty(db.sql, config, log);
    // the РСО accounts need their organisations, loaded with the reference just now (or on an earlier start)
    const rso = await ensureDemoRsoUsers(db.sql, demoDirOf(config));
    if (rso.length > 0) log(`созданы учётные записи РСО: ${rso.join(', ')}`);
  }

  const signingKey = loadSigningKey({ key: config.auditKey, keyFile: config.auditKeyFile, dataDir: config.dataDir });
  log(`журнал аудита подписывается ключом ${signingKey.keyId} (${signingKey.source}); проверка: npx sverka verify-audit --public-key …`);
  const maintenance = startMaintenance(db.sql, { signingKey, checkpointMinutes: config.auditCheckpointMinutes, sessionIdleMinutes: config.http.sessionIdleMinutes, log });

  const app = createWebApp(db.sql, config.workspaceDir, config.http);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log(`Сверка открыта: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}/`);
  });
  // Live co-review: WebSocket upgrades of /api/sync/<docName> on the same server (Redis between processes if set).
  const redisUrl = redisUrlFromEnv();
  const sync = attachSync(server as Server, { sql: db.sql, redisUrl, log, serializeDb: db.kind === 'embedded', http: config.http });
  if (redisUrl) log(`совместная работа через Redis: процесс ${sync.hub.processId}`);
  // an account disabled from the command line or by another server process: its live connections here end too
  // (the embedded database has no other process)
  const unlisten = db.kind === 'postgres' ? await onSessionsEnded(db.sql, (userId) => endLiveConnections(db.sql, userId)) : null;
  // The demo's registries load after the server listens (minutes for ~1,800 of them), oldest month first; a
  // restart continues with what is not registered yet. Stopping waits for the registry in hand, then ends.
  // summaries of registries that arrived while the server was down (or before this version) are built now
  void refreshSoon(db.sql, log);
  const demoStop = new AbortController();
  const demoDir = config.demo ? await unfinishedDemo(db.sql) : null;
  const demo = demoDir === null ? Promise.resolve()
    : registerDemoRegistries(db.sql, demoDir, log, demoStop.signal).then(
      (finished) => log(finished ? 'демо-реестры загружены' : 'загрузка демо-реестров прервана: продолжится при следующем запуске'),
      (e: unknown) => log(`демо-реестры не загружены: ${e instanceof Error ? e.message : String(e)}`),
    );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    log('остановка…');
    demoStop.abort();
    server.close();
    demo
      .then(() => closeChecks())
      .then(() => stopUploadReader())
      .then(() => maintenance.stop())
      .then(() => unlisten?.())
      .then(() => sync.close())
      .then(() => db.close())
      .then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
