import type { z } from 'zod';
import type { ApiError, ApiErrorCode } from '../../shared/api-contract';

/** An error a handler throws on purpose; its message is meant for the analyst. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message };
  }
}

export const notFound = (what: string, id: string): ApiFailure =>
  new ApiFailure('not-found', `No ${what} with id ${JSON.stringify(id)}.`);

/** The answer to a payload its schema refused: what was wrong, and where. */
export function invalidRequest(what: string, error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
  return { code: 'invalid-request', message: `Invalid ${what}: ${issue?.message ?? 'bad payload'}${where}.` };
}
