/** The code that does on a real server what a course lesson shows on the simulated one. */
import { SNIPPET_LANGUAGES, type Snippet } from '../explain/snippets';
import type { CourseLesson } from './lesson-types';

/** A lesson's snippet: the framework's name, what in it does the lesson's job, and the code. */
export interface LessonSnippet extends Snippet {
  label: string;
  note: string;
}

/** The snippet of `lesson`, configured as the simulated server is (issuer, audience, HS256). */
export function lessonSnippet(
  lesson: CourseLesson,
  issuer: string,
  audience: string,
): LessonSnippet {
  const language = SNIPPET_LANGUAGES.find((l) => l.id === lesson.snippet.language);
  if (!language) throw new TypeError(`No snippet language ${lesson.snippet.language}.`);
  const snippet = language.generate({
    alg: 'HS256',
    keyKind: 'secret',
    leeway: 0,
    issuer,
    audience,
    requiredClaims: ['exp', 'iat'],
  });
  return { ...snippet, label: language.label, note: lesson.snippet.note };
}
