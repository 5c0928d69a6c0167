import { UserAdminError } from '../auth/user-admin.ts';
import { ApiError } from '../http/errors.ts';

/** A user-administration command's refusal as the API's Russian error. */
export async function asApiError<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof UserAdminError) throw new ApiError(e.status, e.code, e.message);
    throw e;
  }
}
