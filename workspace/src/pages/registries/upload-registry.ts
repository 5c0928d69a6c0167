import type { RegistrationForm, RegistrationOutcome } from '../../../../server/contract/registries.ts';
import type { ApiErrorBody } from '../../../../server/contract/errors.ts';
import { ApiFailure, api, unwrap } from '../../api.ts';

/**
 * POST /api/registries with the file and the letter fields, reporting the upload's progress (0..1).
 *
 * The one request of the workspace that does not go through the typed client: `fetch` cannot report how much
 * of a request body has been sent, and a 30,000-row registry takes a noticeable while on a slow line.
 * XMLHttpRequest's upload events can. The answer is the same contract (`RegistrationOutcome`) and a refusal
 * the same error body the typed client turns into an `ApiFailure`.
 */
export function uploadRegistry(file: File, fields: RegistrationForm, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<RegistrationOutcome> {
  const body = new FormData();
  body.append('file', file, file.name);
  for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') body.append(key, value);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/registries');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    xhr.upload.addEventListener('load', () => onProgress(1));
    xhr.addEventListener('load', () => {
      const answer: unknown = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300 && answer !== null) {
        resolve(answer as RegistrationOutcome);
        return;
      }
      const failure = failureOf(xhr.status, answer);
      // the session ended meanwhile: asking through the typed client signs the workspace out as everywhere else
      if (failure.status === 401) unwrap(api.auth.me.$get()).catch(() => {});
      reject(failure);
    });
    xhr.addEventListener('error', () => reject(new ApiFailure(0, 'network', 'Сервер недоступен. Проверьте соединение и повторите.')));
    xhr.addEventListener('abort', () => reject(new ApiFailure(0, 'aborted', 'Отправка реестра отменена.')));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

function failureOf(status: number, answer: unknown): ApiFailure {
  const b = answer as Partial<ApiErrorBody> | null;
  if (b && typeof b.code === 'string' && typeof b.message === 'string') return new ApiFailure(status, b.code, b.message, b.problems ?? []);
  return new ApiFailure(status, `http_${status}`, `Сервер ответил ошибкой ${status}. Попробуйте ещё раз.`);
}
