import { describe, expect, it } from 'vitest';
import { frameMessage, storageFrameDocument } from '../../../src/lib/course/storage-frame';

describe('the storage demo frame', () => {
  it('gets its own strict policy and loads only the demo script, with no token in it', () => {
    const doc = storageFrameDocument('http://127.0.0.1:4173/course-storage-demo.js');
    expect(doc).toContain(
      `content="default-src 'none'; script-src http://127.0.0.1:4173/course-storage-demo.js; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"`,
    );
    expect(doc.match(/<script/g)).toHaveLength(1);
    expect(doc).toContain('<script src="http://127.0.0.1:4173/course-storage-demo.js"></script>');
  });

  it.each(['javascript:alert(1)', 'http://a.example/x.js" onload="x', 'data:text/javascript,1'])(
    'refuses a script URL that is not plain http(s): %s',
    (url) => {
      expect(() => storageFrameDocument(url)).toThrow(TypeError);
    },
  );

  it.each([
    [{ type: 'storage-demo-ready' }, { type: 'storage-demo-ready' }],
    [
      { type: 'storage-demo-report', stolen: 'eyJ.a.b' },
      { type: 'storage-demo-report', stolen: 'eyJ.a.b' },
    ],
    [
      { type: 'storage-demo-report', stolen: null },
      { type: 'storage-demo-report', stolen: null },
    ],
    [{ type: 'storage-demo-report', stolen: 42 }, undefined],
    [{ type: 'storage-demo-report', stolen: 'x'.repeat(20001) }, undefined],
    [{ type: 'other' }, undefined],
    ['storage-demo-ready', undefined],
    [null, undefined],
  ])('reads %j as %j', (data, expected) => {
    expect(frameMessage(data)).toEqual(expected);
  });
});
