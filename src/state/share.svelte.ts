/**
 * Share links, redirect fragments and "remember my work on this device", built
 * on `lab`. Nothing is stored and no key leaves the page unless the person
 * asks for it, and secrets or private keys need a second, explicit yes.
 */
import {
  LONG_LINK_CHARS,
  decodeFragment,
  encodeFragment,
  keySensitivity,
  type KeySensitivity,
  type SharedState,
} from '../lib/share/fragment';
import { lab } from './lab.svelte';
import { EXERCISES_KEY, STORAGE_KEY } from './remembered';

/** Why a key is sensitive, in words, for the confirm step. */
const RISK: Record<KeySensitivity, string> = {
  none: '',
  public: '',
  secret:
    'The key is a secret: anyone who has it can sign tokens your service will accept, and it cannot be taken back once shared.',
  private:
    'The key is a private key: anyone who has it can sign tokens your service will accept, and it cannot be taken back once shared.',
};

/** The state as a link or the device would hold it, with or without the key. */
function snapshot(withKey: boolean): SharedState {
  // A token found in a larger text goes alone: the rest (a HAR's cookies, a log) is not the link's.
  const found = lab.report.found;
  return {
    token: (found ? found.tokens[found.chosen]!.text : lab.tokenText).trim(),
    leeway: lab.settings.leeway,
    expectedIssuer: lab.expectedIssuer,
    expectedAudience: lab.expectedAudience,
    ...(withKey && lab.keyText.trim() !== '' ? { key: lab.keyText } : {}),
  };
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: remembering is simply unavailable
  }
}

export class Share {
  /** The `share-include-key` checkbox. */
  includeKey = $state(false);
  /** The key text the person confirmed may go into the link (a changed key needs a new yes). */
  #linkKeyConfirmed = $state<string | undefined>(undefined);

  /** "Remember my work on this device". */
  remember = $state(false);
  /** "Remember the key too". */
  rememberKey = $state(false);
  #storedKeyConfirmed = $state<string | undefined>(undefined);
  /** What happened to storage, in words (a full quota, storage disabled). */
  storageNote = $state('');
  /** What in a link or redirect was not used, in words. */
  linkNote = $state('');

  /** How sensitive the key in the key box is (unreadable text counts as a secret). */
  sensitivity: KeySensitivity = $derived(
    lab.parsedKey.ok ? keySensitivity(lab.parsedKey.value) : 'secret',
  );
  keyRisk = $derived(RISK[this.sensitivity]);
  #sensitive = $derived(this.sensitivity === 'secret' || this.sensitivity === 'private');

  /** The link holds the key: ticked, and public or confirmed. */
  keyInLink = $derived(
    this.includeKey &&
      this.sensitivity !== 'none' &&
      (!this.#sensitive || this.#linkKeyConfirmed === lab.keyText),
  );
  /** Ticked, but the key is a secret nobody has said yes to yet. */
  linkNeedsConfirm = $derived(this.includeKey && this.#sensitive && !this.keyInLink);

  /** The share link: this page's address with the state in the fragment. */
  link = $derived(`${pageAddress()}#${encodeFragment(snapshot(this.keyInLink))}`);
  /** The link is long enough that some tools may cut it. */
  isLong = $derived(this.link.length > LONG_LINK_CHARS);

  keyInStorage = $derived(
    this.remember &&
      this.rememberKey &&
      this.sensitivity !== 'none' &&
      (!this.#sensitive || this.#storedKeyConfirmed === lab.keyText),
  );
  storageNeedsConfirm = $derived(
    this.remember && this.rememberKey && this.#sensitive && !this.keyInStorage,
  );

  constructor() {
    $effect.root(() => {
      $effect(() => {
        if (!this.remember) return;
        this.#save(encodeFragment(snapshot(this.keyInStorage)));
      });
    });
  }

  /** Say yes to putting the (secret) key in the link. */
  confirmLinkKey(): void {
    this.#linkKeyConfirmed = lab.keyText;
  }

  /** Say no: the key stays out of the link. */
  cancelLinkKey(): void {
    this.includeKey = false;
    this.#linkKeyConfirmed = undefined;
  }

  /** Say yes to storing the (secret) key on this device. */
  confirmStoredKey(): void {
    this.#storedKeyConfirmed = lab.keyText;
  }

  /** Say no: the key is not stored. */
  cancelStoredKey(): void {
    this.rememberKey = false;
    this.#storedKeyConfirmed = undefined;
  }

  /** Remove everything this page ever stored on the device, and stop remembering. */
  forget(): void {
    this.remember = false;
    this.rememberKey = false;
    this.#storedKeyConfirmed = undefined;
    try {
      storage()?.removeItem(STORAGE_KEY);
      storage()?.removeItem(EXERCISES_KEY);
      this.storageNote = 'Forgotten: this page keeps nothing on this device.';
    } catch {
      this.storageNote = 'The browser would not let the page clear its storage.';
    }
  }

  /**
   * Load the state in this page's URL fragment (a share link or an OAuth/OIDC
   * redirect), then take it out of the address bar and the history entry, so
   * the token is not left in history or a bookmark. True when it held a token.
   */
  applyLocation(): boolean {
    const fragment = window.location.hash;
    const read = decodeFragment(fragment);
    const found = Object.keys(read.state).length > 0 || read.ignored.length > 0;
    if (!found) return false;
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
    lab.applyState(read.state, 'link');
    this.linkNote = read.ignored.join(' ');
    if (read.tokenFrom && read.tokenFrom !== 'token')
      this.linkNote = `Loaded the token from the redirect's "${read.tokenFrom}". ${this.linkNote}`;
    return read.state.token !== undefined;
  }

  /** Load work remembered on this device, if the person opted in before. True when it held a token. */
  restoreRemembered(): boolean {
    let stored: string | null;
    try {
      stored = storage()?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return false;
    }
    if (stored === null) return false;
    this.remember = true;
    const { state } = decodeFragment(stored);
    this.rememberKey = state.key !== undefined;
    lab.applyState(state, 'person');
    if (state.key !== undefined) this.#storedKeyConfirmed = state.key;
    return state.token !== undefined;
  }

  #save(value: string): void {
    try {
      const store = storage();
      if (!store) {
        this.storageNote = 'This browser does not let the page store anything.';
        return;
      }
      store.setItem(STORAGE_KEY, value);
      this.storageNote = '';
    } catch {
      this.storageNote =
        'Could not remember this: the browser’s storage for the page is full (the token may be too large).';
    }
  }
}

/** This page's address without fragment or query. */
function pageAddress(): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}`;
}

/** The page's share and storage state. */
export const share = new Share();
