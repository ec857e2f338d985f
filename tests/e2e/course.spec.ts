/**
 * The course (issue 16): every lesson completed through the page's own
 * controls, each step's check failing on the wrong action first, the storage
 * demo confined to its sandboxed frame, and no axe violation in any lesson.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { HOSTING_HEADERS } from '../../plugins/headers';
import {
  expect,
  expectStatus,
  openLab,
  readEditor,
  readEditorJson,
  setEditor,
  test,
} from './helpers';

test.use({ reducedMotion: 'reduce' });

type Act = (page: Page) => Promise<void>;
interface StepPlan {
  wrong: Act;
  right: Act;
}

/** Press the course actions `ids` in order, each once the last has finished. */
const press =
  (...ids: string[]): Act =>
  async (page) => {
    for (const id of ids) {
      const button = page.getByTestId(`course-action-${id}`);
      await expect(button).toBeEnabled();
      await button.click();
      await expect(button).toBeEnabled();
    }
  };

/** Edit the payload editor's claims: the page re-signs with the key in the key box. */
const editClaims =
  (change: (claims: Record<string, unknown>) => void): Act =>
  async (page) => {
    const before = await readEditor(page, 'token-input');
    const claims = (await readEditorJson(page, 'payload-json')) as Record<string, unknown>;
    change(claims);
    await setEditor(page, 'payload-json', JSON.stringify(claims));
    await expect.poll(() => readEditor(page, 'token-input')).not.toBe(before);
    await expectStatus(page, 'verified');
  };

const then =
  (...acts: Act[]): Act =>
  async (page) => {
    for (const act of acts) await act(page);
  };

const PLANS: Record<string, StepPlan[]> = {
  delivery: [
    { wrong: press('login-wrong'), right: press('login') },
    { wrong: press('call-bare'), right: press('call-bearer') },
    { wrong: press('login-header'), right: press('login-cookie') },
    { wrong: press('forged-post'), right: press('page-post') },
  ],
  authz: [
    { wrong: press('call-profile'), right: press('call-admin') },
    {
      wrong: press('call-admin'),
      right: then(async (page) => {
        const token = await readEditor(page, 'token-input');
        await setEditor(
          page,
          'token-input',
          token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'),
        );
        await expectStatus(page, 'invalid');
      }, press('call-admin')),
    },
    { wrong: press('call-profile'), right: press('post-order') },
  ],
  refresh: [
    { wrong: press('login-wrong'), right: press('login') },
    { wrong: press('call'), right: press('wait', 'call') },
    { wrong: press('call'), right: press('refresh') },
    { wrong: press('refresh'), right: press('replay') },
  ],
  stateful: [
    { wrong: press('call'), right: press('logout', 'call') },
    {
      wrong: press('session-login', 'session-call'),
      right: press('session-logout', 'session-call'),
    },
  ],
  revocation: [
    { wrong: press('call'), right: press('revoke', 'call') },
    { wrong: press('call'), right: press('wait', 'call') },
    { wrong: press('introspect'), right: press('revoke', 'introspect') },
  ],
  storage: [
    { wrong: press('store-cookie'), right: press('store-local') },
    { wrong: press('store-local'), right: press('store-cookie') },
  ],
  'claims-pyjwt': [
    {
      wrong: press('decode'),
      right: then(
        editClaims((c) => (c.sub = 'alice')),
        press('decode'),
      ),
    },
    {
      wrong: press('decode'),
      right: then(async (page) => setEditor(page, 'leeway', '30'), press('decode')),
    },
    {
      wrong: press('decode'),
      right: then(
        editClaims((c) => (c.aud = 'https://reports.course.example')),
        press('decode'),
      ),
    },
    {
      wrong: press('decode'),
      right: then(
        async (page) => setEditor(page, 'expected-iss', 'https://auth.course.example'),
        press('decode'),
      ),
    },
    { wrong: press('call-globex'), right: press('call-acme') },
  ],
  'key-management': [
    {
      wrong: press('use-secret'),
      right: then(
        async (page) => setEditor(page, 'key-input', 'k3J9-qZ_x81mWv0TsaLpY4rNbH2cE7uD'),
        press('use-secret'),
      ),
    },
    { wrong: press('rotate', 'call-old'), right: press('retire', 'call-old') },
    { wrong: press('fetch-jwks'), right: press('switch-rs256', 'fetch-jwks') },
  ],
  'oidc-sso': [
    { wrong: press('jwks'), right: press('discover', 'jwks') },
    { wrong: press('sign-in', 'call-access'), right: press('call-id') },
    { wrong: press('accept-fresh'), right: press('accept-replayed') },
  ],
  encrypt: [
    { wrong: press('proxy-send'), right: press('encrypt', 'proxy-send') },
    { wrong: press('give-public'), right: press('give-private') },
  ],
};

async function openCourseLesson(page: Page, id: string): Promise<void> {
  await openLab(page);
  await page.getByTestId('lessons-open').click();
  await page.getByTestId(`lesson-${id}`).click();
  await expect(page.getByTestId('lesson-progress')).toContainText('step 1 of');
}

const check = (page: Page) => page.getByTestId('step-check');

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    where,
  ).toEqual([]);
}

for (const [id, steps] of Object.entries(PLANS)) {
  test(`course lesson ${id}: each step fails on the wrong action, then passes`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openCourseLesson(page, id);
    await expectNoViolations(page, `${id}, step 1`);
    for (const [index, plan] of steps.entries()) {
      await expect(page.getByTestId('lesson-progress')).toContainText(
        `step ${index + 1} of ${steps.length}`,
      );
      await expect(check(page)).toHaveAttribute('data-status', 'pending');
      await plan.wrong(page);
      await expect(check(page)).toHaveAttribute('data-status', 'failed');
      await plan.right(page);
      await expect(check(page)).toHaveAttribute('data-status', 'passed');
      // The server's log shows each request with its status and what it checked.
      const log = page.getByTestId('server-log').locator('li[data-status]');
      if ((await log.count()) > 0) await expect(log.last()).toHaveText(/^(GET|POST) \/\S+.* → \d+/);
      if (index < steps.length - 1) await page.getByTestId('step-next').click();
    }
    await expect(page.getByTestId('step-next')).toBeDisabled();
    await expect(page.getByTestId('server-log').locator('li[data-status]').first()).toHaveText(
      /^(GET|POST) \/\S+.* → \d+ · \S/,
    );
    await expectNoViolations(page, `${id}, last step`);
    await page.getByTestId('step-prev').click();
    await expect(page.getByTestId('lesson-progress')).toContainText(`step ${steps.length - 1} of`);
  });
}

test('the storage demo runs only inside its sandboxed frame, under the unchanged policy', async ({
  page,
}) => {
  const response = await page.goto('./');
  expect(response?.headers()['content-security-policy']).toBe(
    HOSTING_HEADERS['Content-Security-Policy'],
  );
  await openCourseLesson(page, 'storage');
  await page.getByTestId('course-action-store-local').click();
  await expect(check(page)).toHaveAttribute('data-status', 'passed');
  const frame = page.getByTestId('storage-frame');
  await expect(frame).toHaveAttribute('sandbox', 'allow-scripts');
  await expect(frame.contentFrame().locator('#out')).toContainText(
    'Stolen: the script could now send the token anywhere.',
  );
  // The frame's origin is opaque: nothing it stored is in the app's own storage.
  expect(
    await page.evaluate(() => [localStorage.getItem('access_token'), document.cookie]),
  ).toEqual([null, '']);
  expect(
    await frame
      .contentFrame()
      .locator('body')
      .evaluate(() => window.origin),
  ).toBe('null');
  await page.getByTestId('step-next').click();
  await page.getByTestId('course-action-store-cookie').click();
  await expect(check(page)).toHaveAttribute('data-status', 'passed');
  await expect(frame.contentFrame().locator('#out')).toContainText('Nothing stolen');
});

test('each lesson links to the framework code doing the same; the Code panel offers Django', async ({
  page,
}) => {
  await openCourseLesson(page, 'delivery');
  const snippet = page.getByTestId('course-snippet');
  await snippet.locator('summary').click();
  await expect(snippet).toContainText('On a real server: Python (Django, simplejwt)');
  await expect(snippet).toContainText('TokenObtainPairView');
  await expect(snippet).toContainText('"AUDIENCE": "https://api.course.example"');
  await page.getByTestId('lesson-authz').click();
  await expect(page.getByTestId('course-snippet')).toContainText('Python (FastAPI route)');
  await page.getByTestId('lessons-close').click();
  await page.getByText('Code: verify this way').click();
  await page.getByTestId('snippet-lang').selectOption('python-django');
  await expect(page.getByTestId('snippet-code')).toContainText('SIMPLE_JWT = {');
  await expect(page.getByTestId('snippet-code')).toContainText('os.environ["JWT_SECRET"]');
});
