/**
 * The shape of a lesson: typed data that the Lessons panel walks through step
 * by step. Each step says what to put in the page (`setup`) and may run a
 * demonstration (`demo`) whose lines are shown as plain text.
 */

/** What a step puts in the page; absent fields are left as they are. */
export interface StepState {
  token?: string;
  key?: string;
  /** The clock control's text: '' = now, or a NumericDate as digits. */
  clock?: string;
  leeway?: number;
  expectedIssuer?: string;
  expectedAudience?: string;
  /** The nonce a key-binding JWT, ID token or DPoP proof must carry. */
  expectedNonce?: string;
  /** The request a DPoP proof came with: its method, URL and access token. */
  dpop?: { method: string; url: string; accessToken: string };
}

/** How a line of demo output reads: who accepted or refused what. */
export type DemoTone = 'accepted' | 'refused' | 'info';

/** One line of a demonstration's output, shown as text (never HTML). */
export interface DemoLine {
  tone: DemoTone;
  text: string;
}

/** What a lesson's steps share: the moment it started and keys made on the spot. */
export interface LessonContext {
  /** Seconds since the epoch when the lesson started (the engine reads no clock). */
  readonly now: number;
  /** Make a value once per lesson run (a key pair, a token) and reuse it in later steps. */
  memo<T>(name: string, make: () => Promise<T>): Promise<T>;
}

/** A secret-cracking run a step offers: the token to crack. */
export interface CrackTask {
  token: string;
}

/** One step of a lesson. */
export interface LessonStep {
  title: string;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
  setup(ctx: LessonContext): Promise<StepState>;
  demo?(ctx: LessonContext): Promise<DemoLine[]>;
  /** When present, the step offers to crack this token's HMAC secret in a worker. */
  crack?(ctx: LessonContext): Promise<CrackTask>;
}

/** A guided demo: a few steps on the real engine. */
export interface Lesson {
  id: string;
  title: string;
  summary: string;
  kind: 'lesson' | 'attack';
  steps: LessonStep[];
}

/** A fresh context for one run of a lesson, at `now`. */
export function lessonContext(now: number): LessonContext {
  const made = new Map<string, Promise<unknown>>();
  return {
    now,
    memo<T>(name: string, make: () => Promise<T>): Promise<T> {
      let value = made.get(name) as Promise<T> | undefined;
      if (!value) {
        value = make();
        made.set(name, value);
      }
      return value;
    },
  };
}
