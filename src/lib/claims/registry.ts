/**
 * What each claim and header parameter means, in plain words, with its
 * source. Sources: IANA "JSON Web Token Claims" and "JSON Web Signature and
 * Encryption Header Parameters" registries; RFC 7519 §4.1, RFC 7515 §4.1,
 * RFC 7516 §4.1, OpenID Connect Core 1.0 §2 and §5.1, RFC 9068 §2.2,
 * RFC 8693 §4, RFC 7800 §3.
 */

/** One registered name and its meaning. */
export interface RegistryEntry {
  name: string;
  /** A few words: "Expiration time". */
  title: string;
  /** One plain sentence a learner understands. */
  meaning: string;
  /** Where it is defined. */
  spec: string;
  /** A link to the definition. */
  url: string;
  /** True for NumericDate values (seconds since 1970). */
  time?: boolean;
}

const RFC7519 = 'https://www.rfc-editor.org/rfc/rfc7519';
const OIDC = 'https://openid.net/specs/openid-connect-core-1_0.html';
const RFC9068 = 'https://www.rfc-editor.org/rfc/rfc9068';
const RFC7515 = 'https://www.rfc-editor.org/rfc/rfc7515';
const RFC7516 = 'https://www.rfc-editor.org/rfc/rfc7516';

const claim = (
  name: string,
  title: string,
  meaning: string,
  spec: string,
  url: string,
  time = false,
): RegistryEntry => ({
  name,
  title,
  meaning,
  spec,
  url,
  ...(time ? { time } : {}),
});

/** Registered and common claims. */
export const CLAIMS: readonly RegistryEntry[] = [
  claim(
    'iss',
    'Issuer',
    'Who created and signed the token; compare it exactly with the issuer you trust.',
    'RFC 7519 §4.1.1',
    `${RFC7519}#section-4.1.1`,
  ),
  claim(
    'sub',
    'Subject',
    'Whom the token is about, usually a user id, unique within the issuer.',
    'RFC 7519 §4.1.2',
    `${RFC7519}#section-4.1.2`,
  ),
  claim(
    'aud',
    'Audience',
    'Who the token is meant for; a service must reject tokens not meant for it.',
    'RFC 7519 §4.1.3',
    `${RFC7519}#section-4.1.3`,
  ),
  claim(
    'exp',
    'Expiration time',
    'The moment after which the token must be rejected.',
    'RFC 7519 §4.1.4',
    `${RFC7519}#section-4.1.4`,
    true,
  ),
  claim(
    'nbf',
    'Not before',
    'The moment before which the token must be rejected.',
    'RFC 7519 §4.1.5',
    `${RFC7519}#section-4.1.5`,
    true,
  ),
  claim(
    'iat',
    'Issued at',
    'When the token was made; tells its age.',
    'RFC 7519 §4.1.6',
    `${RFC7519}#section-4.1.6`,
    true,
  ),
  claim(
    'jti',
    'JWT ID',
    'A unique id for this token, so a server can refuse to accept it twice.',
    'RFC 7519 §4.1.7',
    `${RFC7519}#section-4.1.7`,
  ),
  claim(
    'name',
    'Full name',
    "The person's full name, for display.",
    'OIDC Core §5.1',
    `${OIDC}#StandardClaims`,
  ),
  claim('given_name', 'Given name', 'First name(s).', 'OIDC Core §5.1', `${OIDC}#StandardClaims`),
  claim('family_name', 'Family name', 'Surname(s).', 'OIDC Core §5.1', `${OIDC}#StandardClaims`),
  claim(
    'preferred_username',
    'Preferred username',
    'A shorthand name; not unique and not stable, so never use it as an id.',
    'OIDC Core §5.1',
    `${OIDC}#StandardClaims`,
  ),
  claim(
    'email',
    'Email',
    "The person's email address; trust it only with email_verified.",
    'OIDC Core §5.1',
    `${OIDC}#StandardClaims`,
  ),
  claim(
    'email_verified',
    'Email verified',
    'True when the provider has checked that the person controls the email address.',
    'OIDC Core §5.1',
    `${OIDC}#StandardClaims`,
  ),
  claim(
    'picture',
    'Picture',
    'A URL of a profile picture.',
    'OIDC Core §5.1',
    `${OIDC}#StandardClaims`,
  ),
  claim(
    'locale',
    'Locale',
    'The person’s language and region, such as en-GB.',
    'OIDC Core §5.1',
    `${OIDC}#StandardClaims`,
  ),
  claim(
    'updated_at',
    'Updated at',
    'When the profile information last changed.',
    'OIDC Core §5.1',
    `${OIDC}#StandardClaims`,
    true,
  ),
  claim(
    'auth_time',
    'Authentication time',
    'When the person actually logged in (not when the token was made).',
    'OIDC Core §2',
    `${OIDC}#IDToken`,
    true,
  ),
  claim(
    'nonce',
    'Nonce',
    'A value from the login request, echoed back to stop replayed ID tokens; the client must compare it.',
    'OIDC Core §2',
    `${OIDC}#IDToken`,
  ),
  claim(
    'azp',
    'Authorized party',
    'The client the ID token was issued to, when it differs from the audience.',
    'OIDC Core §2',
    `${OIDC}#IDToken`,
  ),
  claim(
    'at_hash',
    'Access token hash',
    'A hash binding the ID token to the access token issued with it.',
    'OIDC Core §3.1.3.6',
    `${OIDC}#CodeIDToken`,
  ),
  claim(
    'c_hash',
    'Code hash',
    'A hash binding the ID token to the authorization code.',
    'OIDC Core §3.3.2.11',
    `${OIDC}#HybridIDToken`,
  ),
  claim(
    'acr',
    'Authentication context',
    'How strongly the person was authenticated.',
    'OIDC Core §2',
    `${OIDC}#IDToken`,
  ),
  claim(
    'amr',
    'Authentication methods',
    'How the person logged in: pwd, otp, mfa, hwk …',
    'OIDC Core §2',
    `${OIDC}#IDToken`,
  ),
  claim(
    'sid',
    'Session id',
    'The login session, used for logout.',
    'OIDC Front-Channel Logout §3',
    'https://openid.net/specs/openid-connect-frontchannel-1_0.html',
  ),
  claim(
    'scope',
    'Scope',
    'What the access token allows, as space-separated scopes.',
    'RFC 9068 §2.2.3',
    `${RFC9068}#section-2.2.3`,
  ),
  claim(
    'client_id',
    'Client id',
    'The OAuth client that requested the access token.',
    'RFC 9068 §2.2',
    `${RFC9068}#section-2.2`,
  ),
  claim(
    'roles',
    'Roles',
    'Roles granted to the subject.',
    'RFC 9068 §2.2.3.1',
    `${RFC9068}#section-2.2.3.1`,
  ),
  claim(
    'groups',
    'Groups',
    'Groups the subject belongs to.',
    'RFC 9068 §2.2.3.1',
    `${RFC9068}#section-2.2.3.1`,
  ),
  claim(
    'entitlements',
    'Entitlements',
    'Individual rights of the subject.',
    'RFC 9068 §2.2.3.1',
    `${RFC9068}#section-2.2.3.1`,
  ),
  claim(
    'act',
    'Actor',
    'Who is acting on behalf of the subject (delegation).',
    'RFC 8693 §4.1',
    'https://www.rfc-editor.org/rfc/rfc8693#section-4.1',
  ),
  claim(
    'may_act',
    'May act',
    'Who is allowed to act on behalf of the subject.',
    'RFC 8693 §4.4',
    'https://www.rfc-editor.org/rfc/rfc8693#section-4.4',
  ),
  claim(
    'cnf',
    'Confirmation',
    'The key the holder must prove possession of (proof-of-possession tokens).',
    'RFC 7800 §3.1',
    'https://www.rfc-editor.org/rfc/rfc7800#section-3.1',
  ),
];

/** Registered header parameters. */
export const HEADER_PARAMETERS: readonly RegistryEntry[] = [
  claim(
    'alg',
    'Algorithm',
    'How the token is signed or its key encrypted. The verifier must decide this, not the token.',
    'RFC 7515 §4.1.1',
    `${RFC7515}#section-4.1.1`,
  ),
  claim(
    'typ',
    'Type',
    'What kind of token this is (JWT, at+jwt …), to stop one kind being accepted as another.',
    'RFC 7515 §4.1.9',
    `${RFC7515}#section-4.1.9`,
  ),
  claim(
    'cty',
    'Content type',
    'What the payload is; "JWT" means a token nested inside.',
    'RFC 7515 §4.1.10',
    `${RFC7515}#section-4.1.10`,
  ),
  claim(
    'kid',
    'Key id',
    'A hint for which key to verify with; attacker-controlled input to a key lookup.',
    'RFC 7515 §4.1.4',
    `${RFC7515}#section-4.1.4`,
  ),
  claim(
    'jku',
    'JWK Set URL',
    'A URL the token claims its key can be fetched from; never trust it blindly.',
    'RFC 7515 §4.1.2',
    `${RFC7515}#section-4.1.2`,
  ),
  claim(
    'jwk',
    'JSON Web Key',
    'A key embedded in the token itself; a token cannot vouch for its own key.',
    'RFC 7515 §4.1.3',
    `${RFC7515}#section-4.1.3`,
  ),
  claim(
    'x5u',
    'X.509 URL',
    'A URL of the certificate chain for the key.',
    'RFC 7515 §4.1.5',
    `${RFC7515}#section-4.1.5`,
  ),
  claim(
    'x5c',
    'X.509 chain',
    'The certificate chain, embedded; only useful when validated against a trusted root.',
    'RFC 7515 §4.1.6',
    `${RFC7515}#section-4.1.6`,
  ),
  claim(
    'x5t',
    'X.509 SHA-1 thumbprint',
    'Identifies the certificate by its SHA-1 hash.',
    'RFC 7515 §4.1.7',
    `${RFC7515}#section-4.1.7`,
  ),
  claim(
    'x5t#S256',
    'X.509 SHA-256 thumbprint',
    'Identifies the certificate by its SHA-256 hash.',
    'RFC 7515 §4.1.8',
    `${RFC7515}#section-4.1.8`,
  ),
  claim(
    'crit',
    'Critical',
    'Extensions the verifier must understand, or reject the token.',
    'RFC 7515 §4.1.11',
    `${RFC7515}#section-4.1.11`,
  ),
  claim(
    'b64',
    'Base64url-encode payload',
    'false means the payload is not encoded; not allowed in a JWT.',
    'RFC 7797 §3',
    'https://www.rfc-editor.org/rfc/rfc7797#section-3',
  ),
  claim(
    'enc',
    'Encryption',
    'The content encryption algorithm of a JWE.',
    'RFC 7516 §4.1.2',
    `${RFC7516}#section-4.1.2`,
  ),
  claim(
    'zip',
    'Compression',
    'The plaintext was compressed before encryption (JWE only).',
    'RFC 7516 §4.1.3',
    `${RFC7516}#section-4.1.3`,
  ),
  claim(
    'epk',
    'Ephemeral public key',
    'The sender’s one-time key for ECDH-ES key agreement.',
    'RFC 7518 §4.6.1.1',
    'https://www.rfc-editor.org/rfc/rfc7518#section-4.6.1.1',
  ),
  claim(
    'p2c',
    'PBES2 count',
    'How many PBKDF2 iterations derive the key from the password.',
    'RFC 7518 §4.8.1.2',
    'https://www.rfc-editor.org/rfc/rfc7518#section-4.8.1.2',
  ),
];

const CLAIM_MAP = new Map(CLAIMS.map((c) => [c.name, c]));

/** The registry entry for a claim name, if it is registered or common. */
export const claimInfo = (name: string): RegistryEntry | undefined => CLAIM_MAP.get(name);
