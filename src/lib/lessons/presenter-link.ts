/**
 * Presenter links: `#present=<lesson id>.<step>` opens a lesson at a step in
 * presenter mode. A link is hostile input: it is read only when short, it can
 * name only a lesson of the page and a step it has, and it carries nothing
 * else (no token, no key); what it asks for is shown before anything happens.
 */
import { fail, ok, type Result } from '../errors';
import type { Lesson } from './types';

/** The fragment prefix of a presenter link. */
export const PRESENT_PREFIX = '#present=';
/** The longest fragment read as a presenter link. */
export const PRESENT_LINK_LIMIT = 80;

/** What a presenter can open: a lesson or a course lesson, by id, with its steps. */
export type PresentableLesson = Pick<Lesson, 'id' | 'title'> & { steps: readonly unknown[] };

/** What a presenter link asks for: a lesson of the page and a step of it (from 1). */
export interface PresenterRequest {
  lesson: PresentableLesson;
  step: number;
}

/** The fragment that opens `lesson` at `step` (from 1). */
export const presenterFragment = (lessonId: string, step: number): string =>
  `${PRESENT_PREFIX}${lessonId}.${step}`;

/** What the presenter link `hash` asks for, or why it asks for nothing the page has. */
export function readPresenterLink(
  hash: string,
  lessons: readonly PresentableLesson[],
): Result<PresenterRequest> {
  if (hash.length > PRESENT_LINK_LIMIT)
    return fail(
      'ERR_PRESENTER_LINK',
      `The presenter link is ${hash.length} characters long; one names a lesson and a step in at most ${PRESENT_LINK_LIMIT}.`,
    );
  const match = /^#present=([a-z0-9-]{1,40})\.([0-9]{1,3})$/.exec(hash);
  if (!match)
    return fail(
      'ERR_PRESENTER_LINK',
      'The presenter link is not of the form #present=<lesson>.<step>, such as #present=alg-none.2.',
    );
  const lesson = lessons.find((l) => l.id === match[1]);
  if (!lesson)
    return fail(
      'ERR_PRESENTER_LINK',
      `The presenter link names no lesson of this page ("${match[1]}").`,
    );
  const step = Number(match[2]);
  if (step < 1 || step > lesson.steps.length)
    return fail(
      'ERR_PRESENTER_LINK',
      `"${lesson.title}" has steps 1 to ${lesson.steps.length}; the link asks for step ${step}.`,
    );
  return ok({ lesson, step });
}
