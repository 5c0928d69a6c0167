/** The workspace's sections as the left navigation lists them. */
export interface Section {
  path: string;
  title: string;
  /** What the section will do; shown on its page until it exists. Absent once the section is built. */
  upcoming?: string;
}

export const SECTIONS: readonly Section[] = [
  { path: '/registries', title: 'Реестры' },
  { path: '/standards', title: 'Стандарты' },
  { path: '/analytics', title: 'Аналитика' },
  { path: '/workbooks', title: 'Рабочие книги' },
  { path: '/calculator', title: 'Калькулятор' },
  { path: '/reference', title: 'Справочники' },
];

/** Where a signed-in user lands: the registries list, the daily work of reviewers and the overview for everyone else. */
export const HOME_PATH = '/registries';
