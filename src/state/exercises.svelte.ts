/**
 * The exercises' state, built on `lab`: which exercise is open, its server
 * (keys and tokens made when it opens), the hints shown, the simulated host,
 * the last check, and which are solved. Solved exercises are kept on the
 * device only while the person ticks "remember" (EXERCISES_KEY).
 */
import {
  checkExercise,
  EXERCISES,
  publish,
  type Exercise,
  type ExerciseCheck,
  type ExerciseWorld,
} from '../lib/exercises';
import { messageOf } from '../lib';
import { clockNow, lab } from './lab.svelte';
import { EXERCISES_KEY } from './remembered';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: progress lasts as long as the page
  }
}

/** Solved exercise numbers stored on the device, if the person opted in; hostile text is dropped. */
function storedSolved(): number[] | undefined {
  const text = storage()?.getItem(EXERCISES_KEY);
  if (text === null || text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(0, 256));
    if (!Array.isArray(value)) return [];
    return value.filter((n): n is number => EXERCISES.some((e) => e.n === n));
  } catch {
    return [];
  }
}

class ExercisesState {
  readonly exercises = EXERCISES;
  exercise = $state.raw<Exercise | undefined>(undefined);
  world = $state.raw<ExerciseWorld | undefined>(undefined);
  hintsShown = $state(0);
  busy = $state('');
  error = $state('');
  check = $state.raw<ExerciseCheck | undefined>(undefined);
  host = $state.raw<ReadonlyMap<string, string>>(new Map());
  hostError = $state('');
  solved = $state.raw<ReadonlySet<number>>(new Set(storedSolved() ?? []));
  /** "Remember solved exercises on this device": on when the person ticked it, on an earlier visit too. */
  remember = $state(storedSolved() !== undefined);
  #sequence = 0;

  /** Open `exercise`: a fresh server, its token in the editor, the key editor emptied. */
  async open(exercise: Exercise): Promise<void> {
    const sequence = ++this.#sequence;
    this.exercise = exercise;
    this.world = undefined;
    this.check = undefined;
    this.hintsShown = 0;
    this.error = '';
    this.host = new Map();
    this.hostError = '';
    this.busy = 'Starting the server (generating its keys and your token)…';
    try {
      const world = await exercise.setup(clockNow());
      if (sequence !== this.#sequence) return;
      this.world = world;
      this.load();
    } catch (cause) {
      if (sequence === this.#sequence)
        this.error = `The server could not start: ${messageOf(cause)}`;
    } finally {
      if (sequence === this.#sequence) this.busy = '';
    }
  }

  /** Leave the open exercise. */
  close(): void {
    this.#sequence++;
    this.exercise = undefined;
    this.world = undefined;
    this.check = undefined;
    this.busy = '';
  }

  /** Put the learner's token in the token editor, with no key (the server's is not theirs). */
  load(): void {
    if (!this.world) return;
    lab.keyText = '';
    lab.secretEncoding = 'utf8';
    lab.setToken(this.world.token);
  }

  /** Open the next hint. */
  nextHint(): void {
    if (this.exercise && this.hintsShown < this.exercise.hints.length) this.hintsShown++;
  }

  /** Publish `body` at `url` on the simulated host. */
  publish(url: string, body: string): void {
    const next = publish(this.host, url, body);
    this.hostError = next.ok ? '' : next.error.message;
    if (next.ok) this.host = next.value;
  }

  /** Send the token in the editor to the open exercise's server. */
  async submit(): Promise<void> {
    const exercise = this.exercise;
    const world = this.world;
    if (!exercise || !world) return;
    const sequence = this.#sequence;
    this.busy = 'Sending your token to the server…';
    const check = await checkExercise(exercise, world, lab.tokenText, this.host);
    if (sequence !== this.#sequence) return;
    this.busy = '';
    this.check = check;
    if (check.solved && !this.solved.has(exercise.n)) {
      this.solved = new Set([...this.solved, exercise.n]);
      this.#store();
    }
  }

  /** Tick or untick "remember": ticking stores the solved list, unticking removes it. */
  setRemember(on: boolean): void {
    this.remember = on;
    if (on) this.#store();
    else
      try {
        storage()?.removeItem(EXERCISES_KEY);
      } catch {
        // storage disabled: nothing was stored
      }
  }

  #store(): void {
    if (!this.remember) return;
    try {
      storage()?.setItem(EXERCISES_KEY, JSON.stringify([...this.solved].sort((a, b) => a - b)));
    } catch {
      // a full or disabled storage: progress lasts as long as the page
    }
  }
}

/** The page's exercises. */
export const exercises = new ExercisesState();
