/** Words the page shows beside a DPoP proof's checks: a module of its own, so the panel loads no crypto. */

/** Why checking a DPoP proof with the key it carries is right, and not the embedded-jwk attack. */
export const DPOP_OWN_KEY =
  'A DPoP proof is checked with the key in its own "jwk" header, as RFC 9449 §4.3 says. That is not the embedded-jwk attack: the key is not trusted to say who anyone is. The proof only shows that the sender holds the private half of that key; trust comes from the access token, whose issuer bound it to the key\'s thumbprint ("cnf.jkt"). A stolen access token is useless without that private key.';
