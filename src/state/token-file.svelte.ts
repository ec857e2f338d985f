/**
 * A file dropped on the token editor (a HAR export, a saved response, a
 * log): checked by name and size before it is read, then put in the editor
 * as if pasted, so the token finder looks inside it.
 */
import { checkTokenFile, messageOf } from '../lib';
import { lab } from './lab.svelte';

class TokenFile {
  /** What became of the last file dropped: read, or why not. */
  note = $state('');
  refused = $state(false);

  /** Read `file` into the token editor, unless it is not a text file or is too large. */
  async read(file: File): Promise<void> {
    const checked = checkTokenFile(file.name, file.size);
    this.refused = !checked.ok;
    if (!checked.ok) {
      this.note = checked.error.message;
      return;
    }
    try {
      const text = (await file.text()).replace(/^\uFEFF/, '');
      lab.setToken(text);
      this.note = `Read "${file.name}" (${text.length.toLocaleString('en')} characters).`;
    } catch (cause) {
      this.refused = true;
      this.note = `"${file.name}" could not be read: ${messageOf(cause)}`;
    }
  }

  /** The editor changed otherwise: the note is about an earlier text. */
  clear(): void {
    this.note = '';
    this.refused = false;
  }
}

/** The page's one dropped-file state. */
export const tokenFile = new TokenFile();
