/** The JWT Lab engine: framework-free, DOM-free, unit-tested in node. */
export * from './errors';
export * from './algorithms';
export * from './json';
export * from './decode';
export * from './claims';
export * from './verify';
export * from './sign';
export * from './keys/parse';
export * from './keys/fit';
export * from './keys/secret';
export * from './keys/resolve';
export * from './example-list';
export * from './keys/webcrypto';
