/**
 * Locate the first syntax error in text that JSON.parse rejected. Node 20's V8 omits the position for
 * "Unexpected token" and quotes the source instead (which may hold a secret), so we find it ourselves.
 */
export interface JsonSyntaxError {
  offset: number;
  reason: string;
}

class Fail extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const fail = (reason?: string): never => {
    if (i >= text.length) throw new Fail(i, 'unexpected end of input');
    throw new Fail(i, reason ?? `unexpected character ${JSON.stringify(text[i])}`);
  };
  const expect = (ch: string): void => {
    if (text[i] !== ch) fail(`expected ${JSON.stringify(ch)}`);
    i++;
  };
  const string = (): void => {
    expect('"');
    while (text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (i >= text.length) fail('unterminated string');
      if (c < 0x20) fail('control character in string');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x') || text[i] === undefined) fail('bad escape in string');
      }
      i++;
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        string();
        ws();
        expect(':');
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect('}');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect(']');
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (m === null) fail();
    i += m?.[0].length ?? 0;
  };
  try {
    value();
    ws();
    if (i < text.length) fail('unexpected content after the document');
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}
