/**
 * framedByAnotherOrigin on windows as browsers present them: Chromium and
 * Safari list the ancestors' origins, Firefox does not, and reading another
 * origin's address throws. The page itself is tested in tests/e2e/framing.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { framedByAnotherOrigin, type FrameView } from '../../src/framing';

const ORIGIN = 'https://jwt-lab.example';
const readable = { location: { href: `${ORIGIN}/wrapper.html` } };
const foreign = {
  get location(): { href: string } {
    throw new DOMException('Blocked a frame with origin', 'SecurityError');
  },
};

function view(top: FrameView['top'] | 'self', ancestorOrigins?: string[]): FrameView {
  const self = {};
  return {
    self,
    top: top === 'self' ? (self as FrameView['top']) : top,
    location: ancestorOrigins ? { origin: ORIGIN, ancestorOrigins } : { origin: ORIGIN },
  };
}

describe('framedByAnotherOrigin', () => {
  it.each([
    ['a top-level page', view('self'), false],
    ['a frame in a page of its own origin (Chromium)', view(readable, [ORIGIN]), false],
    ['a frame in a page of its own origin (Firefox)', view(readable), false],
    ['a frame in another site (Chromium)', view(foreign, ['https://evil.example']), true],
    ['a frame in another site (Firefox)', view(foreign), true],
    [
      'a frame in its own origin inside another site',
      view(readable, [ORIGIN, 'https://evil.example']),
      true,
    ],
    ['a frame in a sandboxed page (opaque origin)', view(foreign, ['null']), true],
  ])('%s', (_, frame, framed) => {
    expect(framedByAnotherOrigin(frame)).toBe(framed);
  });
});
