/**
 * What `Lab` keeps from the components: where the texts in the token and key
 * boxes came from, which token found in the text is shown, and which edit is
 * the latest. Lab holds it in a private field and hands it only to the
 * modules it delegates to (lab-loading, lab-editing, lab-background).
 */
import type { KeyInput, LinkState, Origin, SecretEncoding } from '../lib';

export class LabPrivate {
  /** Who put the text in the token box: the person, a link, the sample, or the page's re-sign. */
  tokenFrom = $state<Origin>('person');
  /** Which of the tokens found in the text is decoded (from 0): reset when the text changes. */
  chosen = $state(0);
  /** What a link opened in this page set besides the token (a link is someone else's say). */
  link = $state.raw<LinkState | undefined>(undefined);
  /** The demo key and the last token it signed, while the key box holds it untouched. */
  sample = $state.raw<{ key: string; token: string } | undefined>(undefined);
  /** Counts the token's changes: a re-sign that finishes after a newer one is dropped. */
  signSequence = 0;
  /** The editors were filled before the finder had looked in the text: fill them when it has. */
  editorsAwaitFinder = false;

  /** Whose the key in the box is: the link's or the sample's while it still holds theirs untouched. */
  keyFrom(text: string, encoding: SecretEncoding): KeyInput['from'] {
    if (this.link?.key !== undefined && text === this.link.key) return 'link';
    if (this.sample && text === this.sample.key && encoding === 'utf8') return 'sample';
    return 'person';
  }
}
