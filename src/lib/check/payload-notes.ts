/**
 * What the page says about how a JWS carries its payload: unencoded
 * (RFC 7797), detached, or attached in a way only a lenient reader accepts.
 */
import type { DecodedJws } from '../jws/decode';
import { scanJson } from '../json/scan';

/** Sentences for the report's notes about the payload's encoding and place. */
export function payloadNotes(token: DecodedJws): string[] {
  const notes: string[] = [];
  if (token.unencoded)
    notes.push(
      'RFC 7797: "b64": false, so the payload is signed as it stands, not base64url-encoded.',
    );
  if (token.detached)
    notes.push(
      'The payload is detached (header..signature): the signature is checked over the payload in the detached payload field.',
    );
  else if (token.unencoded && token.payloadText.includes('.'))
    notes.push(
      'The unencoded payload holds a ".", which RFC 7797 §5.2 forbids in the compact form: it is read here as everything between the first and the last dot, but other libraries refuse such a token. Send it detached (header..signature) instead.',
    );
  const first = token.payloadText.trimStart()[0];
  if (token.payloadForm === 'text' && (first === '{' || first === '[')) {
    // It was probably meant as claims: say where the JSON breaks.
    const scan = scanJson(token.payloadText);
    if (!scan.ok)
      notes.push(
        `The payload looks like JSON but is not (${scan.error.message} at line ${scan.error.line}, column ${scan.error.column}), so it is read as text: a JWT library would refuse it.`,
      );
  }
  return notes;
}
