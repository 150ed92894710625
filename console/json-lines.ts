/** Why a text is not JSON, and where: 1-based line and column of the first character that cannot be read. */
export interface JsonSyntaxProblem {
  kind: 'end' | 'character' | 'string' | 'number';
  /** The character found where another was expected (empty at the end of the text). */
  found: string;
  line: number;
  column: number;
}

export type JsonIndex =
  | { ok: true; value: unknown; lines: Map<string, number> }
  | { ok: false; problem: JsonSyntaxProblem };

class Stop extends Error {
  constructor(readonly problem: JsonSyntaxProblem) {
    super(problem.kind);
  }
}

/**
 * Reads a JSON text and records the line on which each value sits, by its dotted path as the server names fields in
 * its errors (`groups.1.questions.0.text.en`); a member's line is the line of its name. The root is `''`.
 * A text that is not JSON gives the line and column of the first thing wrong.
 */
export function indexJson(text: string): JsonIndex {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;
  let lineStart = 0;

  const stop = (kind: JsonSyntaxProblem['kind']): never => {
    throw new Stop({ kind: at >= text.length ? 'end' : kind, found: text[at] ?? '', line, column: at - lineStart + 1 });
  };
  const space = () => {
    for (; at < text.length; at++) {
      const c = text[at];
      if (c === '\n') {
        line++;
        lineStart = at + 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') break;
    }
  };
  const expect = (c: string) => {
    if (text[at] !== c) stop('character');
    at++;
  };
  const string = (): string => {
    const start = at;
    expect('"');
    for (;;) {
      const c = text[at];
      if (c === undefined) stop('end');
      if (c === '"') break;
      if (c < ' ') stop('string');
      if (c === '\\') {
        at++;
        const e = text[at];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) stop('string');
          at += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) stop('string');
      }
      at++;
    }
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) stop(text[at] === '-' || /\d/.test(text[at] ?? '') ? 'number' : 'character');
    at += match![0].length;
    if (/[\d.eE+-]/.test(text[at] ?? '')) stop('number');
  };
  const value = (path: string) => {
    space();
    if (!lines.has(path)) lines.set(path, line);
    const c = text[at];
    const child = (key: string) => (path ? `${path}.${key}` : key);
    if (c === '{') {
      at++;
      space();
      if (text[at] === '}') {
        at++;
        return;
      }
      for (;;) {
        space();
        const keyLine = line;
        const key = string();
        lines.set(child(key), keyLine);
        space();
        expect(':');
        value(child(key));
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (c === '[') {
      at++;
      space();
      if (text[at] === ']') {
        at++;
        return;
      }
      for (let i = 0; ; i++) {
        value(child(String(i)));
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        expect(']');
        return;
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return;
      }
    }
    number();
  };

  try {
    value('');
    space();
    if (at < text.length) stop('character');
  } catch (error) {
    if (error instanceof Stop) return { ok: false, problem: error.problem };
    throw error;
  }
  return { ok: true, value: JSON.parse(text), lines };
}

/** The line of a path, or of its nearest enclosing value that the text has (a missing member sits in its parent). */
export function lineOfPath(lines: Map<string, number>, path: string): number {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const found = lines.get(parts.slice(0, n).join('.'));
    if (found !== undefined) return found;
  }
  return lines.get('') ?? 1;
}

/** The offsets of a 1-based line's first character and of its end, to select the line in a text field. */
export function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}
