/**
 * A standards group's unsaved draft, shared live in the group's document (`standards:<groupId>`): root `draft`
 * (Y.Map), one mark per edited service and field (`ХВС|tariff`) with the value (10⁻⁴ units) and whose edit it is.
 * Two analysts on one group see each other's edits as they make them; saving stays the audited server command
 * (`POST /standards/groups/:id/services`), after which the draft is cleared.
 */
import type * as Y from 'yjs';

export const DRAFT_ROOT = 'draft';

export interface DraftMark {
  service: string;
  field: 'tariff' | 'norm';
  /** 10⁻⁴ units */
  value: number;
  /** login and full name of whoever edited it last */
  by: string;
  byName: string;
  at: string;
}

export const draftOf = (doc: Y.Doc): Y.Map<DraftMark> => doc.getMap(DRAFT_ROOT);

export function setDraftMark(doc: Y.Doc, mark: DraftMark): void {
  draftOf(doc).set(`${mark.service}|${mark.field}`, mark);
}

export const draftMarks = (doc: Y.Doc): DraftMark[] => [...draftOf(doc).values()].sort((a, b) => (a.service === b.service ? a.field.localeCompare(b.field) : a.service.localeCompare(b.service, 'ru')));

export function clearDraft(doc: Y.Doc): void {
  const d = draftOf(doc);
  doc.transact(() => {
    for (const k of [...d.keys()]) d.delete(k);
  });
}
