/**
 * The handful of example secrets seen most often in tutorials and
 * documentation, small enough to ship with the first screen. The long list is
 * in weak-secrets.ts and loads on demand.
 */

/** The most common example HMAC secrets, lower case. */
export const COMMON_SECRETS: ReadonlySet<string> = new Set([
  'secret',
  'your-256-bit-secret',
  'your-384-bit-secret',
  'your-512-bit-secret',
  'your-secret-key',
  'your_secret_key',
  'yoursecretkey',
  'secretkey',
  'secret_key',
  'secret-key',
  'mysecret',
  'mysecretkey',
  'my_secret_key',
  'jwt_secret',
  'jwtsecret',
  'changeme',
  'password',
  'shhhhh',
  'keyboard cat',
  'supersecret',
]);
