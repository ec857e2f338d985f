/**
 * The course panel's state: which course lesson and step are open, what the
 * learner did in the step (attempts), the step's verdict and the simulated
 * server's log. Loaded on demand with the course panel; it changes the page
 * only through `lab`'s public inputs, as the lessons do.
 */
import {
  courseContext,
  judgeStep,
  PENDING,
  type Attempt,
  type CheckResult,
  type CourseContext,
  type CourseLesson,
  type PageView,
} from '../lib/course/lesson-types';
import { FRAME_REPORT } from '../lib/course/lessons/client';
import { courseLessonById } from '../lib/course/lessons';
import { lessonSnippet } from '../lib/course/snippet';
import type { LogLine } from '../lib/course/types';
import { messageOf } from '../lib';
import { apply } from './lessons.svelte';
import { clockNow, lab } from './lab.svelte';

/** What the page holds now, as a course action sees it. */
const pageNow = (): PageView => ({
  token: lab.tokenText,
  key: lab.keyText,
  leeway: lab.settings.leeway,
  expectedIssuer: lab.expectedIssuer,
  expectedAudience: lab.expectedAudience,
});

class CourseState {
  #ctx: CourseContext | undefined = undefined;
  #sequence = 0;
  lesson = $state.raw<CourseLesson | undefined>(undefined);
  stepIndex = $state(0);
  attempts = $state.raw<readonly Attempt[]>([]);
  log = $state.raw<readonly LogLine[]>([]);
  /** The storage demo the frame should run (undefined = no frame). */
  frame = $state.raw<{ store: 'localStorage' | 'cookie'; token: string } | undefined>(undefined);
  /** Counts demo runs, so each run gets a fresh frame. */
  frameRun = $state(0);
  busy = $state('');
  error = $state('');

  step = $derived(this.lesson?.steps[this.stepIndex]);
  /** The same thing on a real server: the lesson's framework snippet. */
  snippet = $derived(
    this.lesson && this.#ctx
      ? lessonSnippet(this.lesson, this.#ctx.server.issuer, this.#ctx.server.audience)
      : undefined,
  );
  verdict = $derived<CheckResult>(
    this.step && this.#ctx ? judgeStep(this.step, this.attempts, this.#ctx) : PENDING,
  );
  /** What the last action did, in a sentence. */
  note = $derived(this.attempts.at(-1)?.result.note ?? '');

  /** Start `lesson` from its first step, with a fresh server at the page's now. */
  async start(lesson: CourseLesson): Promise<void> {
    this.#ctx = courseContext(lesson, clockNow());
    this.lesson = lesson;
    this.log = [];
    apply({ clock: '', leeway: 0, expectedIssuer: '', expectedAudience: '' });
    await this.go(0);
  }

  /** Leave the course lesson. */
  close(): void {
    this.#sequence++;
    this.lesson = undefined;
    this.frame = undefined;
  }

  /** Open step `index`: forget the last step's attempts, run this one's setup. */
  async go(index: number): Promise<void> {
    const ctx = this.#ctx;
    const step = this.lesson?.steps[index];
    if (!ctx || !step) return;
    const sequence = ++this.#sequence;
    this.stepIndex = index;
    this.attempts = [];
    this.frame = undefined;
    this.error = '';
    if (!step.setup) return;
    this.busy = 'Preparing this step…';
    try {
      const state = await step.setup(ctx);
      if (sequence === this.#sequence) apply(state);
    } catch (cause) {
      if (sequence === this.#sequence)
        this.error = `This step could not be prepared: ${messageOf(cause)}`;
    } finally {
      if (sequence === this.#sequence) {
        this.busy = '';
        this.log = [...ctx.server.log];
      }
    }
  }

  /** Press action `id` of the open step with the page as it stands. */
  async act(id: string): Promise<void> {
    const ctx = this.#ctx;
    const action = this.step?.actions.find((a) => a.id === id);
    if (!ctx || !action || this.busy) return;
    const sequence = this.#sequence;
    const page = pageNow();
    this.busy = 'Sending…';
    this.error = '';
    try {
      const result = await action.run(ctx, page);
      if (sequence !== this.#sequence) return;
      apply({
        ...(result.key !== undefined ? { key: result.key } : {}),
        ...(result.clock !== undefined ? { clock: result.clock } : {}),
        ...(result.token !== undefined ? { token: result.token } : {}),
      });
      this.attempts = [...this.attempts, { action: id, result, page }];
      this.frame = result.frame;
      if (result.frame) this.frameRun++;
    } catch (cause) {
      if (sequence === this.#sequence) this.error = `That did not work: ${messageOf(cause)}`;
    } finally {
      if (sequence === this.#sequence) {
        this.busy = '';
        this.log = [...ctx.server.log];
      }
    }
  }

  /** The storage frame's report: what its injected script read (a string) or null. */
  report(stolen: string | null): void {
    this.attempts = [
      ...this.attempts,
      {
        action: FRAME_REPORT,
        result: {
          note: stolen
            ? 'The injected script read the token.'
            : 'The injected script found no token.',
          stolen,
        },
        page: pageNow(),
      },
    ];
  }
}

/** The course panel's single state. */
export const course = new CourseState();

/** Open the course lesson `id` (from the lessons list); false when there is none. */
export async function openCourseLesson(id: string): Promise<boolean> {
  const lesson = courseLessonById(id);
  if (!lesson) return false;
  await course.start(lesson);
  return true;
}
