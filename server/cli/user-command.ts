import { parseArgs } from 'node:util';
import { addUser, isRole, resetPassword, setActive, UserAdminError } from '../auth/user-admin.ts';
import { ROLES } from '../contract/auth.ts';
import type { Sql } from '../db/database.ts';

export const USER_USAGE = `  sverka user add ЛОГИН --name "ФИО" --role РОЛЬ [--inn ИНН]   добавить пользователя; пароль — первая строка
                                                       стандартного ввода; роль: ${ROLES.join(', ')} (для rso — ИНН)
  sverka user disable ЛОГИН                            отключить (его сеансы завершаются)
  sverka user enable ЛОГИН                             включить снова
  sverka user passwd ЛОГИН                             задать новый пароль (первая строка стандартного ввода)`;

export interface UserCommandIo {
  /** the first line of standard input (the password: never an argument, which `ps` would show) */
  readPassword: () => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `sverka user add|disable|enable|passwd …` on an open database: the same commands and audit records as the
 * administrator's page, the actor recorded as none (an operator at the server). Exit 0 done, 1 refused, 2 usage.
 */
export async function userCommand(sql: Sql, args: string[], io: UserCommandIo): Promise<number> {
  const [action, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: 'string' }, role: { type: 'string' }, inn: { type: 'string' } } });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n\n${USER_USAGE}`);
    return 2;
  }
  const login = parsed.positionals[0]?.trim().toLowerCase();
  if (!login || parsed.positionals.length > 1) {
    io.err(`Укажите один логин\n\n${USER_USAGE}`);
    return 2;
  }
  try {
    switch (action) {
      case 'add': {
        const { name, role, inn } = parsed.values;
        if (!name || !role) {
          io.err(`Укажите --name и --role\n\n${USER_USAGE}`);
          return 2;
        }
        if (!isRole(role)) {
          io.err(`Неизвестная роль «${role}»: ${ROLES.join(', ')}`);
          return 2;
        }
        const password = await io.readPassword();
        await addUser(sql, null, { login, fullName: name, role, password, rsoInn: inn });
        io.out(`Пользователь «${login}» добавлен`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const r = await setActive(sql, null, login, action === 'enable');
        io.out(!r.changed ? `Пользователь «${login}» уже ${action === 'enable' ? 'включён' : 'отключён'}` : action === 'enable' ? `Пользователь «${login}» включён` : `Пользователь «${login}» отключён, его сеансы завершены`);
        return 0;
      }
      case 'passwd':
        await resetPassword(sql, null, login, await io.readPassword());
        io.out(`Пароль пользователя «${login}» изменён, его сеансы завершены`);
        return 0;
      default:
        io.err(`Неизвестное действие «${action ?? ''}»\n\n${USER_USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UserAdminError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
}

/** The first line of standard input, without its line break. */
export async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (chunks.some((c) => c.includes(10))) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
