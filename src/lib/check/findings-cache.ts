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

/** What the findings of a check depend on. */
interface FindingsInputs {
  engine: NonNullable<CheckTools['findings']>;
  token: DecodedToken;
  parsedKey: Result<ParsedKey>;
  keyText: string;
  encoding: KeyInput['encoding'];
  settings: Settings;
  weakSecrets: CheckTools['weakSecrets'];
  chainStatus: ChainVerdict['status'] | undefined;
  chainFrom: ChainVerdict['from'] | undefined;
  json: FindingsInput['json'];
  /** Only for a key from a link: its verdict is then a finding. */
  signatureStatus: string | undefined;
}

export class FindingsCache {
  #finder:
    | { engine: NonNullable<CheckTools['findings']>; find: (input: FindingsInput) => Finding[] }
    | undefined;
  #last: { inputs: FindingsInputs; findings: Finding[] } | undefined;

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
    // The second check of a keystroke (with the verdicts) asks again with the
    // same inputs: compared one by one, with no list made to compare them.
    const last = this.#last?.inputs;
    if (
      last &&
      last.engine === engine &&
      last.token === token &&
      last.parsedKey === parsedKey &&
      last.keyText === keys.text &&
      last.encoding === keys.encoding &&
      last.settings === settings &&
      last.weakSecrets === tools.weakSecrets &&
      last.chainStatus === chain?.status &&
      last.chainFrom === chain?.from &&
      last.json === json &&
      last.signatureStatus === signatureStatus
    )
      return this.#last!.findings;
    const inputs: FindingsInputs = {
      engine,
      token,
      parsedKey,
      keyText: keys.text,
      encoding: keys.encoding,
      settings,
      weakSecrets: tools.weakSecrets,
      chainStatus: chain?.status,
      chainFrom: chain?.from,
      json,
      signatureStatus,
    };
    if (this.#finder?.engine !== engine) this.#finder = { engine, find: engine.findingsFinder() };
    // Fields set when present, not spread from throwaway objects: one object per keystroke.
    const input: FindingsInput = {
      decoded: token,
      keyText: keys.text,
      parsedKey,
      secretEncoding: keys.encoding,
      now: settings.now,
      leeway: settings.leeway,
      keyFrom: keys.from,
    };
    if (signatureStatus) input.signatureStatus = signatureStatus;
    if (json) input.json = json;
    if (tools.weakSecrets) input.weakSecrets = tools.weakSecrets;
    if (chain) input.chain = { status: chain.status, from: chain.from };
    const findings = this.#finder.find(input);
    this.#last = { inputs, findings };
    return findings;
  }
}
