/**
 * Reading a magic's arguments (no DOM): words split at spaces outside quotes and brackets,
 * options such as `-s PATH` and `--help`, and the help text a magic prints.
 */
import { MagicUsageError } from './errors';

/** One argument: its value (quotes and escapes removed) and its text as typed. */
export interface IMagicArg {
  readonly value: string;
  /** As typed, quotes kept: what a Python literal (`x='a b'`, `y=[1, 2]`) needs. */
  readonly raw: string;
}

const OPENERS: { [c: string]: string } = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);

/**
 * Split the rest of a magic's line into arguments. Spaces inside quotes (`'...'`, `"..."`) or
 * brackets (`[1, 2]`) do not split; a backslash escapes the next character (in quotes only a
 * quote or a backslash). Throws a MagicUsageError naming the column of an unclosed quote or
 * bracket.
 */
export function splitArgs(text: string): IMagicArg[] {
  const args: IMagicArg[] = [];
  for (let word = readArg(text, 0); word; word = readArg(text, word.end)) {
    args.push(word.arg);
  }
  return args;
}

/**
 * The argument starting at or after offset `from` of `text` and the offset after it, or null
 * when only blanks are left (see {@link splitArgs}).
 */
export function readArg(
  text: string,
  from: number
): { arg: IMagicArg; end: number } | null {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) {
    i++;
  }
  if (i >= text.length) {
    return null;
  }
  const start = i;
  let value = '';
  let quote = '';
  let quoteAt = 0;
  const brackets: Array<{ close: string; at: number }> = [];
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && (text[i + 1] === quote || text[i + 1] === '\\')) {
        value += text[++i];
      } else if (c === quote) {
        quote = '';
      } else {
        value += c;
      }
      continue;
    }
    if (/\s/.test(c) && brackets.length === 0) {
      break;
    }
    if (c === '\\' && i + 1 < text.length) {
      value += text[++i];
    } else if (c === '"' || c === "'") {
      quote = c;
      quoteAt = i;
    } else {
      if (OPENERS[c]) {
        brackets.push({ close: OPENERS[c], at: i });
      } else if (CLOSERS.has(c) && brackets.at(-1)?.close === c) {
        brackets.pop();
      }
      value += c;
    }
  }
  if (quote) {
    throw new MagicUsageError(
      `Unbalanced quote: the ${quote} that starts ${excerpt(text, quoteAt)} is never closed. Close it, or put a backslash before it.`
    );
  }
  if (brackets.length > 0) {
    const open = brackets[brackets.length - 1];
    throw new MagicUsageError(
      `Unbalanced bracket: the ${text[open.at]} that starts ${excerpt(text, open.at)} is never closed. Close it with ${open.close}, or quote the argument.`
    );
  }
  return { arg: { value, raw: text.slice(start, i) }, end: i };
}

/** A short quote of `text` from `at`, for messages. */
function excerpt(text: string, at: number): string {
  const rest = text.slice(at);
  return rest.length > 24 ? `${rest.slice(0, 21)}...` : rest;
}

/** An option a command takes: `--long` / `-s`, with a value or as a flag. */
export interface IOptionSpec {
  readonly long: string;
  readonly short?: string;
  /** Shown in help, e.g. `PATH`; absent for a flag. */
  readonly value?: string;
  readonly help: string;
}

/** Arguments with the options taken out. */
export interface IParsedArgs {
  /** Option values by long name; flags are `'true'`. */
  readonly options: ReadonlyMap<string, string>;
  readonly positionals: IMagicArg[];
  /** Whether `--help` or `-h` was given. */
  readonly help: boolean;
}

/**
 * Take options out of `args`: `--long VALUE`, `--long=VALUE`, `-s VALUE`, flags, `--help`
 * and `-h` anywhere, `--` ends the options. A word starting with `-` and a digit is a value
 * (a negative cell index). Throws a MagicUsageError for an unknown option or a missing value.
 */
export function parseArgs(
  args: readonly IMagicArg[],
  specs: readonly IOptionSpec[],
  command: string
): IParsedArgs {
  const options = new Map<string, string>();
  const positionals: IMagicArg[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const word = arg.raw;
    if (word === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-' || /^-\d/.test(word)) {
      positionals.push(arg);
      continue;
    }
    if (word === '--help' || word === '-h') {
      help = true;
      continue;
    }
    const [name, inline] = word.startsWith('--')
      ? splitOnce(word.slice(2))
      : [word.slice(1), undefined];
    const spec = specs.find(s =>
      word.startsWith('--') ? s.long === name : s.short === name
    );
    if (!spec) {
      const known = specs
        .map(s => (s.short ? `-${s.short}/--${s.long}` : `--${s.long}`))
        .concat('--help');
      throw new MagicUsageError(
        `Unknown option ${word.split('=')[0]} for ${command}. It takes ${known.join(', ')}.`
      );
    }
    if (!spec.value) {
      options.set(spec.long, 'true');
      continue;
    }
    const value = inline ?? args[++i]?.value;
    if (value === undefined) {
      throw new MagicUsageError(
        `${word} needs a value: ${command} ${word} ${spec.value}.`
      );
    }
    options.set(spec.long, value);
  }
  return { options, positionals, help };
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** What a magic's help says. */
export interface IHelpText {
  /** One line: what the magic does. */
  readonly summary: string;
  /** Usage lines, e.g. `%cellscript run SELECTOR...`. */
  readonly usage?: readonly string[];
  /** More paragraphs, shown after the usage. */
  readonly details?: string;
  readonly options?: readonly IOptionSpec[];
}

/** The help a magic prints for `--help`: usage, summary, options, details. */
export function formatHelp(help: IHelpText): string {
  const parts: string[] = [];
  if (help.usage?.length) {
    parts.push(help.usage.map(line => `Usage: ${line}`).join('\n'));
  }
  parts.push(help.summary);
  if (help.options?.length) {
    const rows = help.options.map(o => {
      const names = (o.short ? `-${o.short}, ` : '    ') + `--${o.long}`;
      return [o.value ? `${names} ${o.value}` : names, o.help];
    });
    const width = Math.max(...rows.map(([left]) => left.length));
    parts.push(
      'Options:\n' +
        rows
          .map(([left, right]) => `  ${left.padEnd(width)}  ${right}`)
          .join('\n')
    );
  }
  if (help.details) {
    parts.push(help.details);
  }
  return parts.join('\n\n');
}
