/**
 * A wordlist read as a stream of byte chunks, cut into batches of whole
 * lines for the workers. Bytes, not text: a line is the secret's exact bytes
 * (rockyou.txt holds Latin-1 lines that a UTF-8 decoder would replace with
 * U+FFFD, so they could never match), and no decoding or re-encoding is paid
 * per line. A line longer than `maxLine` is no one's secret in a wordlist:
 * it is skipped, and so bounds the bytes carried between chunks.
 */

const NL = 0x0a;
const CR = 0x0d;

/** The longest line tried, in bytes. */
export const MAX_LINE = 1024;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Re-cuts chunks into batches of at most about `batchBytes` that end at a line end. */
export class LineBatcher {
  #carry: Uint8Array = new Uint8Array(0);
  #skipping = false;

  constructor(
    readonly batchBytes = 64 * 1024,
    readonly maxLine = MAX_LINE,
  ) {}

  /** The batches of whole lines this chunk completes. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.#skipping) {
      const end = chunk.indexOf(NL);
      if (end < 0) return [];
      chunk = chunk.subarray(end + 1);
      this.#skipping = false;
    }
    const last = chunk.lastIndexOf(NL);
    if (last < 0) {
      this.#keep(concat(this.#carry, chunk));
      return [];
    }
    const whole = concat(this.#carry, chunk.subarray(0, last + 1));
    this.#keep(chunk.slice(last + 1));
    return this.#split(whole);
  }

  /** What is left at the end of the stream: its last line, if it had no line end. */
  end(): Uint8Array[] {
    const rest = this.#carry;
    this.#carry = new Uint8Array(0);
    return rest.length ? [rest] : [];
  }

  #keep(rest: Uint8Array): void {
    if (rest.length > this.maxLine) {
      this.#carry = new Uint8Array(0);
      this.#skipping = true;
    } else this.#carry = rest;
  }

  #split(whole: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let from = 0;
    while (whole.length - from > this.batchBytes) {
      const cut = whole.lastIndexOf(NL, from + this.batchBytes - 1);
      // No line end within the batch size: cut after the next one instead.
      const end = cut >= from ? cut + 1 : whole.indexOf(NL, from + this.batchBytes) + 1;
      out.push(whole.subarray(from, end));
      from = end;
    }
    if (from < whole.length) out.push(whole.subarray(from));
    return out;
  }
}

/**
 * Call `line(from, to)` for each line of `batch`: without its line end (LF
 * or CRLF), skipping empty lines and lines longer than `maxLine`.
 */
export function forEachLine(
  batch: Uint8Array,
  line: (from: number, to: number) => boolean | void,
  maxLine = MAX_LINE,
): void {
  let from = 0;
  while (from < batch.length) {
    let end = batch.indexOf(NL, from);
    if (end < 0) end = batch.length;
    const to = end > from && batch[end - 1] === CR ? end - 1 : end;
    if (to > from && to - from <= maxLine && line(from, to) === true) return;
    from = end + 1;
  }
}
