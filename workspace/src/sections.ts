import type { Role } from '../../server/contract/auth.ts';

/** The workspace's sections as the left navigation lists them. */
export interface Section {
  path: string;
  title: string;
  /** who sees the section (the server refuses the others anyway) */
  roles: readonly Role[];
  /** What the section will do; shown on its page until it exists. Absent once the section is built. */
  upcoming?: string;
}

const STAFF: readonly Role[] = ['admin', 'analyst', 'reviewer', 'manager'];

export const SECTIONS: readonly Section[] = [
  { path: '/portal', title: 'Мои реестры', roles: ['rso'] },
  { path: '/registries', title: 'Реестры', roles: STAFF },
  { path: '/standards', title: 'Стандарты', roles: STAFF },
  { path: '/analytics', title: 'Аналитика', roles: STAFF },
  { path: '/workbooks', title: 'Рабочие книги', roles: STAFF },
  { path: '/calculator', title: 'Калькулятор', roles: STAFF },
  { path: '/reference', title: 'Справочники', roles: STAFF },
  { path: '/users', title: 'Пользователи', roles: ['admin'] },
  { path: '/password', title: 'Смена пароля', roles: [...STAFF, 'rso'] },
];

/** The sections a role sees. */
export const sectionsOf = (role: Role): Section[] => SECTIONS.filter((s) => s.roles.includes(role));

/**
 * Where a signed-in user lands: the registries list, the daily work of reviewers and the overview for everyone
 * else; an РСО user lands on his own registries.
 */
export const homePath = (role: Role): string => (role === 'rso' ? '/portal' : '/registries');
