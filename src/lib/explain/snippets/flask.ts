/** Python with Flask and PyJWT: a route that only answers with a valid bearer token. */
import { pyjwtDecodeArgs, pyjwtKey } from './pyjwt';
import type { SnippetGenerator } from './types';

/** Flask: a decorator that checks the Authorization header. */
export const flaskSnippet: SnippetGenerator = (input) => {
  const { setup, key } = pyjwtKey(input);
  const code = `import os
from functools import wraps

import jwt  # pip install flask "pyjwt[crypto]"
from flask import Flask, g, jsonify, request

app = Flask(__name__)
${setup.join('\n')}


def require_jwt(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return jsonify(error="missing bearer token"), 401
        token = auth[len("Bearer "):]
        try:
            g.claims = jwt.decode(
                token,
                ${key},
                ${pyjwtDecodeArgs(input).join(',\n                ')},
            )
        except jwt.PyJWTError as e:
            return jsonify(error=type(e).__name__, detail=str(e)), 401
        return view(*args, **kwargs)

    return wrapper


@app.get("/api/me")
@require_jwt
def me():
    return jsonify(sub=g.claims.get("sub"))
`;
  return { code, file: 'app.py', run: 'pip install flask "pyjwt[crypto]" && flask --app app run' };
};
