/**
 * curl commands as people copy them (browsers' "Copy as cURL", API docs):
 * POSIX shell words (quotes, `$'…'`, backslash-newline continuations), then
 * the options of the curl manual that carry tokens: `-H`/`--header`,
 * `-b`/`--cookie`, `--oauth2-bearer`, the `-d`/`--data*`/`--json`/`-F`
 * bodies, and the URL (`--url` or an argument).
 */

/** What one curl option or argument gave. */
export interface CurlArg {
  as: 'header' | 'cookie' | 'bearer' | 'url' | 'data' | 'form';
  value: string;
  /** The option as written (`-H`, `--data-raw` …), or '' for the URL argument. */
  option: string;
}

/** A line that starts a curl command (a `$ ` prompt allowed): the offset of `curl`. */
export function curlStart(line: string): number | undefined {
  const m = /^[ \t]*(?:\$[ \t]+)?curl(?:\.exe)?(?=[ \t]|$)/.exec(line);
  return m ? m[0].length - (m[0].endsWith('.exe') ? 8 : 4) : undefined;
}

const ANSI_C: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/**
 * The words of the command starting at `from`, and where it ends: a POSIX
 * shell command, or a Windows `cmd` one (Chrome's "Copy as cURL (cmd)": lines
 * end with `^`, and `^` escapes the character after it).
 */
export function commandWords(input: string, from: number): { words: string[]; end: number } {
  const firstEnd = lineEnd(input, from);
  if (!/\^[ \t\r]*$/.test(input.slice(from, firstEnd))) return shellWords(input, from, true);
  const lines: string[] = [];
  let end = from;
  for (let at = from; at < input.length;) {
    end = lineEnd(input, at);
    const line = input.slice(at, end).replace(/\r$/, '');
    const continued = /\^[ \t]*$/.test(line);
    lines.push(continued ? line.replace(/\^[ \t]*$/, '') : line);
    if (!continued) break;
    at = end + 1;
  }
  const text = lines.join(' ').replace(/\^(.)/g, '$1');
  return { words: shellWords(text, 0, false).words, end };
}

const lineEnd = (input: string, from: number): number => {
  const eol = input.indexOf('\n', from);
  return eol < 0 ? input.length : eol;
};

/**
 * The shell words from `from` up to the end of the command: an unquoted line
 * break (not escaped), `;`, `|` or `&`. Quotes are removed as a shell would;
 * single quotes quote only in a POSIX shell.
 */
function shellWords(input: string, from: number, posix: boolean): { words: string[]; end: number } {
  const words: string[] = [];
  let word: string[] | undefined;
  let i = from;
  const put = (s: string) => (word ??= []).push(s);
  for (; i < input.length; i++) {
    const c = input[i]!;
    if (c === '\\') {
      const next = input[i + 1];
      if (next === '\n' || (next === '\r' && input[i + 2] === '\n')) {
        i += next === '\r' ? 2 : 1;
        continue;
      }
      if (next !== undefined) put(next);
      i++;
    } else if (c === "'" && posix) {
      const close = input.indexOf("'", i + 1);
      const end = close < 0 ? input.length : close;
      put(input.slice(i + 1, end));
      i = end;
    } else if (c === '$' && input[i + 1] === "'" && posix) {
      i = ansiC(input, i + 2, put);
    } else if (c === '"') {
      for (i++; i < input.length && input[i] !== '"'; i++) {
        if (input[i] === '\\' && '"\\$`\n'.includes(input[i + 1] ?? ' ')) i++;
        if (input[i] !== '\n' || input[i - 1] !== '\\') put(input[i]!);
      }
    } else if (c === ' ' || c === '\t' || c === '\r') {
      if (word) words.push(word.join(''));
      word = undefined;
    } else if (c === '\n' || c === ';' || c === '|' || c === '&') {
      break;
    } else put(c);
  }
  if (word) words.push(word.join(''));
  return { words, end: i };
}

/** Read `$'…'` from `i` (just past the quote); returns the offset of the closing quote. */
function ansiC(input: string, i: number, put: (s: string) => void): number {
  for (; i < input.length && input[i] !== "'"; i++) {
    if (input[i] !== '\\') {
      put(input[i]!);
      continue;
    }
    const e = input[++i] ?? '';
    const hex = e === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(input.slice(i + 1, i + 3)) : null;
    if (hex) {
      put(String.fromCharCode(parseInt(hex[0], 16)));
      i += hex[0].length;
    } else put(ANSI_C[e] ?? `\\${e}`);
  }
  return i;
}

/** Options whose argument is what this module reads. */
const READ: Record<string, CurlArg['as']> = {
  '-H': 'header',
  '--header': 'header',
  '--proxy-header': 'header',
  '-b': 'cookie',
  '--cookie': 'cookie',
  '--oauth2-bearer': 'bearer',
  '--url': 'url',
  '-e': 'url',
  '--referer': 'url',
  '-d': 'data',
  '--data': 'data',
  '--data-raw': 'data',
  '--data-binary': 'data',
  '--data-ascii': 'data',
  '--data-urlencode': 'data',
  '--json': 'data',
  '-F': 'form',
  '--form': 'form',
  '--form-string': 'form',
};

/** Other options that take an argument (curl manual), skipped with it. */
const SKIPPED = new Set(
  (
    '-A --user-agent -c --cookie-jar -E --cert --key --cacert --capath -K --config -m --max-time ' +
    '--connect-timeout -o --output -r --range -T --upload-file -u --user -U --proxy-user -w ' +
    '--write-out -x --proxy -X --request -y -Y -z --time-cond --resolve --connect-to --retry ' +
    '--retry-delay --retry-max-time --limit-rate --max-filesize --max-redirs --interface ' +
    '--dns-servers --unix-socket --cert-type --key-type --pass --ciphers --tls-max --data-raw-file ' +
    '--output-dir --trace --trace-ascii --stderr --variable --expand-url --aws-sigv4 --hostpubmd5'
  ).split(' '),
);

const SHORT_WITH_ARG = new Set([
  'H',
  'b',
  'd',
  'F',
  'e',
  'A',
  'c',
  'E',
  'K',
  'm',
  'o',
  'r',
  'T',
  'u',
  'U',
  'w',
  'x',
  'X',
  'y',
  'Y',
  'z',
]);

/** The arguments of a curl command's words (the first word is `curl`) that may carry tokens. */
export function curlArgs(words: readonly string[]): CurlArg[] {
  const args: CurlArg[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      // curl takes `--opt value`; `--opt=value` is accepted here too, as people write it.
      const option = eq > 0 ? w.slice(0, eq) : w;
      const inline = eq > 0 ? w.slice(eq + 1) : undefined;
      const as = READ[option];
      if (as || SKIPPED.has(option)) {
        const value = inline ?? words[++i];
        if (as && value !== undefined) args.push({ as, value, option });
      }
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      // A cluster of short options: the first that takes an argument takes the rest or the next word.
      for (let k = 1; k < w.length; k++) {
        const letter = w[k]!;
        if (!SHORT_WITH_ARG.has(letter)) continue;
        const value = k + 1 < w.length ? w.slice(k + 1) : words[++i];
        const as = READ[`-${letter}`];
        if (as && value !== undefined) args.push({ as, value, option: `-${letter}` });
        break;
      }
      continue;
    }
    args.push({ as: 'url', value: w, option: '' });
  }
  return args;
}
