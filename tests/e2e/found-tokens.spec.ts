/**
 * Tokens found inside what people paste: a curl command, a header, a token
 * endpoint's response, a redirect URL, a log line, a wrapped token, a HAR
 * file dropped on the token box. Each is decoded as if pasted alone, and the
 * page says where it was found.
 */
import {
  decodePart,
  expect,
  expectStatus,
  openLab,
  readEditor,
  readEditorJson,
  setEditor,
  test,
  type SignatureStatus,
} from './helpers';
import { SECRET, hs256, now } from './tokens';

test.describe.configure({ mode: 'parallel' });

const claims = (sub: string) => ({
  iss: 'https://server.example.com',
  sub,
  iat: now(),
  exp: now() + 3600,
});

/** Paste `text` with the key in place, and expect `sub`'s token decoded and verified. */
async function pasteAndExpect(
  page: import('@playwright/test').Page,
  text: string,
  sub: string,
  where: RegExp,
  status: SignatureStatus = 'verified',
) {
  await setEditor(page, 'key-input', SECRET);
  await setEditor(page, 'token-input', text);
  await expect
    .poll(() => readEditorJson(page, 'payload-json'))
    .toMatchObject({ sub, iss: 'https://server.example.com' });
  await expect(page.getByTestId('token-found')).toContainText(where);
  await expect(page.getByTestId('decode-error')).toHaveCount(0);
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'compact-jws');
  await expectStatus(page, status);
}

test('a curl command: the Authorization header', async ({ page }) => {
  await openLab(page);
  const token = await hs256(claims('curl-user'));
  const curl = `curl -s -X GET 'https://api.example.com/v1/me' \\\n  -H 'Accept: application/json' \\\n  -H 'Authorization: Bearer ${token}'`;
  await pasteAndExpect(page, curl, 'curl-user', /curl command.*Authorization header/);
  await expect(page.getByTestId('found-token-1')).toHaveCount(0); // one token: no list
});

test('a Cookie header', async ({ page }) => {
  await openLab(page);
  const token = await hs256(claims('cookie-user'));
  await pasteAndExpect(
    page,
    `Cookie: theme=dark; session=${token}; _ga=GA1.2.3`,
    'cookie-user',
    /Cookie header, cookie "session"/,
  );
});

test('a redirect URL with #id_token=', async ({ page }) => {
  await openLab(page);
  const token = await hs256(claims('redirect-user'));
  const url = `https://client.example.org/cb#id_token=${token}&state=af0ifjsldkj&token_type=Bearer`;
  await pasteAndExpect(page, url, 'redirect-user', /URL fragment's id_token/);
});

test('a log line', async ({ page }) => {
  await openLab(page);
  const token = await hs256(claims('log-user'));
  const log = `2026-03-01T10:00:00.123Z INFO  [auth] request ok user=alice token=${token} took=12ms`;
  await pasteAndExpect(page, log, 'log-user', /line 1 of the text, after "token="/);
});

test('a token wrapped over several lines, with a trailing comma', async ({ page }) => {
  await openLab(page);
  const token = await hs256(claims('wrapped-user'));
  const lines = token.match(/.{1,64}/g)!;
  await pasteAndExpect(page, `"${lines.join('\n')}",`, 'wrapped-user', /rejoined/);
});

test.describe('several tokens', () => {
  test('a token response lists each token, and the second one chosen is decoded', async ({
    page,
  }) => {
    await openLab(page);
    const access = await hs256(claims('access-user'));
    const id = await hs256({ ...claims('id-user'), aud: 's6BhdRkqt3', nonce: 'n-0S6_WzA2Mj' });
    // RFC 6749 §5.1 with an OpenID Connect id_token (OIDC Core §3.1.3.3).
    const response = JSON.stringify(
      {
        access_token: access,
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA',
        id_token: id,
      },
      null,
      2,
    );
    await pasteAndExpect(page, response, 'access-user', /access_token/);
    await expect(page.getByTestId('found-token-1')).toContainText('access_token');
    await expect(page.getByTestId('found-token-1')).toContainText('HS256');
    await expect(page.getByTestId('found-token-1')).toContainText('sub access-user');
    await expect(page.getByTestId('found-token-1')).toContainText(/expires in (59|60) min/);
    await expect(page.getByTestId('found-token-2')).toContainText('id_token');
    await expect(page.getByTestId('found-token-3')).toHaveCount(0);
    await expect(page.getByTestId('found-token-1')).toHaveAttribute('aria-pressed', 'true');

    await page.getByTestId('found-token-2').click();
    await expect
      .poll(() => readEditorJson(page, 'payload-json'))
      .toMatchObject({
        sub: 'id-user',
        nonce: 'n-0S6_WzA2Mj',
      });
    await expect(page.getByTestId('found-token-2')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('token-found')).toContainText('Token 2 of 2');
    await expect(page.getByTestId('token-found')).toContainText('id_token');
    await expectStatus(page, 'verified');
    // The editor still holds the response: choosing does not rewrite what was pasted.
    expect(await readEditor(page, 'token-input')).toBe(response);
  });

  test('a long list shows its first rows and the rest on demand', async ({ page }) => {
    await openLab(page);
    const tokens = await Promise.all(
      Array.from({ length: 14 }, (_, i) => hs256(claims(`user-${i + 1}`))),
    );
    await setEditor(page, 'token-input', tokens.map((t, i) => `t${i}=${t}`).join('\n'));
    await expect(page.getByTestId('found-token-10')).toBeVisible();
    await expect(page.getByTestId('found-token-11')).toHaveCount(0);
    await page.getByTestId('found-more').click();
    await expect(page.getByTestId('found-token-14')).toContainText('sub user-14');
    await page.getByTestId('found-token-14').click();
    await expect.poll(() => readEditorJson(page, 'payload-json')).toMatchObject({ sub: 'user-14' });
  });
});

test('editing a found token re-signs it, and the new token replaces the text', async ({ page }) => {
  await openLab(page);
  const token = await hs256(claims('edit-user'));
  await pasteAndExpect(
    page,
    `curl -H "Authorization: Bearer ${token}" https://x.example`,
    'edit-user',
    /Authorization/,
  );
  const payload = (await readEditorJson(page, 'payload-json')) as Record<string, unknown>;
  await setEditor(page, 'payload-json', JSON.stringify({ ...payload, sub: 'edited' }, null, 2));
  await expect
    .poll(async () => {
      const text = await readEditor(page, 'token-input');
      try {
        return decodePart(text, 1).sub;
      } catch {
        return text; // still the curl command: poll again
      }
    })
    .toBe('edited');
  await expectStatus(page, 'verified');
  await expect(page.getByTestId('token-found')).toHaveCount(0);
});

test.describe('a file dropped on the token box', () => {
  /** Drop a file named `name` holding `text` on the token box, as a browser does. */
  async function drop(page: import('@playwright/test').Page, name: string, text: string) {
    const target = page.getByTestId('token-input');
    const transfer = await page.evaluateHandle(
      ([n, t]) => {
        const data = new DataTransfer();
        data.items.add(new File([t], n, { type: n.endsWith('.har') ? '' : 'text/plain' }));
        return data;
      },
      [name, text] as const,
    );
    await target.dispatchEvent('dragover', { dataTransfer: transfer });
    await target.dispatchEvent('drop', { dataTransfer: transfer });
  }

  test('a HAR file is read, and its token decoded', async ({ page }) => {
    await openLab(page);
    await setEditor(page, 'key-input', SECRET);
    const token = await hs256(claims('har-user'));
    // HAR 1.2: log.entries[].request with headers as name/value pairs.
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: '2026-03-01T10:00:00.000Z',
            time: 42,
            request: {
              method: 'GET',
              url: 'https://api.example.com/v1/me',
              httpVersion: 'HTTP/1.1',
              headers: [
                { name: 'Accept', value: 'application/json' },
                { name: 'Authorization', value: `Bearer ${token}` },
              ],
              queryString: [],
              cookies: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 200,
              statusText: 'OK',
              httpVersion: 'HTTP/1.1',
              headers: [],
              cookies: [],
              content: { size: 2, mimeType: 'application/json', text: '{}' },
              redirectURL: '',
              headersSize: -1,
              bodySize: 2,
            },
            cache: {},
            timings: { send: 0, wait: 40, receive: 2 },
          },
        ],
      },
    };
    await drop(page, 'session.har', JSON.stringify(har, null, 2));
    await expect
      .poll(() => readEditorJson(page, 'payload-json'))
      .toMatchObject({ sub: 'har-user' });
    await expect(page.getByTestId('token-found')).toContainText(
      /request 1 of the HAR file \(GET https:\/\/api\.example\.com\/v1\/me\), its Authorization header/,
    );
    await expect(page.getByTestId('token-file-note')).toContainText('session.har');
    await expectStatus(page, 'verified');
  });

  test('a file that is not text is refused with a message', async ({ page }) => {
    await openLab(page);
    const before = await readEditor(page, 'token-input');
    await drop(page, 'photo.png', 'not really a picture');
    await expect(page.getByTestId('token-file-note')).toContainText('"photo.png" was not read');
    expect(await readEditor(page, 'token-input')).toBe(before);
  });
});

test('a text with no token keeps the decode error as before', async ({ page }) => {
  await openLab(page);
  await setEditor(page, 'token-input', 'curl https://api.example.com/v1/status');
  await expect(page.getByTestId('decode-error')).toHaveAttribute('data-code', 'ERR_PART_BASE64URL');
  await expect(page.getByTestId('token-found')).toHaveCount(0);
  await expectStatus(page, 'malformed');
});

test.describe('examples that hold tokens', () => {
  test('a token response: both tokens listed, each verified with the example key', async ({
    page,
  }) => {
    await openLab(page);
    await page.getByTestId('examples').selectOption('token-response');
    await expect(page.getByTestId('found-token-2')).toContainText('id_token');
    await expect(page.getByTestId('found-token-1')).toContainText('access_token');
    await expectStatus(page, 'verified');
    await page.getByTestId('found-token-2').click();
    await expect
      .poll(() => readEditorJson(page, 'payload-json'))
      .toMatchObject({ nonce: 'n-0S6_WzA2Mj' });
    await expectStatus(page, 'verified');
  });

  test('a HAR file: its bearer token, verified', async ({ page }) => {
    await openLab(page);
    await page.getByTestId('examples').selectOption('har-request');
    await expect(page.getByTestId('token-found')).toContainText('request 1 of the HAR file');
    await expect.poll(() => readEditorJson(page, 'header-json')).toMatchObject({ typ: 'at+jwt' });
    await expectStatus(page, 'verified');
  });
});

test('where a token was found is shown as text, never as HTML', async ({ page }) => {
  await openLab(page);
  const a = await hs256(claims('first'));
  const b = await hs256(claims('second'));
  const name = '<img src=x data-injected=1 onerror=window.__injected=1>';
  await setEditor(page, 'token-input', JSON.stringify({ [name]: a, [`${name}2`]: b }));
  await expect(page.getByTestId('found-token-2')).toContainText(name);
  await expect(page.getByTestId('token-found')).toContainText(name);
  await expect(page.locator('[data-injected]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
});

test('a share link carries the chosen token alone, not the text it was found in', async ({
  page,
}) => {
  await openLab(page);
  const a = await hs256(claims('first'));
  const b = await hs256(claims('second'));
  await setEditor(page, 'token-input', `Cookie: sid=${a}; csrf=s3cr3t-cookie-value\nX-Other: ${b}`);
  await page.getByTestId('found-token-2').click();
  await expect.poll(() => readEditorJson(page, 'payload-json')).toMatchObject({ sub: 'second' });
  await page.getByTestId('share-open').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain(`#token=${b}`);
  expect(link).not.toContain('s3cr3t');
  expect(link).not.toContain(a);
});
