/**
 * Where the time claims, the judged moment and the leeway window stand on
 * one line: the layout math of the claims timeline, as fractions of its
 * width, with labels spread over rows so none overlaps another.
 */

/** The time claims and the moment they are judged at (seconds since 1970). */
export interface TimelineInput {
  iat?: unknown;
  nbf?: unknown;
  exp?: unknown;
  /** The moment judged (the page's clock, or the time-travel override). */
  now: number;
  leeway: number;
}

/** One labelled point on the line. */
export interface TimelineMark {
  id: 'iat' | 'nbf' | 'exp' | 'now';
  at: number;
  /** 0 … 1 along the line. */
  x: number;
  /** Label row, 0 nearest the line, so close labels do not overlap. */
  row: number;
}

/** A stretch of the line, 0 … 1. */
export interface TimelineSpan {
  from: number;
  to: number;
}

/** The laid-out timeline, or undefined when the token has no time claim. */
export interface TimelineLayout {
  start: number;
  end: number;
  marks: TimelineMark[];
  /** When a server accepts the token: from max(nbf, iat) − leeway to exp + leeway. */
  valid: TimelineSpan;
  /** The extra acceptance the leeway gives around nbf/iat and exp. */
  leeway: TimelineSpan[];
  /** Whether the judged moment falls inside the valid window. */
  nowInside: boolean;
}

/** Labels closer than this (fraction of the width) go on separate rows. */
export const LABEL_GAP = 0.14;

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Lay out the timeline for the given claims; undefined when none is a number. */
export function layoutTimeline(input: TimelineInput): TimelineLayout | undefined {
  const leeway = Math.max(0, input.leeway);
  const points: { id: TimelineMark['id']; at: number }[] = [];
  for (const id of ['iat', 'nbf', 'exp'] as const) {
    const v = input[id];
    if (isTime(v)) points.push({ id, at: v });
  }
  if (points.length === 0) return undefined;
  points.push({ id: 'now', at: input.now });

  const nbf = isTime(input.nbf) ? input.nbf : undefined;
  const iat = isTime(input.iat) ? input.iat : undefined;
  const exp = isTime(input.exp) ? input.exp : undefined;
  // A server rejects before nbf and before iat (PyJWT), each minus the leeway.
  const opens =
    nbf !== undefined || iat !== undefined
      ? Math.max(nbf ?? -Infinity, iat ?? -Infinity)
      : undefined;
  const edges = points.map((p) => p.at);
  if (opens !== undefined) edges.push(opens - leeway);
  if (exp !== undefined) edges.push(exp + leeway);
  let start = Math.min(...edges);
  let end = Math.max(...edges);
  const width = end - start || 60;
  start -= width * 0.08;
  end += width * 0.08;
  const x = (t: number) => clamp((t - start) / (end - start));

  const marks: TimelineMark[] = [];
  const rows: number[] = [];
  for (const p of [...points].sort((a, b) => a.at - b.at)) {
    const px = x(p.at);
    let row = 0;
    while (rows[row] !== undefined && px - rows[row]! < LABEL_GAP) row++;
    rows[row] = px;
    marks.push({ id: p.id, at: p.at, x: px, row });
  }

  const validFrom = opens === undefined ? 0 : x(opens - leeway);
  const validTo = exp === undefined ? 1 : x(exp + leeway);
  const leewaySpans: TimelineSpan[] = [];
  if (leeway > 0 && opens !== undefined)
    leewaySpans.push({ from: x(opens - leeway), to: x(opens) });
  if (leeway > 0 && exp !== undefined) leewaySpans.push({ from: x(exp), to: x(exp + leeway) });
  // The same rules as the claims table: exp <= now − leeway fails, nbf/iat > now + leeway fails.
  const nowInside =
    (exp === undefined || Math.trunc(exp) > input.now - leeway) &&
    (opens === undefined || opens <= input.now + leeway);
  return {
    start,
    end,
    marks,
    valid: { from: validFrom, to: Math.max(validFrom, validTo) },
    leeway: leewaySpans,
    nowInside,
  };
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));
