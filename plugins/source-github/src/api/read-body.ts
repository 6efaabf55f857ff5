import type { HttpResponse } from '@handshake/sdk';

/** A page's items, or why its body is not a list. */
export type PageBody = { readonly items: readonly unknown[] } | { readonly problem: string };

/** The JSON array of a list page; an empty body (a 204 for an empty repository) is an empty list. */
export function readBody(response: HttpResponse): PageBody {
  if (response.body.length === 0) return { items: [] };
  let body: unknown;
  try {
    body = response.json();
  } catch (error) {
    return { problem: (error as Error).message };
  }
  if (Array.isArray(body)) return { items: body };
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  return {
    problem: `expected a JSON array, received ${body === null ? 'null' : typeof body}${typeof message === 'string' ? ` ("${message}")` : ''}`,
  };
}
