import type { Role } from '../../server/contract/auth.ts';

/** Russian role names as the header shows them. */
export const ROLE_TITLES: Record<Role, string> = {
  admin: 'Администратор',
  analyst: 'Аналитик',
  reviewer: 'Проверяющий',
  manager: 'Руководитель',
  rso: 'Поставщик (РСО)',
};

/** Who may load reference files; the server checks the same list on POST /reference/import. */
export function canImportReference(role: Role): boolean {
  switch (role) {
    case 'admin':
    case 'analyst':
      return true;
    case 'reviewer':
    case 'manager':
    case 'rso':
      return false;
    default:
      return role satisfies never;
  }
}

/** Who edits and saves workbooks (the others open and watch); the server's `WORKBOOK_EDITORS` and sync rights say the same. */
export function canEditWorkbooks(role: Role): boolean {
  return role === 'admin' || role === 'analyst';
}
