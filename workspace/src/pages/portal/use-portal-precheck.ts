import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RegistryCheckResult } from '../../../../formulas/checks/check-registry.ts';
import { STATUS } from '../../../../formulas/checks/types.ts';
import type { Problem } from '../../../../formulas/problem.ts';
import type { RegistryMeta } from '../../../../formulas/registry/types.ts';
import { defaultRuleSet } from '../../../../templates/index.ts';
import { userMessage } from '../../api.ts';
import { checkClient, setReferenceSource } from '../../workers/checks/check-client.ts';
import { ruleNumber } from '../registries/registry-rows.ts';

/** One failing row of the file as the РСО fixes it: its line in the file and each failed check with its reason. */
export interface RowErrors {
  fileRow: number;
  failed: { rule: string; title: string; reason: string; warning: boolean }[];
}

/** Rows listed one by one (the rest are counted): enough to fix a file, without a 30,000-line page. */
export const LISTED_ROWS = 500;

export interface PortalPrecheckResult {
  meta: RegistryMeta;
  rows: number;
  problems: Problem[];
  /** rows failing an error-severity check */
  rowsWithErrors: number;
  listed: RowErrors[];
  declaredSum: number;
  expectedSum: number;
  ms: number;
}

export type PortalPrecheck =
  | { status: 'empty' }
  | { status: 'checking'; file: File; progress: number }
  | { status: 'checked'; file: File; result: PortalPrecheckResult }
  | { status: 'rejected'; file: File; problems: Problem[] }
  | { status: 'failed'; file: File; message: string };

/** Failing rows of a run, by the file's line, with their reasons; the first `limit` listed. */
export function failingRows(result: RegistryCheckResult, fileRow: ArrayLike<number>, count: number, limit = LISTED_ROWS): { rowsWithErrors: number; listed: RowErrors[] } {
  const R = result.ruleIds.length;
  const listed: RowErrors[] = [];
  let rowsWithErrors = 0;
  for (let i = 0; i < count; i++) {
    let errors = false;
    let row: RowErrors | null = null;
    for (let r = 0; r < R; r++) {
      if (result.status[i * R + r] !== STATUS.failed) continue;
      const warning = result.severities[r] === 'warning';
      if (!warning) errors = true;
      if (listed.length < limit || row) {
        row ??= { fileRow: fileRow[i] ?? i + 1, failed: [] };
        row.failed.push({ rule: ruleNumber(result, r), title: result.ruleTitles[r] ?? '', reason: result.reasonTexts[result.reasonIds[i * R + r] ?? 0] ?? '', warning });
      }
    }
    if (errors) rowsWithErrors++;
    if (row && listed.length < limit) listed.push(row);
  }
  return { rowsWithErrors, listed };
}

let seqId = 0;

/**
 * The РСО's pre-check: the file read and checked in the tab's check worker against the organisation's reference
 * slice, with the same engine and rule set as the server's intake, row by row with reasons. Checks 7 across
 * organisations and 9 (history) need the regulator's data: they run on the server when the file is sent.
 */
export function usePortalPrecheck(): { precheck: PortalPrecheck; choose(file: File): void } {
  const client = checkClient();
  const [precheck, setPrecheck] = useState<PortalPrecheck>({ status: 'empty' });
  const seq = useRef(0);

  const choose = useCallback(
    (file: File) => {
      const my = ++seq.current;
      setPrecheck({ status: 'checking', file, progress: 0 });
      void (async () => {
        const id = `portal-${++seqId}`;
        let opened = false;
        try {
          setReferenceSource('portal');
          await client.refreshReference();
          const read = await client.readOpen(id, file.name, new Uint8Array(await file.arrayBuffer()));
          if (!read.ok) {
            if (seq.current === my) setPrecheck({ status: 'rejected', file, problems: read.problems });
            return;
          }
          opened = true;
          await client.setRuleSet(defaultRuleSet);
          const run = await client.check(id, (progress) => seq.current === my && setPrecheck({ status: 'checking', file, progress }));
          if (seq.current !== my) return;
          const rows = failingRows(run.result, read.fileRow, read.count);
          setPrecheck({
            status: 'checked',
            file,
            result: { meta: read.meta, rows: read.count, problems: read.problems, ...rows, declaredSum: run.result.declaredSum, expectedSum: run.result.expectedSum, ms: run.ms },
          });
        } catch (e) {
          if (seq.current === my) setPrecheck({ status: 'failed', file, message: userMessage(e) });
        } finally {
          if (opened) void client.close(id).catch(userMessage);
        }
      })();
    },
    [client],
  );

  useEffect(
    () => () => {
      seq.current++;
    },
    [],
  );
  return { precheck, choose };
}
