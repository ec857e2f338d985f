/**
 * `findTokens`: every candidate token in whatever text a person pastes. The
 * whole text is first tried as one container (a HAR file, JSON, a URL);
 * otherwise it is read line by line: an HTTP message (start line, headers,
 * body), curl commands, token-carrying header lines, and free text between.
 */
import { fail, ok, type Result } from '../errors';
import { SIZE_LIMITS } from '../jws/limits';
import { readCurl, readHar } from './containers';
import { commandWords, curlStart } from './curl';
import { Finder, parseJson } from './finder';
import { isHar } from './har';
import { headerLine, startLine, TOKEN_HEADERS } from './http';
import type { FoundTokens } from './types';
import { looksLikeUrl } from './url';

/**
 * Every candidate token in `text`, in order of appearance, each with where it
 * was found; a text over the page's size limit is refused.
 */
export function findTokens(text: string): Result<FoundTokens> {
  if (text.length > SIZE_LIMITS.refused.chars)
    return fail('ERR_INPUT_TOO_LARGE', `The text ${SIZE_LIMITS.refused.message}`);
  const finder = new Finder(text);
  const trimmed = text.trim();
  const parsed = /^[[{]/.test(trimmed) ? parseJson(trimmed) : undefined;
  if (parsed) {
    if (isHar(parsed.value)) readHar(finder, parsed.value);
    else finder.json(parsed.value, undefined, { container: 'json' }, 0, trimmed);
  } else if (looksLikeUrl(trimmed)) {
    finder.url(trimmed, undefined, { container: 'url', at: text.indexOf(trimmed) });
  } else readLines(finder, text);
  return ok(finder.result());
}

interface Line {
  from: number;
  to: number;
  /** Start of the next line. */
  next: number;
  text: string;
}

function lineAt(text: string, from: number): Line {
  const eol = text.indexOf('\n', from);
  const to = eol < 0 ? text.length : eol;
  return {
    from,
    to,
    next: eol < 0 ? text.length : eol + 1,
    text: text.slice(from, to).replace(/\r$/, ''),
  };
}

/** Read the text line by line; free text between the lines that are read otherwise is scanned as text. */
function readLines(finder: Finder, text: string): void {
  let region = 0;
  const flush = (to: number) => {
    if (to > region) finder.text(region, to);
  };
  for (let at = 0; at < text.length;) {
    const line = lineAt(text, at);
    const message = startLine(line.text);
    if (message) {
      flush(line.from);
      const target = message.target;
      if (target)
        finder.url(target.text, 'the request line', {
          container: 'http',
          at: line.from + target.at,
        });
      at = region = readMessage(finder, text, line.next, message.kind);
      continue;
    }
    const curl = curlStart(line.text);
    if (curl !== undefined) {
      flush(line.from);
      const { words, end } = commandWords(text, line.from + curl);
      readCurl(finder, words);
      at = region = lineAt(text, end).next;
      continue;
    }
    const header = headerLine(line.text);
    if (header && TOKEN_HEADERS.has(header.name.toLowerCase())) {
      flush(line.from);
      const value = line.text.slice(header.from, header.to);
      finder.header(header.name, value, undefined, {
        container: 'http',
        at: line.from + header.from,
      });
      region = line.next;
    }
    at = line.next;
  }
  flush(text.length);
}

/**
 * An HTTP message whose start line ends at `from`: its headers, then its body
 * up to the next start line. Returns where reading goes on.
 */
function readMessage(
  finder: Finder,
  text: string,
  from: number,
  kind: 'request' | 'response',
): number {
  let at = from;
  let form = false;
  for (; at < text.length;) {
    const line = lineAt(text, at);
    at = line.next;
    if (line.text.trim() === '') break;
    const header = headerLine(line.text);
    // A line that is not a header ends the headers, as a blank line would.
    if (!header) {
      at = line.from;
      break;
    }
    const value = line.text.slice(header.from, header.to);
    if (/^content-type$/i.test(header.name)) form = /urlencoded/i.test(value);
    finder.header(header.name, value, undefined, {
      container: 'http',
      at: line.from + header.from,
    });
  }
  let end = at;
  while (end < text.length) {
    const line = lineAt(text, end);
    if (startLine(line.text)) break;
    end = line.next;
  }
  if (end > at)
    finder.body(text.slice(at, end), `the ${kind} body`, { container: 'http', at }, form);
  return end;
}
