/**
 * The asynchronous verdicts of a JSON serialization: every signature checked
 * with the key box (one verdict each, and an overall one naming which
 * verified), or the recipients tried until the key opens one. Loaded on
 * demand with jose's JSON functions, when such a token is pasted.
 */
import { verifyJwsJson } from '../jws/json-verify';
import { decryptJweJson } from '../jwe/json-decrypt';
import { viewOfPlaintext, type JweStatus, type JweView } from '../jwe/open';
import type { KeyResolver } from '../keys/resolve';
import type { SignatureVerdict } from '../jws/verify';
import { keyJudgesJson } from './json-view';
import { SAMPLE_KEY_MESSAGE } from './sample-key';
import type { KeyInput, TokenInput, TokenView, Verdicts } from './types';

type JsonView = Extract<
  TokenView,
  { form: 'json-jws-flattened' | 'json-jws-general' | 'json-jwe' }
>;

/** The verdicts of a JSON serialization pasted as `input`, with the keys given. */
export async function jsonVerdicts(
  view: JsonView,
  input: TokenInput,
  keys: KeyInput,
  resolver: KeyResolver,
): Promise<Omit<Verdicts, 'id'>> {
  const judges = keyJudgesJson(keys, input.text);
  const keyText = judges ? keys.text : '';
  if (view.form !== 'json-jwe') {
    const verdict = await verifyJwsJson(view.token, {
      keyText,
      secretEncoding: keys.encoding,
      resolver,
      ...(input.detachedPayload !== undefined ? { detachedPayload: input.detachedPayload } : {}),
    });
    const overall = verdict.overall;
    if (!judges && overall.status === 'needs-key') overall.message = SAMPLE_KEY_MESSAGE;
    return { signature: overall, signatures: verdict.signatures };
  }
  const token = view.token;
  const opened = await decryptJweJson(token, keyText, { secretEncoding: keys.encoding });
  let jwe: JweView;
  if (opened.ok) {
    const { plaintext, keySource, notes, recipient, recipients } = opened.value;
    const which = token.flattened ? '' : ` (recipient ${recipient} of ${token.recipients.length})`;
    jwe = await viewOfPlaintext(
      plaintext,
      { keySource: `${keySource}${which}`, notes, header: token.recipients[recipient - 1]!.joined },
      { keyText, innerKeyText: keys.innerText, secretEncoding: keys.encoding, resolver },
    );
    jwe.recipients = recipients;
  } else {
    const status: JweStatus = opened.error.code === 'ERR_KEY_EMPTY' ? 'needs-key' : 'failed';
    jwe = {
      status,
      message: !judges && status === 'needs-key' ? SAMPLE_KEY_MESSAGE : opened.error.message,
      error: opened.error,
      notes: [],
    };
  }
  const signature: SignatureVerdict = jwe.inner?.verdict ?? { status: 'needs-key', message: '' };
  return { signature, jwe };
}
