/**
 * Judging a learner's token: solved only when the flawed server accepts it
 * as the administrator AND the page's correct verifier rejects it (so the
 * token got in through the flaw, not with a key the learner was given).
 */
import { messageOf } from '../errors';
import { ADMIN } from './servers';
import type { Exercise, ExerciseCheck, ExerciseWorld, SimulatedHost } from './types';
import { pageAccepts, parseToken } from './verifiers';

/** Send `token` to the exercise's server and judge the outcome. */
export async function checkExercise(
  exercise: Exercise,
  world: ExerciseWorld,
  token: string,
  host: SimulatedHost = new Map(),
): Promise<ExerciseCheck> {
  let flawed;
  try {
    flawed = await exercise.flawed(token, world, host);
  } catch (cause) {
    flawed = { accepted: false, reason: `it failed: ${messageOf(cause)}` };
  }
  const admin = parseToken(token)?.claims.sub === ADMIN;
  const correct = await pageAccepts(token, world.correctKey);
  const solved = flawed.accepted && admin && !correct.accepted;
  const message = solved
    ? `Solved: the flawed server accepted you as "${ADMIN}" (${flawed.reason}), and a correct verifier refuses the same token.`
    : !flawed.accepted
      ? `Refused: ${flawed.reason}.`
      : !admin
        ? `Accepted (${flawed.reason}), but as "${String(parseToken(token)?.claims.sub)}", not "${ADMIN}".`
        : 'Accepted as the administrator, but a correct verifier accepts this token too: it did not get in through the flaw.';
  return { solved, flawed, correct, admin, message };
}
