/** Findings about where the key came from, rather than what it is. */
import type { Detector } from './types';

/** A token verified with a key that a link carried along with it (RFC 8725 §3.10's reasoning). */
export const originFindings: Detector = (input) =>
  input.keyFrom === 'link' && input.signatureStatus === 'verified'
    ? [
        {
          id: 'key-from-link',
          severity: 'high',
          message:
            "The signature was checked with the key the link carried, not a key you chose: the link's author picked both, so the check proves nothing about who signed the token.",
          location: { part: 'signature' },
        },
      ]
    : [];
