/** A learner in node: the page's editors as a `PageView`, pressing a step's actions like the panel does. */
import { decodeProtectedHeader, decodeJwt } from 'jose';
import {
  courseContext,
  judgeStep,
  type Attempt,
  type CourseContext,
  type CourseLesson,
  type CourseStep,
  type PageView,
} from '../../../src/lib/course/lesson-types';
import { courseLessonById } from '../../../src/lib/course/lessons';
import { pageView } from '../../../src/lib/course/actions';
import { signToken } from '../../../src/lib/lessons/tokens';
import type { ActionResult } from '../../../src/lib/course/lesson-types';
import type { StepState } from '../../../src/lib/lessons/types';

export const NOW = 1_760_000_000;

export class Learner {
  readonly ctx: CourseContext;
  page: PageView = pageView();
  attempts: Attempt[] = [];
  step!: CourseStep;
  readonly lesson: CourseLesson;

  constructor(id: string) {
    const lesson = courseLessonById(id);
    if (!lesson) throw new TypeError(`no course lesson ${id}`);
    this.lesson = lesson;
    this.ctx = courseContext(lesson, NOW);
  }

  /** Open step `index` (from 0): its setup fills the page. */
  async open(index: number): Promise<this> {
    this.step = this.lesson.steps[index]!;
    this.attempts = [];
    if (this.step.setup) this.apply(await this.step.setup(this.ctx));
    return this;
  }

  apply(state: StepState | ActionResult): void {
    const { token, key } = state;
    if (token !== undefined) this.page.token = token;
    if (key !== undefined) this.page.key = key;
    if ('leeway' in state && state.leeway !== undefined) this.page.leeway = state.leeway;
    if ('expectedIssuer' in state && state.expectedIssuer !== undefined)
      this.page.expectedIssuer = state.expectedIssuer;
    if ('expectedAudience' in state && state.expectedAudience !== undefined)
      this.page.expectedAudience = state.expectedAudience;
  }

  /** Press action `id` with the page as it is now. */
  async press(id: string): Promise<ActionResult> {
    const action = this.step.actions.find((a) => a.id === id);
    if (!action) throw new TypeError(`no action ${id} in "${this.step.title}"`);
    const page = { ...this.page };
    const result = await action.run(this.ctx, page);
    this.attempts.push({ action: id, result, page });
    this.apply(result);
    return result;
  }

  /** What the storage frame would report: the page records it as an attempt. */
  report(stolen: string | null): void {
    this.attempts.push({
      action: 'frame-report',
      result: { note: 'frame', stolen },
      page: { ...this.page },
    });
  }

  /** Edit the payload in the editor: the page re-signs with the key in the key box. */
  async editPayload(change: (claims: Record<string, unknown>) => void): Promise<void> {
    const claims = decodeJwt(this.page.token) as Record<string, unknown>;
    change(claims);
    this.page.token = await signToken(
      decodeProtectedHeader(this.page.token),
      claims,
      this.page.key,
    );
  }

  get verdict() {
    return judgeStep(this.step, this.attempts, this.ctx);
  }
}
