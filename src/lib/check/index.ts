/** The engine's one pipeline: pasted text, settings and keys → the report the page shows. */
export * from './types';
export { Checker } from './check';
export { sdJwtOf } from './sd-jwt-report';
export { judgeSettings, cleanLeeway, splitClaimNames, type JudgedSettings } from './settings';
export { keyJudges, SAMPLE_KEY_MESSAGE } from './sample-key';
export { editorTexts } from './editors';
export * from './resign';
export { firstRows, ROWS_AT_FIRST } from './bounded';
export { FORM_WORDS, FOUND_KIND_WORDS } from './forms';
export { describeFound, foundFacts, type FoundFacts } from './found-list';
export { checkTokenFile, TOKEN_FILE_ENDINGS } from './token-file';
export type { OutputForm } from '../jws/json-sign';
export { NO_PROFILE_INPUT, type ProfileReport, type ProfileFacts } from './profile';
