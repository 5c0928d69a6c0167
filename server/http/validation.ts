import { ApiError } from './errors.ts';

interface ValidationResult {
  success: boolean;
  error?: { issues: { path: PropertyKey[] }[] };
}

/** Schema failures become the one error body, with the fields named, instead of zod's raw output. */
export function validationHook(result: ValidationResult): void {
  if (!result.success) {
    const fields = (result.error?.issues ?? []).map((i) => i.path.map(String).join('.') || 'запрос').join(', ');
    throw new ApiError(400, 'invalid_request', `Некорректные данные запроса: ${fields}`);
  }
}
