import type { SessionUser } from '../../../../server/contract/auth.ts';
import { useEffect, useState } from 'preact/hooks';
import { api, messageOf, unwrap } from '../../api.ts';
import { canImportReference } from '../../roles.ts';
import { HouseTable } from './house-table.tsx';
import { ImportHistory } from './import-history.tsx';
import { ImportPanel } from './import-panel.tsx';
import { ReferenceCounts } from './reference-counts.tsx';
import type { ReferenceSummary } from '../../../../server/contract/reference.ts';
import './reference.css';
import { ErrorLine } from '../../error-line.tsx';

/** Справочники: what reference data is loaded, loading new files, and the house registry itself. */
export function ReferencePage({ user }: { user: SessionUser }) {
  const [summary, setSummary] = useState<ReferenceSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after every successful import: counts, history and the house table are read again.
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let live = true;
    unwrap(api.reference.summary.$get()).then(
      (s) => live && (setSummary(s), setError(null)),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [revision]);

  return (
    <section class="page page--reference" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">Справочники</h1>
        <ReferenceCounts counts={summary?.counts ?? null} />
      </header>
      {error && <ErrorLine>{error}</ErrorLine>}
      {canImportReference(user.role) && <ImportPanel onImported={() => setRevision((r) => r + 1)} />}
      <ImportHistory batches={summary?.batches ?? null} />
      <HouseTable refreshKey={revision} />
    </section>
  );
}
