/**
 * Compact tokens in free text: runs of token characters are read one after
 * the other, and a token cut by a line break (or by spaces) is rejoined with
 * the pieces that follow. One pass, plus rejoining work that a shared budget
 * keeps within the size of the text.
 */
import { compactInWord, isTokenChar, readJoseHeader, type CompactCandidate } from './compact';
import { WrapReader } from './wrapped';

/** A compact token found in text, offsets in the input (`to` exclusive). */
export interface TextHit {
  kind: CompactCandidate['kind'];
  alg: string;
  text: string;
  from: number;
  to: number;
  /** "rejoined from 3 lines", when the token was wrapped. */
  note?: string;
}

/** Characters that rejoining may still read, shared by every scan of one input. */
export interface Budget {
  chars: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const isSpace = (c: number): boolean => c === SPACE || c === TAB || c === CR || c === LF;

/** Call `emit` for each compact token in `input.slice(from, to)`, in order. */
export function scanText(
  input: string,
  from: number,
  to: number,
  budget: Budget,
  emit: (hit: TextHit) => void,
): void {
  let i = from;
  while (i < to) {
    while (i < to && !isTokenChar(input.charCodeAt(i))) i++;
    if (i >= to) return;
    let j = i + 1;
    while (j < to && isTokenChar(input.charCodeAt(j))) j++;
    const scan = compactInWord(input, i, j);
    const tail = scan.tail;
    const joined = tail ? rejoin(input, tail.from, j, to, budget) : undefined;
    for (const c of scan.found) {
      if (joined && c.from >= tail!.from) break;
      emit({
        kind: c.kind,
        alg: c.header.alg,
        text: input.slice(c.from, c.to),
        from: c.from,
        to: c.to,
      });
    }
    if (joined) joined.hits.forEach(emit);
    i = joined ? joined.end : j;
  }
}

interface Piece {
  /** Offset in the joined text. */
  at: number;
  from: number;
  to: number;
}

/**
 * The token that starts at `start` and is cut at `wordEnd`, joined with the
 * words after it while it needs more; undefined unless that ends a token.
 */
function rejoin(
  input: string,
  start: number,
  wordEnd: number,
  limit: number,
  budget: Budget,
): { hits: TextHit[]; end: number } | undefined {
  const reader = new WrapReader();
  reader.append(input.slice(start, wordEnd));
  const pieces: Piece[] = [{ at: 0, from: start, to: wordEnd }];
  let length = wordEnd - start;
  let end = wordEnd;
  let breaks = 0;
  while (reader.state === 'more' && budget.chars > 0) {
    let k = end;
    let newlines = 0;
    for (; k < limit && isSpace(input.charCodeAt(k)); k++)
      if (input.charCodeAt(k) === LF) newlines++;
    // A header is only rejoined across a line break: in prose, words follow words.
    if (k >= limit || newlines > 1 || (newlines === 0 && reader.inHeader)) break;
    let m = k;
    let firstSep = -1;
    for (; m < limit && isTokenChar(input.charCodeAt(m)); m++) {
      const c = input[m];
      if (firstSep < 0 && (c === '.' || c === '~')) firstSep = m;
    }
    budget.chars -= m - k + 1;
    // A word that starts a token of its own is the next token, not the rest of this one.
    if (m === k || readJoseHeader(input, k, firstSep < 0 ? m : firstSep)) break;
    reader.append(input.slice(k, m));
    pieces.push({ at: length, from: k, to: m });
    length += m - k;
    end = m;
    if (newlines) breaks++;
  }
  if (reader.state !== 'done' || pieces.length === 1) return undefined;
  const joined = pieces.map((p) => input.slice(p.from, p.to)).join('');
  const hits = compactInWord(joined, 0, joined.length).found.map((c) => {
    const first = pieceAt(pieces, c.from, false);
    const last = pieceAt(pieces, c.to, true);
    const hit: TextHit = {
      kind: c.kind,
      alg: c.header.alg,
      text: joined.slice(c.from, c.to),
      from: first.from + c.from - first.at,
      to: last.from + c.to - last.at,
    };
    if (first !== last) hit.note = rejoinedNote(pieces.length, breaks);
    return hit;
  });
  return hits.length ? { hits, end } : undefined;
}

/** The piece holding joined offset `at` (the one it ends, when `end`). */
function pieceAt(pieces: Piece[], at: number, end: boolean): Piece {
  for (const p of pieces) {
    const length = p.to - p.from;
    if (end ? at > p.at && at <= p.at + length : at >= p.at && at < p.at + length) return p;
  }
  return pieces[pieces.length - 1]!;
}

function rejoinedNote(pieces: number, breaks: number): string {
  if (breaks === pieces - 1) return `rejoined from ${pieces} lines`;
  if (breaks === 0) return `rejoined from ${pieces} pieces separated by spaces`;
  return `rejoined from ${pieces} pieces over ${breaks + 1} lines`;
}
