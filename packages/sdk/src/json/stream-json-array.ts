/** One element of a streamed JSON array, or the reason it could not be parsed. */
export type JsonArrayItem =
  | { readonly ok: true; readonly value: unknown; readonly index: number; readonly line: number }
  | { readonly ok: false; readonly reason: string; readonly index: number; readonly line: number };

export interface StreamJsonArrayOptions {
  /**
   * Keys leading from the top-level object to the array, such as `['orderedItems']`; empty when
   * the top level is the array itself.
   */
  readonly path?: readonly string[];
  /** Skip text before the JSON starts, such as Twitter's `window.YTD.tweets.part0 = `. */
  readonly skipPrefix?: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff;
}

/**
 * Streams the elements of one array inside a JSON document without holding the document: only
 * the element being read is in memory, so a 100 MB export reads in a few MB. Each element is
 * parsed on its own; one that is not valid JSON is reported (with the line it starts on) and the
 * rest still come.
 */
export async function* streamJsonArray(
  input: AsyncIterable<Buffer | string>,
  options: StreamJsonArrayOptions = {},
): AsyncGenerator<JsonArrayItem> {
  const path = options.path ?? [];
  const decoder = new TextDecoder('utf-8');
  /** Containers we are inside: true for an object, false for an array. */
  const stack: boolean[] = [];
  /** The key of the value being read, per object level. */
  const keys: (string | undefined)[] = [];
  let started = !options.skipPrefix;
  let inString = false;
  let escaped = false;
  let stringStart = -1;
  let stringParts: string[] = [];
  /** In an object, whether the next string is a key. */
  let expectKey = false;
  let line = 1;
  let targetDepth = -1;
  let found = false;
  let finished = false;
  let element: string[] = [];
  let elementStart = -1;
  let elementLine = 0;
  let index = 0;

  const inTarget = () => targetDepth >= 0 && stack.length === targetDepth + 1;
  const pathMatches = () => stack.length === path.length && stack.every((isObject, level) => isObject && keys[level] === path[level]);

  for await (const chunk of input) {
    if (finished) break;
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (elementStart >= 0) elementStart = 0;
    if (inString) stringStart = 0;
    const items: JsonArrayItem[] = [];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === NEWLINE) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (code === BACKSLASH) escaped = true;
        else if (code === QUOTE) {
          inString = false;
          if (expectKey && stack.at(-1) === true) {
            stringParts.push(text.slice(stringStart, i));
            keys[stack.length - 1] = JSON.parse(`"${stringParts.join('')}"`) as string;
          }
          stringParts = [];
        }
        continue;
      }
      if (!started) {
        if (code === OPEN_BRACKET || code === OPEN_BRACE) started = true;
        else continue;
      }
      if (isSpace(code)) continue;
      if (inTarget() && elementStart < 0 && code !== COMMA && code !== CLOSE_BRACKET) {
        elementStart = i;
        elementLine = line;
      }
      switch (code) {
        case QUOTE:
          inString = true;
          stringStart = i + 1;
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET: {
          const opensTarget = code === OPEN_BRACKET && !found && pathMatches();
          stack.push(code === OPEN_BRACE);
          keys[stack.length - 1] = undefined;
          expectKey = code === OPEN_BRACE;
          if (opensTarget) {
            found = true;
            targetDepth = stack.length - 1;
          }
          break;
        }
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          if (inTarget() && code === CLOSE_BRACKET) {
            if (elementStart >= 0) items.push(parseElement([...element, text.slice(elementStart, i)], index++, elementLine));
            element = [];
            elementStart = -1;
            finished = true;
          }
          stack.pop();
          expectKey = false;
          break;
        case COMMA:
          if (inTarget()) {
            items.push(parseElement([...element, text.slice(elementStart, i)], index++, elementLine));
            element = [];
            elementStart = -1;
          }
          expectKey = stack.at(-1) === true;
          break;
        case COLON:
          expectKey = false;
          break;
        default:
          break;
      }
      if (finished) break;
    }
    if (inString && expectKey && stack.at(-1) === true) stringParts.push(text.slice(stringStart));
    if (elementStart >= 0) element.push(text.slice(elementStart));
    yield* items;
  }
  if (!found) throw new SyntaxError(path.length === 0 ? 'no JSON array found' : `no array at ${path.join('.')}`);
  if (!finished)
    throw new SyntaxError(`the array ends early, after ${index} element${index === 1 ? '' : 's'} (line ${line}): the file looks truncated`);
}

function parseElement(parts: readonly string[], index: number, line: number): JsonArrayItem {
  const text = parts.join('').trim();
  try {
    return { ok: true, value: JSON.parse(text), index, line };
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})`, index, line };
  }
}
