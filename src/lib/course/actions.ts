/**
 * The buttons lessons share, and the readers their checks use: log in, call
 * the API with the page's token, refresh, wait. Each sends a typed request to
 * the simulated server and says in one sentence what came back.
 */
import type {
  ActionResult,
  Attempt,
  CheckResult,
  CourseAction,
  CourseContext,
  PageView,
} from './lesson-types';
import type { Delivery, Method, SimRequest, SimResponse } from './types';

/** The course's users' passwords, as a login form would send them. */
export const PASSWORDS = {
  alice: 'correct horse',
  bob: 'battery staple',
  mallory: 'hunter2',
} as const;
export type CourseUser = keyof typeof PASSWORDS;

/** Send `request` and describe the answer. */
export async function send(
  ctx: CourseContext,
  request: SimRequest,
  note = '',
): Promise<ActionResult> {
  const response = await ctx.server.handle(request);
  const detail = String(response.body.error_description ?? response.body.error ?? '');
  return {
    request,
    response,
    note: `${note}${note ? ' ' : ''}${request.method} ${request.path} answered ${response.status}${detail ? `: ${detail}` : ''}.`,
  };
}

/** Log `who` in with `delivery`; the browser keeps what it is given, the editor gets a readable token. */
export async function login(
  ctx: CourseContext,
  who: CourseUser,
  delivery: Delivery = 'body',
  password?: string,
): Promise<ActionResult> {
  const result = await send(ctx, {
    method: 'POST',
    path: '/login',
    body: { username: who, password: password ?? PASSWORDS[who], delivery },
  });
  const response = result.response!;
  if (response.status !== 200) return result;
  const body = response.body;
  ctx.client.refreshTokens.push(String(body.refresh_token));
  for (const cookie of response.setCookies) ctx.client.cookies[cookie.name] = cookie.value;
  if (typeof body.csrf_token === 'string') ctx.client.csrfToken = body.csrf_token;
  const header = response.headers.authorization;
  const token =
    typeof body.access_token === 'string' ? body.access_token : header?.replace(/^Bearer /, '');
  return { ...result, ...(token ? { token } : {}), clock: String(ctx.server.now) };
}

/** A request carrying `token` as a bearer token (none when empty). */
export const withBearer = (
  method: Method,
  path: string,
  token: string,
  body?: Record<string, unknown>,
): SimRequest => ({
  method,
  path,
  ...(token.trim() ? { headers: { authorization: `Bearer ${token.trim()}` } } : {}),
  ...(body ? { body } : {}),
});

/** An action calling `path` with the page's token as a bearer token. */
export const callWithPageToken = (
  id: string,
  label: string,
  method: Method,
  path: string,
): CourseAction => ({
  id,
  label,
  run: (ctx, page) => send(ctx, withBearer(method, path, page.token)),
});

/** An action moving the server's clock (and the page's) on by `seconds`. */
export const waitAction = (
  id: string,
  label: string,
  seconds: (ctx: CourseContext) => number,
): CourseAction => ({
  id,
  label,
  async run(ctx) {
    const by = seconds(ctx);
    ctx.server.advance(by);
    return { note: `${by} seconds passed on the server's clock.`, clock: String(ctx.server.now) };
  },
});

/** The attempts of action `id`, oldest first. */
export const attemptsOf = (attempts: readonly Attempt[], id: string): Attempt[] =>
  attempts.filter((a) => a.action === id);

/** The last attempt, which a check usually judges. */
export const lastOf = (attempts: readonly Attempt[]): Attempt => attempts[attempts.length - 1]!;

/** The response of an attempt, if it sent a request. */
export const responseOf = (attempt: Attempt | undefined): SimResponse | undefined =>
  attempt?.result.response;

/** The status of an attempt's response (0 when it sent none). */
export const statusOf = (attempt: Attempt | undefined): number => responseOf(attempt)?.status ?? 0;

/** Why the server refused an attempt, in its words. */
export const reasonOf = (attempt: Attempt | undefined): string =>
  String(responseOf(attempt)?.body.error_description ?? responseOf(attempt)?.body.error ?? '');

/** Whether `a` came after `b` in `attempts`. */
export const after = (attempts: readonly Attempt[], a: Attempt, b: Attempt | undefined): boolean =>
  b !== undefined && attempts.indexOf(a) > attempts.indexOf(b);

/** The page's view as a test or a default makes it. */
export const pageView = (view: Partial<PageView> = {}): PageView => ({
  token: '',
  key: '',
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: '',
  ...view,
});

/** A passing verdict. */
export const passed = (why: string): CheckResult => ({ status: 'passed', why });
/** A failing verdict: the learner did something other than the task. */
export const failed = (why: string): CheckResult => ({ status: 'failed', why });
/** Not judged yet: the task is half done. */
export const pending = (why: string): CheckResult => ({ status: 'pending', why });
