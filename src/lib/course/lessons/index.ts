/** The course on token-based authentication: ten lessons against the simulated server. */
import type { CourseLesson } from '../lesson-types';
import { CLIENT_LESSONS } from './client';
import { KEY_LESSONS } from './keys';
import { SSO_LESSONS } from './sso';
import { DELIVERY_LESSON } from './delivery';
import { AUTHZ_LESSON } from './authz';
import { SESSION_LESSONS } from './sessions';
import { REVOCATION_LESSONS } from './revocation';

/** The course, in order. */
export const COURSE: readonly CourseLesson[] = [
  DELIVERY_LESSON,
  AUTHZ_LESSON,
  ...SESSION_LESSONS,
  ...REVOCATION_LESSONS,
  ...CLIENT_LESSONS,
  ...KEY_LESSONS,
  ...SSO_LESSONS,
];

/** The course lesson with this id, if any. */
export const courseLessonById = (id: string): CourseLesson | undefined =>
  COURSE.find((l) => l.id === id);
