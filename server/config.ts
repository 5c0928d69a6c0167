import { resolve } from 'node:path';
import type { HttpSettings } from './http/settings.ts';

/** Everything the server reads from its environment, in one place, with the defaults of a demo start. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Load the generated demo region and create demo accounts on first start. */
  demo: boolean;
  demoHouses: number;
  demoSeed: number;
  adminLogin: string | undefined;
  adminPassword: string | undefined;
  workspaceDir: string;
  http: HttpSettings;
  /** the Ed25519 key that signs audit checkpoints: PEM text (or base64 DER), or a file; else one in `dataDir` */
  auditKey: string | undefined;
  auditKeyFile: string | undefined;
  /** how often the audit chain's head is signed when it moved */
  auditCheckpointMinutes: number;
}

const flag = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : /^(1|true|yes|on)$/i.test(v));

/** A positive number from the environment; a typo stops the start instead of silently meaning something else. */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${v}: нужно положительное число`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir: resolve(env.SVERKA_DATA_DIR ?? 'data'),
    // A real database holds real data: the demo region is loaded there only when asked for.
    demo: flag(env.SVERKA_DEMO) ?? !databaseUrl,
    demoHouses: Number(env.SVERKA_DEMO_HOUSES ?? 20_000),
    demoSeed: Number(env.SVERKA_DEMO_SEED ?? 72),
    adminLogin: env.SVERKA_ADMIN_LOGIN,
    adminPassword: env.SVERKA_ADMIN_PASSWORD,
    workspaceDir: resolve(env.SVERKA_WORKSPACE_DIR ?? 'dist/workspace'),
    http: {
      trustProxy: flag(env.SVERKA_TRUST_PROXY) ?? false,
      secureCookie: flag(env.SVERKA_SECURE_COOKIE) ?? false,
      sessionIdleMinutes: positive(env, 'SVERKA_SESSION_IDLE_MINUTES', 30),
      sessionHours: positive(env, 'SVERKA_SESSION_HOURS', 12),
    },
    auditKey: env.SVERKA_AUDIT_KEY || undefined,
    auditKeyFile: env.SVERKA_AUDIT_KEY_FILE ? resolve(env.SVERKA_AUDIT_KEY_FILE) : undefined,
    auditCheckpointMinutes: positive(env, 'SVERKA_AUDIT_CHECKPOINT_MINUTES', 10),
  };
}
