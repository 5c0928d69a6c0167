import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMigrationSequence, migrateSharedDoc, SCHEMA_VERSION, schemaVersionOf, SHARED_DOC_MIGRATIONS } from './migrations.ts';
import { flagOfRow, labelsOfRow, listThreads, metaOf, readRegistryMirror, registryDecisions, rowMirror } from './shared-doc.ts';
import { storedV1 } from './testing.ts';

const REF = { kind: 'registry', registryId: 42 } as const;

describe('migrations of the shared documents', () => {
  it('open a stored v1 document at the current version, keeping everything people wrote and the server mirrored', () => {
    const doc = storedV1();
    expect(schemaVersionOf(doc)).toBe(1);
    const before = { threads: listThreads(doc), labels: labelsOfRow(doc, 2), flag: flagOfRow(doc, 3), mirror: readRegistryMirror(doc), row: rowMirror(doc, 1), decisions: registryDecisions(doc) };
    expect(before.threads[0]?.comments.map((c) => c.text)).toEqual(['Проверьте площадь дома @reviewer2', 'Площадь по ГИС ЖКХ 412,5 м², в реестре 421,5']);

    expect(migrateSharedDoc(doc, REF, 'server')).toEqual({ ok: true, from: 1, to: SCHEMA_VERSION });
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(2);
    expect(metaOf(doc).get('kind')).toBe('registry');
    expect({ threads: listThreads(doc), labels: labelsOfRow(doc, 2), flag: flagOfRow(doc, 3), mirror: readRegistryMirror(doc), row: rowMirror(doc, 1), decisions: registryDecisions(doc) }).toEqual(before);
  });

  it('migrate in one transaction of the server, once: a client that applies it is at the same version, and a second open changes nothing', () => {
    const server = storedV1();
    const client = storedV1();
    const updates: Uint8Array[] = [];
    server.on('update', (u: Uint8Array, origin: unknown) => origin === 'server' && updates.push(u));
    migrateSharedDoc(server, REF, 'server');
    expect(updates).toHaveLength(1);
    for (const u of updates) Y.applyUpdate(client, u);
    expect(schemaVersionOf(client)).toBe(SCHEMA_VERSION);
    expect(metaOf(client).get('kind')).toBe('registry');

    expect(migrateSharedDoc(server, REF, 'server')).toEqual({ ok: true, from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    expect(updates).toHaveLength(1);
  });

  it('write the current layout into a new document, and refuse one a newer server stored', () => {
    const fresh = new Y.Doc();
    expect(migrateSharedDoc(fresh, { kind: 'standards', sheetId: 'g1' }, 'server')).toEqual({ ok: true, from: null, to: SCHEMA_VERSION });
    expect(metaOf(fresh).get('kind')).toBe('standards');

    const newer = new Y.Doc();
    metaOf(newer).set('schemaVersion', SCHEMA_VERSION + 1);
    const r = migrateSharedDoc(newer, REF, 'server');
    expect(r.ok).toBe(false);
    expect(schemaVersionOf(newer)).toBe(SCHEMA_VERSION + 1);
  });

  it('run only the steps above the stored version, in order', () => {
    const ran: number[] = [];
    const step = (version: number) => ({ version, title: `шаг ${version}`, up: () => void ran.push(version) });
    const sequence = createMigrationSequence([step(2), step(3), step(4)]);
    const doc = new Y.Doc();
    metaOf(doc).set('schemaVersion', 2);
    expect(migrateSharedDoc(doc, REF, 'server', sequence)).toEqual({ ok: true, from: 2, to: 4 });
    expect(ran).toEqual([3, 4]);
    expect(() => createMigrationSequence([step(2), step(4)])).toThrow(/produces version 4, expected 3/);
    expect(SHARED_DOC_MIGRATIONS.steps.map((s) => s.version)).toEqual([2]);
  });
});
