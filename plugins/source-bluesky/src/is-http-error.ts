import { HttpError } from '@handshake/sdk';

/** Whether an error is the SDK's HttpError, by name as well: a plugin installed with its own SDK copy has another class. */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError || (error instanceof Error && error.name === 'HttpError' && 'kind' in error && 'attempts' in error);
}
