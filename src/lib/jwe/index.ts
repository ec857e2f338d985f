/** The JWE engine, loaded on demand: decrypt, open nested JWTs, encrypt. */
export * from './algorithms';
export * from './keys';
export * from './decrypt';
export * from './open';
export * from './encrypt';
export * from './json-serialization';
