/**
 * Ready-to-run code that reproduces the page's verification in other
 * languages. Loaded on demand when the Code panel opens.
 */
import { fastapiSnippet } from './fastapi';
import { flaskSnippet } from './flask';
import { goSnippet } from './go';
import { javaSnippet } from './java';
import { joseSnippet } from './jose';
import { jsonwebtokenSnippet } from './jsonwebtoken';
import { pyjwtSnippet } from './pyjwt';
import type { SnippetGenerator } from './types';

export * from './types';

/** The languages offered, in picker order. */
export const SNIPPET_LANGUAGES: readonly {
  id: string;
  label: string;
  generate: SnippetGenerator;
}[] = [
  { id: 'python-pyjwt', label: 'Python (PyJWT)', generate: pyjwtSnippet },
  { id: 'python-flask', label: 'Python (Flask route)', generate: flaskSnippet },
  { id: 'python-fastapi', label: 'Python (FastAPI route)', generate: fastapiSnippet },
  { id: 'node-jose', label: 'Node (jose)', generate: joseSnippet },
  { id: 'node-jsonwebtoken', label: 'Node (jsonwebtoken)', generate: jsonwebtokenSnippet },
  { id: 'go-golang-jwt', label: 'Go (golang-jwt v5)', generate: goSnippet },
  { id: 'java-jjwt', label: 'Java (jjwt 0.12)', generate: javaSnippet },
];
