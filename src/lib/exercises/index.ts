/** Exercises: servers with one deliberate flaw each, a goal, hints and a check. */
export * from './types';
export { EXERCISES } from './catalogue';
export { checkExercise } from './check';
export { HOST_FILE_LIMIT, HOST_FILES, publish } from './host';
export { ADMIN, LEARNER, SERVER_KID, WEAK_SECRET } from './servers';
