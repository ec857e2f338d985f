/**
 * Long lists drawn a part at a time: what a page draws must be bounded by
 * what a person can read, not by what a pasted text holds (a payload of
 * 100,000 claims drew 100,000 rows and froze the tab for a minute).
 */

/** How many rows a list draws at first, and how many more each "show more" adds. */
export const ROWS_AT_FIRST = 200;

/** The rows to draw: the first `limit`, with every row `keep` asks for kept however far down it is. */
export function firstRows<T>(
  rows: readonly T[],
  limit: number,
  keep: (row: T) => boolean = () => false,
): { shown: T[]; hidden: number } {
  if (rows.length <= limit) return { shown: [...rows], hidden: 0 };
  const shown: T[] = [];
  let room = limit - rows.filter(keep).length;
  for (const row of rows)
    if (keep(row)) shown.push(row);
    else if (room > 0) {
      shown.push(row);
      room--;
    }
  return { shown, hidden: rows.length - shown.length };
}
