import type { SessionUser } from '../../../../server/auth/roles.ts';

/** Проверка реестра: the review page of one registry. */
export function ReviewPage({ registryId }: { user: SessionUser; registryId: number }) {
  return (
    <section class="page page--review" aria-labelledby="page-title">
      <h1 id="page-title">Реестр № {registryId}</h1>
    </section>
  );
}
