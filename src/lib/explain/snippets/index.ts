/**
 * Ready-to-run code that reproduces the page's verification in other
 * languages. Loaded on demand when the Code panel opens.
 */
import { djangoSnippet } from './django';
import { fastapiSnippet } from './fastapi';
import { flaskSnippet } from './flask';
import { goSnippet } from './go';
import { javaSnippet } from './java';
import { joseSnippet } from './jose';
import { jsonwebtokenSnippet } from './jsonwebtoken';
import { pyjwtSnippet } from './pyjwt';
import type { SnippetGenerator } from './types';

export * from './types';

const PYJWT =
  'PyJWT has no ML-DSA algorithm (PyJWT 2.6.0 raises InvalidAlgorithmError: "Algorithm not supported")';
// Why each snippet cannot verify ML-DSA (RFC 9964); jose 6.2 can, where WebCrypto has ML-DSA.
const NO_ML_DSA: Record<string, string> = {
  'python-pyjwt': PYJWT,
  'python-flask': PYJWT,
  'python-fastapi': PYJWT,
  'python-django': PYJWT,
  'node-jsonwebtoken':
    'jsonwebtoken 9 has no ML-DSA algorithm (9.0.3 throws: "ML-DSA-44" is not a valid algorithm)',
  'go-golang-jwt':
    "this snippet is written for golang-jwt v5's RSA, EC and Ed25519 PEM parsers, and no golang-jwt release was checked for ML-DSA here",
  'java-jjwt':
    "this snippet is written for jjwt 0.12 and Java's RSA, EC and Ed25519 KeyFactory, and no jjwt release was checked for ML-DSA here",
};

/** For an ML-DSA token, a library without ML-DSA gets a note in its own comment syntax, not code. */
function orNoMlDsa(id: string, label: string, generate: SnippetGenerator): SnippetGenerator {
  const why = NO_ML_DSA[id];
  if (!why) return generate;
  return (input) => {
    const snippet = generate(input);
    if (!/^ML-DSA-/.test(input.alg)) return snippet;
    const c = id.startsWith('python') ? '#' : '//';
    return {
      ...snippet,
      code: `${c} ${input.alg} (RFC 9964) is not supported by ${label}: ${why}.\n${c} Verify ML-DSA tokens with jose 6 instead (the "Node (jose)" snippet), on a runtime whose WebCrypto has ML-DSA.\n`,
      run: `Not supported by ${label}.`,
    };
  };
}

const LANGUAGES = [
  { id: 'python-pyjwt', label: 'Python (PyJWT)', generate: pyjwtSnippet },
  { id: 'python-flask', label: 'Python (Flask route)', generate: flaskSnippet },
  { id: 'python-fastapi', label: 'Python (FastAPI route)', generate: fastapiSnippet },
  { id: 'python-django', label: 'Python (Django, simplejwt)', generate: djangoSnippet },
  { id: 'node-jose', label: 'Node (jose)', generate: joseSnippet },
  { id: 'node-jsonwebtoken', label: 'Node (jsonwebtoken)', generate: jsonwebtokenSnippet },
  { id: 'go-golang-jwt', label: 'Go (golang-jwt v5)', generate: goSnippet },
  { id: 'java-jjwt', label: 'Java (jjwt 0.12)', generate: javaSnippet },
];

/** The languages offered, in picker order. */
export const SNIPPET_LANGUAGES: readonly {
  id: string;
  label: string;
  generate: SnippetGenerator;
}[] = LANGUAGES.map((l) => ({ ...l, generate: orNoMlDsa(l.id, l.label, l.generate) }));
