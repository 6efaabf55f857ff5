/** An error an XRPC server answered with HTTP 400: `{"error": "BlockedActor", "message": "..."}`. */
export interface XrpcError {
  readonly error: string;
  readonly message?: string;
}

/** The XRPC error in a body, or undefined for a body of another shape. */
export function xrpcError(body: unknown): XrpcError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof error !== 'string' || error === '') return undefined;
  return { error, ...(typeof message === 'string' && message !== '' ? { message } : {}) };
}

/** `BlockedActor: Requester has blocked actor` */
export function describeXrpcError(error: XrpcError): string {
  return error.message === undefined ? error.error : `${error.error}: ${error.message}`;
}
