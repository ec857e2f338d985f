/**
 * Every snippet, for a matrix of settings, must at least parse in its own
 * language: Python with /usr/bin/python3 -m py_compile, JavaScript with
 * node --check, Java with javac (syntax only: the jjwt imports cannot
 * resolve here, so only "does not exist"/"cannot find symbol" errors are
 * allowed, which javac reports only after the whole file parsed). Go is
 * skipped when no `go` is installed. The jose snippet is then run with node
 * against tokens the engine signed, and must accept a valid one and reject
 * an expired one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyResolver, jwsAlgorithm, prepareSigningInput, signWith } from '../../../src/lib';
import { SNIPPET_LANGUAGES, type SnippetInput } from '../../../src/lib/explain/snippets';
import { keyOf } from '../helpers/keys';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const tmp = mkdtempSync(join(tmpdir(), 'jwtlab-snippets-'));
// ESM resolves 'jose' from the file's folder upward: run snippets inside the project.
const local = join(process.cwd(), 'node_modules', '.jwtlab-snippet-test');
mkdirSync(local, { recursive: true });
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(local, { recursive: true, force: true });
});

const MATRIX: SnippetInput[] = [
  { alg: 'HS256', keyKind: 'secret', leeway: 0, issuer: '', audience: '', requiredClaims: [] },
  {
    alg: 'HS512',
    keyKind: 'secret',
    leeway: 30,
    issuer: 'https://issuer.example',
    audience: 'api',
    requiredClaims: ['sub', 'jti'],
  },
  {
    alg: 'RS256',
    keyKind: 'public-pem',
    leeway: 5,
    issuer: 'https://a"b\\c',
    audience: "it's",
    requiredClaims: ['exp'],
  },
  {
    alg: 'ES384',
    keyKind: 'jwks',
    leeway: 0,
    issuer: 'https://issuer.example',
    audience: '',
    requiredClaims: [],
  },
  {
    alg: 'EdDSA',
    keyKind: 'public-pem',
    leeway: 60,
    issuer: '',
    audience: 'api',
    requiredClaims: ['sub'],
  },
];

let n = 0;
const write = (dir: string, file: string, code: string) => {
  const sub = join(dir, String(n++));
  mkdirSync(sub);
  const path = join(sub, file);
  writeFileSync(path, code);
  return path;
};

describe.each(MATRIX)('snippets for %j', (input) => {
  it.each(SNIPPET_LANGUAGES.filter((l) => l.id.startsWith('python')))('$label compiles', (lang) => {
    const path = write(tmp, 'snippet.py', lang.generate(input).code);
    const r = spawnSync(PYTHON, ['-m', 'py_compile', path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(SNIPPET_LANGUAGES.filter((l) => l.id.startsWith('node')))('$label parses', (lang) => {
    const path = write(tmp, 'snippet.mjs', lang.generate(input).code);
    const r = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!has('go'))('Go parses (gofmt -l; skipped: no go toolchain here)', () => {
    const snippet = SNIPPET_LANGUAGES.find((l) => l.id === 'go-golang-jwt')!.generate(input);
    const path = write(tmp, 'main.go', snippet.code);
    const r = spawnSync('gofmt', ['-e', '-l', path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
  });

  it.skipIf(!has('javac'))(
    'Java parses (javac, only unresolved jjwt symbols allowed)',
    () => {
      const snippet = SNIPPET_LANGUAGES.find((l) => l.id === 'java-jjwt')!.generate(input);
      const path = write(tmp, 'VerifyJwt.java', snippet.code);
      const r = spawnSync('javac', ['-d', join(tmp, 'classes'), path], { encoding: 'utf8' });
      const errors = r.stderr.split('\n').filter((l) => / error: /.test(l));
      const syntax = errors.filter((l) => !/does not exist|cannot find symbol/.test(l));
      expect(syntax).toEqual([]);
      expect(errors.length).toBeGreaterThan(0); // jjwt is not here: proves javac really parsed
    },
    60_000,
  );

  it('never contains a key, only placeholders', () => {
    for (const lang of SNIPPET_LANGUAGES) {
      const { code } = lang.generate(input);
      expect(code).not.toMatch(/-----BEGIN|demo-secret/);
      expect(code).toMatch(/JWT_SECRET|JWT_PUBLIC_KEY|JWT_JWKS_URL/);
    }
  });
});

describe('the jose snippet really verifies', () => {
  const resolver = new KeyResolver();
  const SECRET = 'snippet-test-secret-with-32-bytes!!';
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  async function engineToken(alg: string, key: string, payload: Record<string, unknown>) {
    const input = prepareSigningInput(JSON.stringify({ alg, typ: 'JWT' }), JSON.stringify(payload));
    if (!input.ok) throw input.error;
    const algorithm = jwsAlgorithm(alg)!;
    const selection = await resolver.resolve(key, algorithm, 'sign', { secretEncoding: 'utf8' });
    const signed = await signWith(input.value, algorithm, selection);
    if (!signed.ok) throw signed.error;
    return signed.value;
  }

  function run(input: SnippetInput, token: string, env: Record<string, string>) {
    const lang = SNIPPET_LANGUAGES.find((l) => l.id === 'node-jose')!;
    const path = write(local, 'verify.mjs', lang.generate(input).code);
    return spawnSync(process.execPath, [path, token], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });
  }

  const hs: SnippetInput = {
    alg: 'HS256',
    keyKind: 'secret',
    leeway: 0,
    issuer: 'https://issuer.example',
    audience: 'api',
    requiredClaims: ['sub'],
  };
  const claims = (exp: number) => ({
    sub: 'u1',
    iss: 'https://issuer.example',
    aud: 'api',
    iat: exp - 600,
    exp,
  });

  it('accepts a valid HS256 token from the engine', async () => {
    const token = await engineToken('HS256', SECRET, claims(nowSeconds() + 3600));
    const r = run(hs, token, { JWT_SECRET: SECRET });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ sub: 'u1', aud: 'api' });
  });

  it('rejects an expired one with ERR_JWT_EXPIRED', async () => {
    const token = await engineToken('HS256', SECRET, claims(nowSeconds() - 3600));
    const r = run(hs, token, { JWT_SECRET: SECRET });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ERR_JWT_EXPIRED: "exp" claim timestamp check failed');
  });

  it('rejects a token signed with another secret', async () => {
    const token = await engineToken(
      'HS256',
      'another-secret-also-32-bytes-long',
      claims(nowSeconds() + 3600),
    );
    const r = run(hs, token, { JWT_SECRET: SECRET });
    expect(r.stderr).toContain('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('accepts an RS256 token with the public PEM from the environment', async () => {
    const rsa = await keyOf('rsa');
    const token = await engineToken('RS256', rsa.pkcs8, claims(nowSeconds() + 3600));
    const input: SnippetInput = { ...hs, alg: 'RS256', keyKind: 'public-pem' };
    const r = run(input, token, { JWT_PUBLIC_KEY: rsa.spki });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).sub).toBe('u1');
    const wrongAud = run({ ...input, audience: 'other' }, token, { JWT_PUBLIC_KEY: rsa.spki });
    expect(wrongAud.stderr).toContain(
      'ERR_JWT_CLAIM_VALIDATION_FAILED: unexpected "aud" claim value',
    );
  });
});

describe('the Django (simplejwt) snippet', () => {
  const django = SNIPPET_LANGUAGES.find((l) => l.id === 'python-django')!;

  it.each([
    [
      MATRIX[0]!,
      [
        '"ALGORITHM": "HS256"',
        '"SIGNING_KEY": os.environ["JWT_SECRET"]',
        '"ISSUER": None',
        '"AUDIENCE": None',
        '"LEEWAY": 0',
      ],
    ],
    [
      MATRIX[1]!,
      [
        '"ISSUER": "https://issuer.example"',
        '"AUDIENCE": "api"',
        '"LEEWAY": 30',
        'besides those (sub) are your own check',
      ],
    ],
    [
      MATRIX[2]!,
      ['"ALGORITHM": "RS256"', '"VERIFYING_KEY": os.environ["JWT_PUBLIC_KEY"]', '"LEEWAY": 5'],
    ],
    [MATRIX[3]!, ['"JWK_URL": os.environ.get("JWT_JWKS_URL"']],
  ])('puts the page\u2019s settings in SIMPLE_JWT (%#)', (input, lines) => {
    const { code, file } = django.generate(input);
    expect(file).toBe('settings.py');
    for (const line of lines) expect(code).toContain(line);
    expect(code).toContain('"ROTATE_REFRESH_TOKENS": True');
  });
});
