import { describe, expect, it } from 'vitest';
import { COURSE } from '../../../src/lib/course/lessons';
import { LESSONS, presenterFragment, readPresenterLink } from '../../../src/lib/lessons';

describe('readPresenterLink', () => {
  it('reads a lesson and a step of the page', () => {
    const read = readPresenterLink('#present=alg-none.2', LESSONS);
    expect(read.ok && [read.value.lesson.id, read.value.step]).toEqual(['alg-none', 2]);
  });

  it('reads back every fragment it writes', () => {
    for (const lesson of LESSONS) {
      const last = lesson.steps.length;
      const read = readPresenterLink(presenterFragment(lesson.id, last), LESSONS);
      expect(read.ok && [read.value.lesson.id, read.value.step]).toEqual([lesson.id, last]);
    }
  });

  it.each([
    [`#present=${'a'.repeat(80)}.1`, 'characters long'],
    ['#present=alg-none', 'not of the form'],
    ['#present=alg-none.2&token=eyJ', 'not of the form'],
    ['#present=ALG-NONE.2', 'not of the form'],
    ['#present=../../etc.1', 'not of the form'],
    ['#present=alg-none.-1', 'not of the form'],
    ['#present=no-such-lesson.1', 'names no lesson of this page ("no-such-lesson")'],
    ['#present=alg-none.0', 'the link asks for step 0'],
    ['#present=alg-none.999', 'the link asks for step 999'],
  ])('refuses %s with ERR_PRESENTER_LINK', (hash, message) => {
    const read = readPresenterLink(hash, LESSONS);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.code).toBe('ERR_PRESENTER_LINK');
    expect(read.error.message).toContain(message);
  });

  it('opens a course lesson at a step when the course is in the list, and only then', () => {
    const read = readPresenterLink('#present=authz.2', [...LESSONS, ...COURSE]);
    expect(read.ok && read.value.lesson.id).toBe('authz');
    expect(read.ok && read.value.step).toBe(2);
    expect(readPresenterLink('#present=authz.2', LESSONS).ok).toBe(false);
    for (const lesson of COURSE) {
      const last = readPresenterLink(presenterFragment(lesson.id, lesson.steps.length), COURSE);
      expect(last.ok).toBe(true);
      expect(
        readPresenterLink(presenterFragment(lesson.id, lesson.steps.length + 1), COURSE).ok,
      ).toBe(false);
    }
  });
});
