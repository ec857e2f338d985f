/** The lessons and the attack lab: typed data run on the page's real engine. */
import { ATTACK_LESSONS } from './attacks';
import { BASIC_LESSONS } from './basics';
import { DPOP_LESSON } from './dpop';
import { SELECTIVE_DISCLOSURE_LESSON } from './selective-disclosure';
import type { Lesson } from './types';

export * from './types';
export { crackHmac, type CrackOutcome, type CrackProgress } from './crack';

/** Every lesson, guided ones first, then the attack lab. */
export const LESSONS: readonly Lesson[] = [
  ...BASIC_LESSONS,
  SELECTIVE_DISCLOSURE_LESSON,
  DPOP_LESSON,
  ...ATTACK_LESSONS,
];

/** The lesson with this id, if any. */
export const lessonById = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);
export {
  PRESENT_LINK_LIMIT,
  PRESENT_PREFIX,
  presenterFragment,
  readPresenterLink,
  type PresenterRequest,
} from './presenter-link';
