/**
 * The two containers whose pieces the finder reads by their meaning rather
 * than their text: a HAR file's fields and a curl command's options.
 */
import { curlArgs } from './curl';
import { noun, type Finder } from './finder';
import { harSlots, type HarSlot } from './har';
import { cookies, headerLine } from './http';
import { percentDecode } from './url';

/** Every entry of a HAR file. */
export function readHar(finder: Finder, har: { log: { entries: unknown[] } }): void {
  for (const slot of harSlots(har)) readHarSlot(finder, slot);
}

/** One string of a HAR file, read as what the HAR says it is. */
function readHarSlot(finder: Finder, slot: HarSlot): void {
  const base = { container: 'har' as const, path: slot.path };
  const named = (what: string) => `${slot.owner}, its ${what} ${JSON.stringify(slot.name)}`;
  switch (slot.as) {
    case 'header':
      return finder.header(slot.name, slot.value, slot.owner, base);
    case 'cookie':
    case 'set-cookie':
      return finder.value(slot.value, { ...base, where: named('cookie'), source: slot.as });
    case 'query': {
      const { value, decoded } = percentDecode(slot.value);
      const note = decoded ? 'percent-decoded' : undefined;
      const where = `${slot.owner}, its URL query's ${slot.name}`;
      return finder.value(value, {
        ...base,
        where,
        source: 'url-query',
        ...(note ? { note } : {}),
      });
    }
    case 'form': {
      const { value, decoded } = percentDecode(slot.value);
      const note = decoded ? 'percent-decoded' : undefined;
      return finder.value(value, {
        ...base,
        where: named('form field'),
        source: 'form',
        ...(note ? { note } : {}),
      });
    }
    case 'body':
      return finder.body(
        slot.value,
        `${slot.owner}, its body`,
        base,
        /urlencoded/i.test(slot.mimeType ?? ''),
      );
    case 'url':
      return finder.url(slot.value, slot.owner, base);
  }
}

/** The options and URL of a curl command's words (`curl` first). */
export function readCurl(finder: Finder, words: readonly string[]): void {
  const owner = 'the curl command';
  const base = { container: 'curl' as const };
  for (const arg of curlArgs(words)) {
    if (arg.as === 'header') {
      const line = headerLine(arg.value);
      if (line) finder.header(line.name, arg.value.slice(line.from, line.to), owner, base);
    } else if (arg.as === 'cookie') {
      // Without `=` the argument names a cookie file.
      for (const c of arg.value.includes('=') ? cookies(arg.value) : [])
        finder.value(c.value, {
          ...base,
          where: noun(owner, `cookie ${JSON.stringify(c.name)}`),
          source: 'cookie',
        });
    } else if (arg.as === 'bearer') {
      finder.value(arg.value, {
        ...base,
        where: noun(owner, '--oauth2-bearer option'),
        source: 'authorization',
      });
    } else if (arg.as === 'url') {
      finder.url(arg.value, owner, base);
    } else if (arg.as === 'form') {
      const eq = arg.value.indexOf('=');
      const value = arg.value.slice(eq + 1);
      if (eq > 0 && !/^[@<]/.test(value))
        finder.value(value, {
          ...base,
          where: noun(owner, `form field ${JSON.stringify(arg.value.slice(0, eq))}`),
          source: 'form',
        });
    } else if (arg.option === '--data-raw' || !arg.value.startsWith('@')) {
      finder.body(arg.value, noun(owner, 'data'), base, arg.option !== '--json');
    }
  }
}
