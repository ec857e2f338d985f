/** Findings about where the key came from, rather than what it is. */
import type { Detector, Finding } from './types';

/** A token verified with a key that a link carried along with it (RFC 8725 §3.10's reasoning). */
export const originFindings: Detector = (input, key) => [
  ...linkFindings(input, key),
  ...chainFindings(input, key),
];

const STATUS_WORDS = {
  untrusted: 'no trust anchor you gave validates it',
  expired: 'a certificate in it is outside its validity at the judged moment',
  invalid: 'a signature or link in it fails, or it is malformed',
} as const;

/** An x5c chain no trust anchor validates (RFC 7515 §4.1.6, RFC 5280 §6). */
const chainFindings: Detector = ({ chain }): Finding[] => {
  if (!chain || chain.status === 'trusted') return [];
  const whose =
    chain.from === 'header'
      ? "The token's x5c chain is not trusted"
      : 'The key in the key box came with an x5c chain that is not trusted';
  return [
    {
      id: 'x5c-untrusted',
      severity: 'medium',
      message: `${whose}: ${STATUS_WORDS[chain.status]}. A verifier that takes the key from x5c without validating the chain accepts a token from anyone.`,
      ...(chain.from === 'header' ? { location: { part: 'header', member: 'x5c' } } : {}),
    },
  ];
};

const linkFindings: Detector = (input) =>
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
