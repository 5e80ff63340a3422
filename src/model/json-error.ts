/**
 * Where a JSON text first goes wrong, and why, in words fit for a message
 * (issue 16, item 21): V8 sometimes gives no position and quotes a raw
 * snippet of the text with its line breaks instead. A small scanner (no
 * recursion, so deep nesting cannot overflow the stack) finds the offset.
 */

export interface JsonProblem {
  /** 0-based offset of the offending character (the text's length at an unexpected end). */
  readonly index: number;
  readonly message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

/** The first syntax problem of `text`, or undefined when it is valid JSON. */
export function jsonProblem(text: string): JsonProblem | undefined {
  let at = 0;
  const stack: ('{' | '[')[] = [];
  const skip = (): void => {
    while (at < text.length && WHITESPACE.has(text[at])) at++;
  };
  const found = (): string => (at >= text.length ? 'the text ends too early' : `unexpected ${describe(text[at])}`);
  // At an unexpected end, the place is where the text stops (after its last visible character).
  const fail = (expected: string): JsonProblem => ({ index: at >= text.length ? text.trimEnd().length : at, message: `${found()}, expected ${expected}` });
  const string = (): JsonProblem | undefined => {
    at++;
    STRING_BODY.lastIndex = at;
    STRING_BODY.exec(text);
    at = STRING_BODY.lastIndex;
    if (text[at] !== '"') return at >= text.length ? { index: at, message: 'a string is not closed (missing ")' } : { index: at, message: `${describe(text[at])} is not allowed in a string` };
    at++;
    return undefined;
  };
  // After a value: a comma, the closing bracket, or the end.
  const afterValue = (): JsonProblem | 'done' | undefined => {
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) return at >= text.length ? 'done' : fail('the end of the text');
      const close = top === '{' ? '}' : ']';
      if (text[at] === close) {
        at++;
        stack.pop();
        continue;
      }
      if (text[at] !== ',') return fail(`"," or "${close}"`);
      at++;
      skip();
      return top === '{' ? key() : undefined;
    }
  };
  const key = (): JsonProblem | undefined => {
    if (text[at] !== '"') return fail('a property name in double quotes');
    const problem = string();
    if (problem) return problem;
    skip();
    if (text[at] !== ':') return fail('":" after the property name');
    at++;
    return undefined;
  };
  for (;;) {
    skip();
    const char = text[at];
    if (char === '{' || char === '[') {
      stack.push(char);
      at++;
      skip();
      const close = char === '{' ? '}' : ']';
      if (text[at] === close) {
        at++;
        stack.pop();
      } else {
        if (char === '{') {
          const problem = key();
          if (problem) return problem;
        }
        continue;
      }
    } else if (char === '"') {
      const problem = string();
      if (problem) return problem;
    } else if (text.startsWith('true', at) || text.startsWith('null', at)) at += 4;
    else if (text.startsWith('false', at)) at += 5;
    else {
      NUMBER.lastIndex = at;
      if (!NUMBER.test(text)) return fail('a value');
      at = NUMBER.lastIndex;
    }
    const next = afterValue();
    if (next === 'done') return undefined;
    if (next) return next;
  }
}

function describe(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return JSON.stringify(char);
}

/** Line and column (1-based) of a 0-based offset. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < index; k = text.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: index - start + 1 };
}
