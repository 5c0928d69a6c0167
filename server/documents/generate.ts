import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import type { SessionUser } from '../contract/auth.ts';
import type { Sql } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import type { DocumentItem, DocumentKind } from '../contract/registries.ts';
import { today } from '../registries/deadlines.ts';
import { renderAppendix } from './appendix-xlsx.ts';
import { renderLetter, renderNotification, type Stamp } from './docx.ts';
import { loadRegistryFacts, loadRejectedRows, loadRuleTitles, type RegistryFacts } from './registry-facts.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The registry's executor or an administrator makes its documents, and whoever refused its registration makes the
 * refusal notification (a refused registry has no executor); everyone signed in may read them.
 */
export function mayGenerateDocuments(user: Pick<SessionUser, 'id' | 'role'>, executorId: number | null, kind?: DocumentKind, refusedById?: number | null): boolean {
  if (kind === 'notification' && refusedById !== undefined && refusedById !== null && refusedById === user.id) return true;
  return user.role === 'admin' || (user.role === 'reviewer' && executorId === user.id);
}

/**
 * Why a document of this kind cannot be made for the registry now, or null when it can. A notification answers
 * registration (or its refusal), so it can be made at any status. The letter and its appendix report results:
 * they need a decided registry (Согласован / Не согласован), or one В работе with at least one row decided — then
 * the letter is an interim one and says how many rows still wait for a decision.
 */
export function notReadyReason(kind: DocumentKind, f: RegistryFacts): string | null {
  if (kind === 'notification') return null;
  switch (f.status) {
    case 'Согласован':
    case 'Не согласован':
      return null;
    case 'В работе':
      return f.rowsAgreed + f.rowsRejected > 0 ? null : 'По строкам реестра еще не принято ни одного решения: письмо о результатах проверки формировать рано';
    case 'Новый':
      return 'Реестр еще не взят в работу: письмо о результатах проверки формировать рано';
    case 'Отменен':
      return 'Реестр отменен: письмо о результатах проверки не формируется';
    case 'Отказано в регистрации':
      return 'Реестру отказано в регистрации: сформируйте уведомление об отказе';
    default:
      return exhaustive(f.status);
  }
}

function exhaustive(x: never): never {
  throw new Error(`unexpected registry status ${String(x)}`);
}

const TITLES: Record<DocumentKind, (f: RegistryFacts) => string> = {
  letter: () => 'Письмо РСО о результатах проверки',
  notification: (f) => (f.status === 'Отказано в регистрации' ? 'Уведомление об отказе в регистрации реестра' : 'Уведомление о регистрации реестра'),
  appendix: () => 'Приложение: несогласованные строки реестра',
};

const FILE_STEMS: Record<DocumentKind, string> = { letter: 'Письмо', notification: 'Уведомление', appendix: 'Приложение' };

/** «СВ-2026-000017»: the year of signing, then the document sequence. */
export const documentNumber = (year: string, n: number): string => `СВ-${year}-${String(n).padStart(6, '0')}`;

/**
 * Generates, numbers and stores one document of a registry, with its audit record, in one transaction: a
 * failure anywhere leaves neither a document nor a record (the sequence may skip a number, as sequences do).
 */
export async function generateDocument(sql: Sql, user: SessionUser, registryId: number, kind: DocumentKind): Promise<DocumentItem> {
  return sql.begin(async (tx) => {
    const loaded = await loadRegistryFacts(tx, registryId, true);
    if (!mayGenerateDocuments(user, loaded.executorId, kind, loaded.refusedById)) {
      throw new ApiError(403, 'forbidden', 'Документы по реестру формирует его исполнитель или администратор; уведомление об отказе — также тот, кто отказал в регистрации');
    }
    // «Исп.»: the registry's executor; for a refused registry (no executor) whoever refused it; else who makes it
    const facts: RegistryFacts = { ...loaded, executor: loaded.executor ?? loaded.refusedBy ?? user.fullName };
    const notReady = notReadyReason(kind, facts);
    if (notReady) throw new ApiError(409, 'document_not_ready', notReady);

    const [seq] = await tx<{ n: string }[]>`select nextval('document_numbers')::text as n`;
    if (!seq) throw new Error('no document number');
    // the office's day (its time zone, not the server's) dates the document and gives the number its year
    const date = today();
    const stamp: Stamp = { number: documentNumber(date.slice(0, 4), Number(seq.n)), date };
    const rejected = kind === 'notification' ? [] : await loadRejectedRows(tx, registryId);
    const ruleTitles = kind === 'letter' ? await loadRuleTitles(tx, registryId) : undefined;
    const content = kind === 'letter' ? renderLetter(facts, rejected, stamp, { ruleTitles }) : kind === 'notification' ? renderNotification(facts, stamp) : renderAppendix(facts, rejected, stamp);
    const mimeType = kind === 'appendix' ? XLSX_MIME : DOCX_MIME;
    const fileName = `${FILE_STEMS[kind]} ${stamp.number}.${kind === 'appendix' ? 'xlsx' : 'docx'}`;
    const title = TITLES[kind](facts);

    const [doc] = await tx<DocumentItem[]>`
      insert into documents (registry_id, kind, title, file_name, content, created_by, number, mime_type)
      values (${registryId}, ${kind}, ${title}, ${fileName}, ${content}, ${user.id}, ${stamp.number}, ${mimeType})
      returning id::int as id, registry_id::int as "registryId", kind, title, number, file_name as "fileName", mime_type as "mimeType",
                ${user.fullName}::text as "createdBy", to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"`;
    if (!doc) throw new Error('document not stored');
    await appendAudit(tx, {
      actorId: user.id,
      action: 'registry.document',
      entity: 'registry',
      entityId: registryId,
      payload: { documentId: doc.id, kind, number: stamp.number, title, fileName, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') },
    });
    return doc;
  });
}

/** The registry's documents, newest first; 404 when there is no such registry. */
export async function listDocuments(sql: Sql, registryId: number): Promise<DocumentItem[]> {
  const [exists] = await sql`select 1 from registries where id = ${registryId}`;
  if (!exists) throw new ApiError(404, 'registry_not_found', `Реестр № ${registryId} не найден`);
  const rows = await sql<DocumentItem[]>`
    select d.id::int as id, d.registry_id::int as "registryId", d.kind, d.title, d.number, d.file_name as "fileName",
           d.mime_type as "mimeType", u.full_name as "createdBy",
           to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
    from documents d left join users u on u.id = d.created_by
    where d.registry_id = ${registryId} order by d.id desc`;
  return [...rows];
}

export interface StoredFile {
  fileName: string;
  mimeType: string;
  content: Buffer;
}

/** A stored document's bytes exactly as generated. */
export async function documentFile(sql: Sql, documentId: number): Promise<StoredFile> {
  const [row] = await sql<StoredFile[]>`select file_name as "fileName", mime_type as "mimeType", content from documents where id = ${documentId}`;
  if (!row) throw new ApiError(404, 'document_not_found', `Документ № ${documentId} не найден`);
  return row;
}
