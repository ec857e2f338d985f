/**
 * The other direction from pyjwt.test.ts: tokens the simulated server
 * issues, decoded by Debian's PyJWT 2.6.0 itself (run live, skipped where
 * /usr/bin/python3 has no jwt module) at the server's pinned clock, with the
 * server's own settings. PyJWT must raise what the server's gate raises.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SimServer } from '../../../src/lib/course/server';
import type { ClaimPolicy } from '../../../src/lib/course/verify-token';

const PYTHON = '/usr/bin/python3';
const hasPyjwt = spawnSync(PYTHON, ['-c', 'import jwt'], { encoding: 'utf8' }).status === 0;
const SECRET = 'course-live-secret-of-32-bytes!!';
const NOW = 1_760_000_000;

const DECODE = `
import json, sys
from datetime import datetime, timezone
import jwt, jwt.api_jwt
cases = json.load(sys.stdin)
out = []
for c in cases:
    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None, _t=c["now"]):
            return datetime.fromtimestamp(_t, tz=tz or timezone.utc)
    jwt.api_jwt.datetime = Frozen
    p = c["policy"]
    aud = p["audiences"] or None
    try:
        jwt.decode(c["token"], c["secret"], algorithms=["HS256"], audience=aud,
                   issuer=p["issuer"] or None, leeway=p["leeway"], options={"require": p["require"]})
        out.append("ok")
    except jwt.PyJWTError as e:
        out.append(type(e).__name__)
print(json.dumps(out))
`;

interface LiveCase {
  name: string;
  token: string;
  now: number;
  policy: ClaimPolicy;
}

describe.skipIf(!hasPyjwt)('PyJWT decodes what the simulated server issues', () => {
  it('and raises what the server raises, case by case', async () => {
    const server = new SimServer({ now: NOW, secret: SECRET });
    const login = await server.handle({
      method: 'POST',
      path: '/login',
      body: { username: 'alice', password: 'correct horse' },
    });
    const access = String(login.body.access_token);
    const refresh = String(login.body.refresh_token);
    const id = await server.handle({
      method: 'POST',
      path: '/authorize',
      body: { username: 'alice', password: 'correct horse', client_id: 'course-web', nonce: 'n' },
    });
    const policy = server.policy;
    const cases: LiveCase[] = [
      { name: 'access token, now', token: access, now: NOW, policy },
      { name: 'access token, at exp', token: access, now: NOW + 300, policy },
      {
        name: 'access token, at exp with leeway 10',
        token: access,
        now: NOW + 300,
        policy: { ...policy, leeway: 10 },
      },
      { name: 'refresh token at the API', token: refresh, now: NOW, policy },
      { name: 'ID token at the API', token: String(id.body.id_token), now: NOW, policy },
      {
        name: 'access token, another issuer expected',
        token: access,
        now: NOW,
        policy: { ...policy, issuer: 'https://other.example' },
      },
      {
        name: 'access token, no audience expected',
        token: access,
        now: NOW,
        policy: { ...policy, audiences: [] },
      },
      {
        name: 'ID token at its client, nonce required',
        token: String(id.body.id_token),
        now: NOW,
        policy: { ...policy, audiences: ['course-web'], require: ['exp', 'iat', 'sub', 'nonce'] },
      },
    ];

    const python = spawnSync(PYTHON, ['-c', DECODE], {
      input: JSON.stringify(cases.map((c) => ({ ...c, secret: SECRET }))),
      encoding: 'utf8',
    });
    expect(python.stderr).toBe('');
    const pyjwt = JSON.parse(python.stdout) as string[];

    const ours: string[] = [];
    for (const c of cases) {
      const check = new SimServer({ now: c.now, secret: SECRET });
      check.policy = c.policy;
      const result = await check.check(c.token);
      ours.push(result.ok ? 'ok' : result.pyjwt);
    }
    const named = (answers: string[]) =>
      Object.fromEntries(cases.map((c, i) => [c.name, answers[i]]));
    expect(named(ours)).toEqual(named(pyjwt));
    // The cases are not all alike: the comparison can fail.
    expect(new Set(pyjwt).size).toBeGreaterThanOrEqual(4);
  });
});
