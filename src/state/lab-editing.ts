/**
 * Editing the token through its parts: the header and payload editors, the
 * detached payload, the output form, "sign then encrypt", a new key. Each
 * edit re-signs (or re-encrypts) the token with the key in the box; a re-sign
 * that finishes after a newer change of the token is dropped. What the lab
 * keeps private (where the token came from, the edit count) is handed in as
 * `own`.
 */
import {
  asksForEncryption,
  editorsForNewKey,
  resign as resignToken,
  sdJwtOf,
  signatureMembers,
  type Edit,
  type OutputForm,
} from '../lib';
import type { Lab } from './lab.svelte';
import type { LabPrivate } from './lab-private.svelte';

/** The person gave the payload of a detached JWS: the signature is checked over it. */
export function setDetachedPayload(lab: Lab, text: string): void {
  lab.detachedPayload = text;
  lab.payloadText = lab.report.editors.payload;
}

/** The person chose the form to write the token in: write it so now. */
export function setOutputForm(lab: Lab, own: LabPrivate, form: OutputForm): void {
  lab.outputForm = form;
  void resign(lab, own);
}

/** The person edited the header JSON: re-sign. */
export function setHeader(lab: Lab, own: LabPrivate, text: string): void {
  lab.headerText = text;
  own.editorsAwaitFinder = false;
  void resign(lab, own);
}

/** The person edited the payload JSON: re-sign. */
export function setPayload(lab: Lab, own: LabPrivate, text: string): void {
  lab.payloadText = text;
  own.editorsAwaitFinder = false;
  void resign(lab, own);
}

/** Tick "sign then encrypt": rebuild the JWE so the token matches the choice. */
export function setSignThenEncrypt(lab: Lab, own: LabPrivate, on: boolean): void {
  lab.signThenEncrypt = on;
  if (asksForEncryption(lab.headerText)) void resign(lab, own);
}

/** A new key for `alg` is in the key box: the header names it, and the token is re-signed. */
export function useNewKey(lab: Lab, own: LabPrivate, alg: string): void {
  const edited = editorsForNewKey(lab.headerText, lab.payloadText, alg);
  lab.payloadText = edited.payloadText;
  setHeader(lab, own, edited.headerText);
}

/** What a JSON output keeps of the token as it stands: its form, unprotected header, signature count. */
function jsonEdit(
  lab: Lab,
): Pick<
  Edit,
  | 'outputForm'
  | 'unprotectedHeader'
  | 'signatureCount'
  | 'otherSignatures'
  | 'payloadMember'
  | 'jweUnprotected'
  | 'jweJson'
> {
  const view = lab.report.view;
  // A JSON JWE's header editor holds its protected part only; once the page wrote it compact, its header.
  if (view?.form === 'compact-jwe')
    return { outputForm: lab.outputForm, jweUnprotected: view.token.header };
  if (view?.form === 'json-jwe') {
    const jwe = lab.report.jwe;
    const opened = jwe && 'recipients' in jwe ? jwe.recipients?.find((r) => r.opened) : undefined;
    const recipient = view.token.recipients[(opened?.index ?? 1) - 1]!;
    return {
      outputForm: lab.outputForm,
      jweJson: {
        ...(view.token.unprotected ? { unprotected: view.token.unprotected } : {}),
        ...(recipient.header ? { recipientHeader: recipient.header } : {}),
        ...(view.token.aad !== undefined ? { aad: view.token.aad } : {}),
        recipientCount: view.token.recipients.length,
      },
    };
  }
  const json = view?.form === 'json-jws-general' || view?.form === 'json-jws-flattened';
  const first = json ? view.token.signatures[0] : undefined;
  return {
    outputForm: lab.outputForm,
    ...(first?.unprotectedHeader ? { unprotectedHeader: first.unprotectedHeader } : {}),
    ...(json
      ? {
          signatureCount: view.token.signatures.length,
          otherSignatures: view.token.signatures.slice(1).map(signatureMembers),
          ...(view.token.payloadMember !== undefined
            ? { payloadMember: view.token.payloadMember }
            : {}),
        }
      : {}),
  };
}

async function resign(lab: Lab, own: LabPrivate): Promise<void> {
  const sequence = ++own.signSequence;
  const keys = lab.keys;
  const inner = lab.report.jwe?.inner;
  const found = lab.report.found;
  const sd = sdJwtOf(lab.report.view);
  lab.editError = undefined;
  if (asksForEncryption(lab.headerText)) lab.signNote = 'Loading the encryption engine…';
  const result = await resignToken(
    {
      headerText: lab.headerText,
      payloadText: lab.payloadText,
      // A token found in a larger text keeps its own signature, not the text's; an SD-JWT
      // (in JSON too, RFC 9901 §8) its disclosures, written compact.
      tokenText: sd
        ? sd.parts.presentation + (sd.parts.kbJwt ?? '')
        : found
          ? found.tokens[found.chosen]!.text
          : lab.tokenText,
      signThenEncrypt: lab.signThenEncrypt,
      ...(inner ? { innerHeader: inner.token.header } : {}),
      // An emptied payload makes header..signature too: only a given payload keeps it detached.
      payload: {
        form: lab.payloadEditForm,
        detached: lab.jws?.detached === true && lab.detachedPayload !== '',
      },
      ...jsonEdit(lab),
    },
    keys,
    lab.resolver,
  );
  if (sequence !== own.signSequence) return;
  if (!result.ok) {
    lab.editError = result.error;
    return;
  }
  if (result.detachedPayload !== undefined) lab.detachedPayload = result.detachedPayload;
  if (result.token !== undefined) {
    // The new token stands alone in the editor: a text it was found in is replaced.
    own.tokenFrom = 'page';
    lab.tokenText = result.token;
    own.chosen = 0;
    // The demo key goes on judging what it signed itself.
    if (keys.from === 'sample' && own.sample) own.sample = { ...own.sample, token: result.token };
  }
  lab.signNote = result.note;
}
