/**
 * The shape of a course lesson: typed data like the guided lessons
 * (`../lessons/types.ts`), plus a simulated server, actions the learner
 * presses, and a check per step that reads what the learner did.
 */
import { lessonContext, type StepState } from '../lessons/types';
import type { SimServer } from './server';
import type { SimRequest, SimResponse } from './types';

/** A step check's verdict (`step-check[data-status]`). */
export type CheckStatus = 'pending' | 'passed' | 'failed';

/** A verdict and one sentence saying why. */
export interface CheckResult {
  status: CheckStatus;
  why: string;
}

/** What the page holds when the learner presses an action: the editors and settings. */
export interface PageView {
  token: string;
  key: string;
  leeway: number;
  expectedIssuer: string;
  expectedAudience: string;
}

/** What the browser side of the simulation keeps between requests. */
export interface ClientJar {
  /** Cookies the browser holds (the script in the page cannot read HttpOnly ones). */
  cookies: Record<string, string>;
  /** Every refresh token the client was given, newest last. */
  refreshTokens: string[];
  /** The refresh tokens the client has spent on a refresh, oldest first (a thief may hold copies). */
  spentRefreshTokens: string[];
  csrfToken: string;
}

/** What a lesson run shares between its steps. */
export interface CourseContext {
  readonly server: SimServer;
  readonly client: ClientJar;
  /** Make a value once per lesson run and reuse it in later steps. */
  memo<T>(name: string, make: () => Promise<T>): Promise<T>;
}

/** What pressing an action did; `token`/`key`/`clock` go into the page's editors. */
export interface ActionResult {
  request?: SimRequest;
  response?: SimResponse;
  /** The token the page's editor should now hold. */
  token?: string;
  key?: string;
  /** The page's clock text, to follow the server's clock. */
  clock?: string;
  /** One sentence of what happened, for a person. */
  note: string;
  /** The storage demo to run in its sandboxed frame (the page runs it; the engine cannot). */
  frame?: { store: 'localStorage' | 'cookie'; token: string };
  /** What the frame's injected script read: the token, or null when it found none. */
  stolen?: string | null;
}

/** One button of a step. */
export interface CourseAction {
  id: string;
  label: string;
  run(ctx: CourseContext, page: PageView): Promise<ActionResult>;
}

/** One action the learner took, with the page as it stood. */
export interface Attempt {
  action: string;
  result: ActionResult;
  page: PageView;
}

/** One step of a course lesson. */
export interface CourseStep {
  title: string;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
  /** What the learner is asked to do. */
  task: string;
  setup?(ctx: CourseContext): Promise<StepState>;
  actions: readonly CourseAction[];
  /** Judge the step from what the learner did in it, oldest first (never empty). */
  check(attempts: readonly Attempt[], ctx: CourseContext): CheckResult;
}

/** Where the same thing is done on a real server. */
export interface SnippetLink {
  /** A `SNIPPET_LANGUAGES` id. */
  language: 'python-django' | 'python-flask' | 'python-fastapi';
  /** What in that framework does what this lesson shows. */
  note: string;
}

/** A course lesson. */
export interface CourseLesson {
  id: string;
  title: string;
  summary: string;
  /** The server this lesson runs against, at `now`. */
  server(now: number): SimServer;
  snippet: SnippetLink;
  steps: readonly CourseStep[];
}

/** The verdict before the learner has done anything in a step. */
export const PENDING: CheckResult = {
  status: 'pending',
  why: 'Not tried yet: do the task, then the check says whether it worked.',
};

/** Judge `attempts` with `step`: pending when there are none. */
export function judgeStep(
  step: CourseStep,
  attempts: readonly Attempt[],
  ctx: CourseContext,
): CheckResult {
  return attempts.length ? step.check(attempts, ctx) : PENDING;
}

/** A fresh context for one run of `lesson` at `now` (memo as the guided lessons have it). */
export function courseContext(lesson: CourseLesson, now: number): CourseContext {
  return {
    server: lesson.server(now),
    client: { cookies: {}, refreshTokens: [], spentRefreshTokens: [], csrfToken: '' },
    memo: lessonContext(now).memo,
  };
}
