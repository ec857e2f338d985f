/** Python with FastAPI and PyJWT: a dependency that guards a route. */
import { pyjwtDecodeArgs, pyjwtKey } from './pyjwt';
import type { SnippetGenerator } from './types';

/** FastAPI: HTTPBearer plus a dependency returning the claims. */
export const fastapiSnippet: SnippetGenerator = (input) => {
  const { setup, key } = pyjwtKey(input);
  const code = `import os

import jwt  # pip install fastapi uvicorn "pyjwt[crypto]"
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

app = FastAPI()
bearer = HTTPBearer()
${setup.join('\n')}


def claims(credentials: HTTPAuthorizationCredentials = Depends(bearer)) -> dict:
    token = credentials.credentials
    try:
        return jwt.decode(
            token,
            ${key},
            ${pyjwtDecodeArgs(input).join(',\n            ')},
        )
    except jwt.PyJWTError as e:
        raise HTTPException(status_code=401, detail=f"{type(e).__name__}: {e}")


@app.get("/api/me")
def me(user: dict = Depends(claims)):
    return {"sub": user.get("sub")}
`;
  return {
    code,
    file: 'main.py',
    run: 'pip install fastapi uvicorn "pyjwt[crypto]" && uvicorn main:app',
  };
};
