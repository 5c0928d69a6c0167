import type { DocRef } from '../../formulas/collab/shared-doc.ts';
import type { Role } from '../contract/auth.ts';

/** What a connection may do with a document: read (receive, presence) or also write its collaborative parts. */
export type Access = 'read' | 'write' | 'none';

/**
 * Registries: every signed-in role reads; reviewers, admins and analysts comment, label and flag; managers
 * watch. Standards sheets and workbooks: analysts and admins edit, the others read (and are present). The
 * mirror of decisions is written by the server alone whatever the access. An РСО user opens none of them
 * (`none`): they hold the reviewers' internal comments, labels, flags and presence, and the regulator's analyses.
 */
export function accessFor(role: Role, ref: DocRef): Access {
  switch (ref.kind) {
    case 'registry':
      switch (role) {
        case 'admin':
        case 'analyst':
        case 'reviewer':
          return 'write';
        case 'manager':
          return 'read';
        case 'rso':
          return 'none';
        default:
          return exhaustive(role);
      }
    case 'standards':
    case 'workbook':
      return role === 'admin' || role === 'analyst' ? 'write' : role === 'rso' ? 'none' : 'read';
    default:
      return exhaustive(ref);
  }
}

function exhaustive(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
