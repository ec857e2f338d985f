/** The shapes of the attack workbench: what goes in, what each variant is. */

/** What the variants are made from, as the person typed it. */
export interface AttackInput {
  /** The compact JWS to attack. */
  token: string;
  /** The server's public key, in any form the key editor reads (PEM, JWK, JWKS); may be empty. */
  publicKey?: string;
  /** The attacker's URL, for `jku` and `x5u`; may be empty. */
  url?: string;
  /** A secret the attacker knows, for re-signing tampered claims; may be empty. */
  secret?: string;
  /** Seconds since the epoch: `exp` is pushed out from here. */
  now: number;
}

/** A file the attacker hosts at the URL a variant points to. */
export interface HostedFile {
  name: string;
  mediaType: string;
  text: string;
}

/** Where a naive server looks up the key a `kid` names. */
export type KidStore = 'files' | 'sql';

/** One forged token and why it might get through. */
export interface AttackVariant {
  /** Stable id: the page's `attack-<id>` hook. */
  id: string;
  title: string;
  /** One line: what was changed and which mistake it exploits. */
  explanation: string;
  /** The CVE or RFC section it comes from. */
  reference: string;
  token: string;
  /** What to host at the attacker URL for this variant to work. */
  files?: HostedFile[];
  /** How the naive verifier should resolve this variant's `kid`. */
  kidStore?: KidStore;
}

/** One verifier's answer about a variant. */
export interface VariantVerdict {
  accepted: boolean;
  /** A short word: `verified`, `invalid`, `unsigned` … or `accepted` / `refused`. */
  status: string;
  message: string;
}

/** A variant with what the page's correct verifier and the naive verifier say. */
export interface JudgedVariant extends AttackVariant {
  page: VariantVerdict;
  naive: VariantVerdict;
}
