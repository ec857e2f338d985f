/**
 * The findings of the last check, kept while their inputs stay the same: the
 * second check of a keystroke (with the verdicts) asks again with the same
 * inputs, and the findings engine is made once per engine module.
 */
import type { Result } from '../errors';
import type { DecodedToken } from '../jws/decode';
import type { ParsedKey } from '../keys/parse';
import type { ChainVerdict } from '../keys/x509/judge';
import type { Finding, FindingsInput } from '../findings/types';
import type { CheckTools, KeyInput, Settings } from './types';

export class FindingsCache {
  #finder:
    | { engine: NonNullable<CheckTools['findings']>; find: (input: FindingsInput) => Finding[] }
    | undefined;
  #last: { inputs: unknown[]; findings: Finding[] } | undefined;

  /** The findings for these inputs; `signatureStatus` only for a key from a link. */
  of(
    token: DecodedToken,
    parsedKey: Result<ParsedKey>,
    keys: KeyInput,
    settings: Settings,
    tools: CheckTools,
    signatureStatus: string | undefined,
    chain?: ChainVerdict,
    json?: FindingsInput['json'],
  ): Finding[] {
    const engine = tools.findings!;
    // The second check of a keystroke (with the verdicts) asks again with the same inputs.
    const inputs = [
      engine,
      token,
      parsedKey,
      keys.text,
      keys.encoding,
      settings,
      tools.weakSecrets,
      chain?.status,
      chain?.from,
      json,
    ];
    const last = this.#last;
    if (last && inputs.every((value, i) => value === last.inputs[i])) return last.findings;
    if (this.#finder?.engine !== engine) this.#finder = { engine, find: engine.findingsFinder() };
    const findings = this.#finder.find({
      decoded: token,
      keyText: keys.text,
      parsedKey,
      secretEncoding: keys.encoding,
      now: settings.now,
      leeway: settings.leeway,
      keyFrom: keys.from,
      ...(signatureStatus ? { signatureStatus } : {}),
      ...(json ? { json } : {}),
      ...(tools.weakSecrets ? { weakSecrets: tools.weakSecrets } : {}),
      ...(chain ? { chain: { status: chain.status, from: chain.from } } : {}),
    });
    this.#last = { inputs, findings };
    return findings;
  }
}
