import { formatInteger } from '../../format.ts';
import type { ReferenceStatus } from './use-registry-check.ts';

/** Which reference data the checks use: its version and size, or why it is not there. */
export function ReferenceNote({ reference }: { reference: ReferenceStatus }) {
  switch (reference.status) {
    case 'loading':
      return (
        <p class="reference-note muted" role="status">
          Загрузка справочников для проверок…
        </p>
      );
    case 'failed':
      return (
        <p class="reference-note message message--error" role="alert">
          Справочники не загружены: {reference.message}
        </p>
      );
    case 'ready': {
      const r = reference.reference;
      if (r.houses === 0 && r.tariffs === 0) {
        return (
          <p class="reference-note message message--warning" role="status">
            Справочники еще не загружены: проверки домов и тарифов не пройдут. Загрузите их в разделе «Справочники».
          </p>
        );
      }
      return (
        <p class="reference-note muted" role="status" data-reference-version={r.version}>
          Справочники, версия {r.version}: домов {formatInteger(r.houses)}, тарифных решений {formatInteger(r.tariffs)}, организаций{' '}
          {formatInteger(r.organisations)}
        </p>
      );
    }
    default:
      return reference satisfies never;
  }
}
