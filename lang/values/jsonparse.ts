// A JSON reader that keeps numbers as their source text (so 12345678901234567890 and 0.1 stay exact) and
// reports errors with the wording of Go's encoding/json Decoder, which is what Terraform's jsondecode shows.
// Nesting is limited so hostile input yields an error instead of a stack overflow.

export type JSONNode =
  | { readonly k: "null" }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "number"; readonly text: string }
  | { readonly k: "string"; readonly v: string }
  | { readonly k: "array"; readonly items: readonly JSONNode[] }
  | { readonly k: "object"; readonly entries: readonly (readonly [string, JSONNode])[] };

export type JSONParseResult = { readonly ok: true; readonly node: JSONNode } | { readonly ok: false; readonly message: string };

export const maxJSONDepth = 1000;

class ParseError {
  constructor(readonly message: string) {}
}

/** Go's quoteChar: how encoding/json names an offending character. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const j = JSON.stringify(c);
  return "'" + j.slice(1, -1) + "'";
}

const ws = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export function parseJSONText(text: string): JSONParseResult {
  let i = 0;
  const n = text.length;
  const skip = () => {
    while (i < n && ws(text.charCodeAt(i))) i++;
  };
  const eof = (): never => {
    throw new ParseError("unexpected EOF");
  };
  const bad = (context: string): never => {
    throw new ParseError(`invalid character ${quoteChar(String.fromCodePoint(text.codePointAt(i)!))} ${context}`);
  };

  const literal = (word: string, node: JSONNode): JSONNode => {
    for (let j = 0; j < word.length; j++, i++) {
      if (i >= n) eof();
      if (text[i] !== word[j]) {
        const c = quoteChar(String.fromCodePoint(text.codePointAt(i)!));
        throw new ParseError(`invalid character ${c} in literal ${word} (expecting '${word[j]}')`);
      }
    }
    return node;
  };

  const number = (): JSONNode => {
    const start = i;
    if (text[i] === "-") {
      i++;
      if (i >= n) eof();
      if (!/[0-9]/.test(text[i]!)) bad("in numeric literal");
    }
    if (text[i] === "0") i++;
    else while (i < n && /[0-9]/.test(text[i]!)) i++;
    if (text[i] === ".") {
      i++;
      if (i >= n) eof();
      if (!/[0-9]/.test(text[i]!)) bad("after decimal point in numeric literal");
      while (i < n && /[0-9]/.test(text[i]!)) i++;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (i >= n) eof();
      if (!/[0-9]/.test(text[i]!)) bad("in exponent of numeric literal");
      while (i < n && /[0-9]/.test(text[i]!)) i++;
    }
    return { k: "number", text: text.slice(start, i) };
  };

  const string = (): string => {
    i++; // opening quote
    let out = "";
    let run = i;
    for (;;) {
      if (i >= n) eof();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c < 0x20) bad("in string literal");
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(run, i);
      i++;
      if (i >= n) eof();
      const e = text[i]!;
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e in simple) {
        out += simple[e];
        i++;
      } else if (e === "u") {
        i++;
        let code = 0;
        for (let j = 0; j < 4; j++, i++) {
          if (i >= n) eof();
          const h = parseInt(text[i]!, 16);
          if (Number.isNaN(h)) bad("in \\u hexadecimal character escape");
          code = code * 16 + h;
        }
        out += String.fromCharCode(code);
      } else bad("in string escape code");
      run = i;
    }
  };

  const value = (depth: number, context: string): JSONNode => {
    if (depth > maxJSONDepth) throw new ParseError(`exceeded max depth of ${maxJSONDepth}`);
    skip();
    if (i >= n) eof();
    const c = text[i]!;
    switch (c) {
      case "{": {
        i++;
        const entries: [string, JSONNode][] = [];
        skip();
        if (i >= n) eof();
        if (text[i] === "}") {
          i++;
          return { k: "object", entries };
        }
        for (;;) {
          skip();
          if (i >= n) eof();
          if (text[i] !== '"') bad("looking for beginning of object key string");
          const key = string();
          skip();
          if (i >= n) eof();
          if (text[i] !== ":") bad("after object key");
          i++;
          entries.push([key, value(depth + 1, "looking for beginning of value")]);
          skip();
          if (i >= n) eof();
          if (text[i] === ",") {
            i++;
            continue;
          }
          if (text[i] === "}") {
            i++;
            return { k: "object", entries };
          }
          bad("after object key:value pair");
        }
      }
      case "[": {
        i++;
        const items: JSONNode[] = [];
        skip();
        if (i >= n) eof();
        if (text[i] === "]") {
          i++;
          return { k: "array", items };
        }
        for (;;) {
          items.push(value(depth + 1, "looking for beginning of value"));
          skip();
          if (i >= n) eof();
          if (text[i] === ",") {
            i++;
            continue;
          }
          if (text[i] === "]") {
            i++;
            return { k: "array", items };
          }
          bad("after array element");
        }
      }
      case '"':
        return { k: "string", v: string() };
      case "t":
        return literal("true", { k: "bool", v: true });
      case "f":
        return literal("false", { k: "bool", v: false });
      case "n":
        return literal("null", { k: "null" });
      default:
        if (c === "-" || (c >= "0" && c <= "9")) return number();
        return bad(context);
    }
  };

  try {
    skip();
    if (i >= n) return { ok: false, message: "EOF" };
    const node = value(0, "looking for beginning of value");
    skip();
    if (i < n) return { ok: false, message: "extraneous data after JSON object" };
    return { ok: true, node };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, message: e.message };
    throw e;
  }
}
