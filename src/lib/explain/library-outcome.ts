/**
 * One library's answer in a prediction, and the three helpers that write one:
 * `ok`, `err`, and `joseErr` for jose, whose errors also carry a `code`.
 */

/** The libraries compared. */
export type LibraryId = 'pyjwt' | 'jose' | 'jsonwebtoken';

/** One library's answer. */
export interface LibraryOutcome {
  library: LibraryId;
  ok: boolean;
  /** Exception class (PyJWT, jsonwebtoken) or jose's error class. */
  name: string;
  /** jose's `code` (`ERR_JWT_EXPIRED`); undefined elsewhere. */
  code?: string;
  message: string;
  /** jose's claim failures carry the claim and a reason. */
  claim?: string;
  reason?: string;
  /** True when the real message only starts with `message` (it quotes a parser's text). */
  prefix?: boolean;
}

/** The library accepts the token (one frozen answer per library, shared by every keystroke). */
export const ok = (library: LibraryId): LibraryOutcome => ACCEPTS[library];

const accepts = (library: LibraryId): LibraryOutcome =>
  Object.freeze({ library, ok: true, name: 'ok', message: '' });
const ACCEPTS: Record<LibraryId, LibraryOutcome> = {
  pyjwt: accepts('pyjwt'),
  jose: accepts('jose'),
  jsonwebtoken: accepts('jsonwebtoken'),
};

/** The library rejects the token with the exception `name` and its `message`. */
export const err = (
  library: LibraryId,
  name: string,
  message: string,
  extra: Partial<LibraryOutcome> = {},
) => ({ library, ok: false, name, message, ...extra }) satisfies LibraryOutcome;

/** jose rejects the token: its error class, its `ERR_*` code and message. */
export const joseErr = (
  name: string,
  code: string,
  message: string,
  extra: Partial<LibraryOutcome> = {},
) => err('jose', name, message, { code, ...extra });
