/**
 * The shape of an exercise: a server with one deliberately flawed verifier,
 * a goal, hints, and the world it runs in (its keys, the tokens it issued,
 * what it exposes). Typed data; the Exercises panel walks through it.
 */

/** What one verifier said about a submitted token. */
export interface ExerciseVerdict {
  accepted: boolean;
  /** Why, in a sentence the learner reads. */
  reason: string;
}

/** The in-page "internet" the jku exercise fetches from: URL → body text. */
export type SimulatedHost = ReadonlyMap<string, string>;

/** One run of an exercise: the server's keys and what the learner is given. */
export interface ExerciseWorld {
  /** The token the server issued to the learner (as `wiener`). */
  token: string;
  /** A second token of the same key, when the exercise gives one. */
  secondToken?: string;
  /** What the server publishes about its key (its JWKS), when it does. */
  exposedKey?: string;
  /** The key the flawed server holds: a secret, or its public key PEM. */
  serverKey: string;
  /** The key a correctly configured server holds (a strong secret where the flaw is a weak one). */
  correctKey: string;
}

/** One exercise. `n` is the page's `exercise-<n>` hook. */
export interface Exercise {
  n: number;
  id: string;
  title: string;
  /** The PortSwigger Web Security Academy JWT lab theme it covers. */
  theme: string;
  /** The flaw, stated: what the server's verifier does wrong. */
  flaw: string;
  goal: string;
  /** Hints, opened one at a time. */
  hints: readonly string[];
  /** Make the server's keys and the learner's token, at `now` (seconds). */
  setup(now: number): Promise<ExerciseWorld>;
  /** The flawed server's verifier. */
  flawed(token: string, world: ExerciseWorld, host: SimulatedHost): Promise<ExerciseVerdict>;
}

/** The outcome of submitting a token to an exercise's server. */
export interface ExerciseCheck {
  solved: boolean;
  flawed: ExerciseVerdict;
  correct: ExerciseVerdict;
  /** Whether the claims the flawed server read make the learner admin. */
  admin: boolean;
  message: string;
}
