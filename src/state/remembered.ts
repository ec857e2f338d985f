/**
 * Where remembered work lives, and whether there is any: read at start-up
 * without loading the sharing code, which the first screen does not need.
 */

/** The localStorage entry that holds remembered work (present only when opted in). */
export const STORAGE_KEY = 'jwt-lab:remembered';

/** The localStorage entry for solved exercises (present only when opted in to that). */
export const EXERCISES_KEY = 'jwt-lab:exercises';

/** True when the person opted in to remembering on an earlier visit. */
export function hasRememberedWork(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false; // storage disabled: nothing can have been remembered
  }
}
