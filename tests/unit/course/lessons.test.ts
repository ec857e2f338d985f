import { describe, expect, it } from 'vitest';
import { COURSE } from '../../../src/lib/course/lessons';
import { COURSE_CATALOGUE } from '../../../src/lib/course/catalogue';
import { lessonSnippet } from '../../../src/lib/course/snippet';
import { logText } from '../../../src/lib/course/types';
import { Learner } from './learner';

type Script = (l: Learner) => Promise<unknown>;
interface StepPlan {
  /** The wrong thing to do: the check must fail, with a sentence matching `why`. */
  wrong: Script;
  why: RegExp;
  /** Then the right thing: the check must pass. */
  right: Script;
  passes: RegExp;
}

const press =
  (...ids: string[]): Script =>
  async (l) => {
    for (const id of ids) await l.press(id);
  };

const PLANS: Record<string, StepPlan[]> = {
  delivery: [
    {
      wrong: press('login-wrong'),
      why: /^401: the password did not match/,
      right: press('login'),
      passes: /^200: the password matched/,
    },
    {
      wrong: press('call-bare'),
      why: /nothing was sent/,
      right: press('call-bearer'),
      passes: /knew you were bob/,
    },
    {
      wrong: press('login-header'),
      why: /header delivery/,
      right: press('login-cookie'),
      passes: /HttpOnly, Secure, SameSite=Strict/,
    },
    {
      wrong: press('forged-post'),
      why: /forged form/,
      right: press('page-post'),
      passes: /^201: .*X-CSRF-Token header matched/,
    },
  ],
  authz: [
    {
      wrong: press('call-profile'),
      why: /^200: \/api\/profile is open/,
      right: press('call-admin'),
      passes: /^403: .*role is "user", not "admin"/,
    },
    {
      wrong: press('call-admin'),
      why: /token is still valid/,
      right: async (l) => {
        l.page.token = l.page.token.slice(0, -2) + (l.page.token.endsWith('AA') ? 'BB' : 'AA');
        await l.press('call-admin');
      },
      passes: /^401: The signature does not match/,
    },
    {
      wrong: press('call-profile'),
      why: /profile:read allows/,
      right: press('post-order'),
      passes: /insufficient_scope", scope="orders:write"/,
    },
  ],
  refresh: [
    {
      wrong: async () => undefined,
      why: /./,
      right: press('login'),
      passes: /^200 with an access token/,
    },
    {
      wrong: press('call'),
      why: /still inside its 5 minutes/,
      right: press('wait', 'call'),
      passes: /^401: exp: Expired/,
    },
    {
      wrong: press('call'),
      why: /without refreshing/,
      right: press('refresh'),
      passes: /refresh token was replaced/,
    },
    {
      wrong: press('refresh'),
      why: /normal rotation/,
      right: press('replay'),
      passes: /reuse detected, family-\d+ revoked/,
    },
  ],
  stateful: [
    {
      wrong: press('call'),
      why: /called before logging out/,
      right: press('logout', 'call'),
      passes: /^200 after logout/,
    },
    {
      wrong: press('session-login', 'session-call'),
      why: /session still exists/,
      right: press('session-logout', 'session-call'),
      passes: /^401: no such session/,
    },
  ],
  revocation: [
    {
      wrong: press('call'),
      why: /not on the denylist yet/,
      right: press('revoke', 'call'),
      passes: /found on the denylist/,
    },
    {
      wrong: press('call'),
      why: /Still refused by the denylist entry/,
      right: press('wait', 'call'),
      passes: /denylist dropped its entry/,
    },
    {
      wrong: press('introspect'),
      why: /still good/,
      right: press('revoke', 'introspect'),
      passes: /^\{"active": false\}/,
    },
  ],
  storage: [
    {
      wrong: async (l) => {
        await l.press('store-cookie');
        l.report(null);
      },
      why: /found no token/,
      right: async (l) => {
        const r = await l.press('store-local');
        l.report(r.frame!.token);
      },
      passes: /read the token from localStorage/,
    },
    {
      wrong: async (l) => {
        const r = await l.press('store-localStorage'.replace('localStorage', 'local'));
        l.report(r.frame!.token);
      },
      why: /that was localStorage/,
      right: async (l) => {
        await l.press('store-cookie');
        l.report(null);
      },
      passes: /never shown to scripts/,
    },
  ],
  'claims-pyjwt': [
    {
      wrong: press('decode'),
      why: /^MissingRequiredClaimError: /,
      right: async (l) => {
        await l.editPayload((c) => {
          c.sub = 'alice';
        });
        await l.press('decode');
      },
      passes: /"sub" is there now/,
    },
    {
      wrong: press('decode'),
      why: /^ExpiredSignatureError: exp: Expired/,
      right: async (l) => {
        l.page.leeway = 3600;
        await l.press('decode');
        expect(l.verdict.why).toMatch(/leeway=3600 would accept/);
        l.page.leeway = 30;
        await l.press('decode');
      },
      passes: /^200 with leeway=30/,
    },
    {
      wrong: press('decode'),
      why: /^InvalidAudienceError: aud: /,
      right: async (l) => {
        await l.editPayload((c) => {
          c.aud = 'https://reports.course.example';
        });
        await l.press('decode');
      },
      passes: /one of the audiences/,
    },
    {
      wrong: press('decode'),
      why: /without looking at "iss"/,
      right: async (l) => {
        l.page.expectedIssuer = 'https://auth.course.example';
        await l.press('decode');
      },
      passes: /compared "iss"/,
    },
    {
      wrong: press('call-globex'),
      why: /mallory\u2019s own tenant/,
      right: press('call-acme'),
      passes: /^403: decode passed, then tenant claim "globex" is not "acme"/,
    },
  ],
  'key-management': [
    {
      wrong: press('use-secret'),
      why: /"secret" is 6 bytes/,
      right: async (l) => {
        l.page.key = 'k3J9-qZ_x81mWv0TsaLpY4rNbH2cE7uD';
        await l.press('use-secret');
      },
      passes: /^32 bytes/,
    },
    {
      wrong: press('rotate', 'call-old'),
      why: /old key is still accepted/,
      right: press('retire', 'call-old'),
      passes: /no accepted key has kid "hs-1"/,
    },
    {
      wrong: press('fetch-jwks'),
      why: /JWKS is empty/,
      right: press('switch-rs256', 'fetch-jwks'),
      passes: /^1 public key/,
    },
  ],
  'oidc-sso': [
    {
      wrong: press('jwks'),
      why: /guessed URL/,
      right: press('discover', 'jwks'),
      passes: /jwks_uri that discovery named/,
    },
    {
      wrong: press('sign-in', 'call-access'),
      why: /that was the access token/,
      right: press('call-id'),
      passes: /^401: aud: Meant for "course-web"/,
    },
    {
      wrong: press('accept-fresh'),
      why: /rightly accepted/,
      right: press('accept-replayed'),
      passes: /another sign-in\u2019s nonce/,
    },
  ],
  encrypt: [
    {
      wrong: press('proxy-send'),
      why: /proxy logged the claims/,
      right: press('encrypt', 'proxy-send'),
      passes: /API decrypted it/,
    },
    {
      wrong: press('give-public'),
      why: /cannot decrypt/,
      right: press('give-private'),
      passes: /opens the JWE/,
    },
  ],
};

describe('the course', () => {
  it('links each lesson to a framework snippet configured as its server is', () => {
    const languages = new Set<string>();
    for (const lesson of COURSE) {
      const snippet = lessonSnippet(
        lesson,
        'https://auth.course.example',
        'https://api.course.example',
      );
      languages.add(snippet.label);
      expect(snippet.code).toContain('https://api.course.example');
      expect(snippet.note.length).toBeGreaterThan(20);
    }
    expect([...languages].sort()).toEqual([
      'Python (Django, simplejwt)',
      'Python (FastAPI route)',
      'Python (Flask route)',
    ]);
  });

  it('lists exactly its lessons in the catalogue the lessons panel shows', () => {
    expect(COURSE_CATALOGUE).toEqual(
      COURSE.map(({ id, title, summary }) => ({ id, title, summary })),
    );
  });

  it('has the ten lessons of the UI contract, in order, each step with a task and at least one action', () => {
    expect(COURSE.map((l) => l.id)).toEqual([
      'delivery',
      'authz',
      'refresh',
      'stateful',
      'revocation',
      'storage',
      'claims-pyjwt',
      'key-management',
      'oidc-sso',
      'encrypt',
    ]);
    for (const lesson of COURSE) {
      expect(PLANS[lesson.id]).toHaveLength(lesson.steps.length);
      for (const step of lesson.steps) {
        expect(step.actions.length).toBeGreaterThan(0);
        expect(`${step.text}${step.task}`).not.toMatch(/<[a-z]/i);
      }
    }
  });
});

describe.each(COURSE.map((l) => [l.id] as const))('lesson %s', (id) => {
  it(
    'each step is pending at first, fails on the wrong action, passes on the right one',
    { timeout: 30_000 },
    async () => {
      const learner = new Learner(id);
      for (const [index, plan] of PLANS[id]!.entries()) {
        await learner.open(index);
        expect(learner.verdict.status, `step ${index + 1} before acting`).toBe('pending');
        await plan.wrong(learner);
        if (learner.attempts.length) {
          expect(learner.verdict, `step ${index + 1} wrong`).toMatchObject({
            status: 'failed',
            why: expect.stringMatching(plan.why),
          });
        }
        await plan.right(learner);
        expect(learner.verdict, `step ${index + 1} right`).toMatchObject({
          status: 'passed',
          why: expect.stringMatching(plan.passes),
        });
      }
      // Every request left a log line with a status and what was checked.
      for (const line of learner.ctx.server.log)
        expect(logText(line)).toMatch(/^(GET|POST) \/\S+.* → \d+/);
    },
  );
});
