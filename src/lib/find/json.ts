/**
 * JSON at any depth: every string (with its member path) and every JWS or
 * JWE in JSON serialization (RFC 7515 §7.2, RFC 7516 §7.2), which is found
 * whole and not looked into. The walk uses a stack of its own, so nesting
 * 100,000 deep costs memory, not the call stack.
 */
import { readJoseHeader } from './compact';

/** A member name or array index on the way down from the root, linked to its parent. */
export interface JsonStep {
  parent?: JsonStep;
  key: string | number;
}

/** What the walk met: a string, or an object that is a JOSE JSON serialization. */
export type JsonVisit =
  | { string: string; at: JsonStep | undefined }
  | { jose: 'json-jws' | 'json-jwe'; object: Record<string, unknown>; at: JsonStep | undefined };

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether an object is a JWS or JWE in JSON serialization (general or flattened). */
export function joseJsonKind(v: Obj): 'json-jws' | 'json-jwe' | undefined {
  if (v.payload !== undefined && typeof v.payload !== 'string') return undefined;
  const general =
    Array.isArray(v.signatures) &&
    v.signatures.length > 0 &&
    v.signatures.every((s) => isObject(s) && typeof s.signature === 'string');
  const flattened =
    typeof v.signature === 'string' && (typeof v.protected === 'string' || isObject(v.header));
  if (general || flattened) return 'json-jws';
  if (
    typeof v.ciphertext === 'string' &&
    (typeof v.iv === 'string' || typeof v.protected === 'string')
  )
    return 'json-jwe';
  return undefined;
}

/** The `alg` of a JSON serialization's first signature or recipient, protected header first. */
export function joseJsonAlg(v: Obj): string | undefined {
  const first = (list: unknown) => (Array.isArray(list) && isObject(list[0]) ? list[0] : undefined);
  for (const holder of [v, first(v.signatures), first(v.recipients)]) {
    if (!holder) continue;
    const prot =
      typeof holder.protected === 'string' ? readJoseHeader(holder.protected) : undefined;
    if (prot) return prot.alg;
    if (isObject(holder.header) && typeof holder.header.alg === 'string') return holder.header.alg;
  }
  return undefined;
}

/** Visit every string and JOSE JSON serialization in `root`, in document order. */
export function* walkJson(root: unknown): Generator<JsonVisit> {
  const stack: { value: unknown; at: JsonStep | undefined }[] = [{ value: root, at: undefined }];
  while (stack.length) {
    const { value, at } = stack.pop()!;
    if (typeof value === 'string') {
      yield { string: value, at };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], at: { parent: at, key: i } });
    } else if (isObject(value)) {
      const jose = joseJsonKind(value);
      if (jose) {
        yield { jose, object: value, at };
        continue;
      }
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push({ value: value[keys[i]!], at: { parent: at, key: keys[i]! } });
    }
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** JSONPath of a step: `$.tokens[0].id_token`, names that are not identifiers bracketed. */
export function jsonPath(at: JsonStep | undefined): string {
  const keys: (string | number)[] = [];
  for (let s = at; s; s = s.parent) keys.push(s.key);
  let path = '$';
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    path +=
      typeof k === 'number' ? `[${k}]` : IDENTIFIER.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
  }
  return path;
}

/** How to name a place in JSON: `"id_token" in a JSON object (path $.id_token)`. */
export function jsonPhrase(at: JsonStep | undefined): string {
  const path = jsonPath(at);
  if (!at) return `the JSON text (path ${path})`;
  return typeof at.key === 'number'
    ? `item ${at.key + 1} of a JSON array (path ${path})`
    : `${JSON.stringify(at.key)} in a JSON object (path ${path})`;
}
