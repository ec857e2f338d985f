/** What every route is made of: its shape, the reply builder and request readers. */
import type { SimServer } from './server';
import type { Method, SimRequest, SimResponse } from './types';

/** One route: it gets the server, the request and the log line's `checked` list to add to. */
export interface Route {
  method: Method;
  match(path: string): boolean;
  handle(server: SimServer, request: SimRequest, checked: string[]): Promise<SimResponse>;
}

/** A route for exactly `path`. */
export const exact = (method: Method, path: string, handle: Route['handle']): Route => ({
  method,
  match: (p) => p === path,
  handle,
});

/** A JSON response with `status`. */
export function reply(
  status: number,
  body: Record<string, unknown>,
  extra: Partial<Pick<SimResponse, 'headers' | 'setCookies'>> = {},
): SimResponse {
  return { status, body, headers: extra.headers ?? {}, setCookies: extra.setCookies ?? [] };
}

/** A string member of a request body ('' when absent or not a string). */
export const field = (request: SimRequest, name: string): string => {
  const value = request.body?.[name];
  return typeof value === 'string' ? value : '';
};

/** The token of an `Authorization: Bearer …` header ('' when none). */
export const bearer = (request: SimRequest): string => {
  const header = request.headers?.authorization ?? '';
  return /^Bearer /i.test(header) ? header.slice(7).trim() : '';
};
