// The one JSON reader. It reads bytes (a whole Buffer, or a file in pieces, so a state file beyond V8's string
// limit of about 512 MB loads), keeps every number as its source text for the caller to interpret exactly,
// reports errors in the wording of Go's encoding/json Decoder (what Terraform shows for jsondecode and for a
// broken state file), and builds whatever tree its caller wants through a JsonSink. It is iterative, so
// nesting depth never grows the call stack; `maxDepth` turns hostile nesting into an error.
//
// Strings are found with Buffer.indexOf (memchr) and decoded natively one at a time; large strings that occur
// more than once (terraform_data keeps its input twice; many instances often hold the same payload) are
// decoded once and shared, which strings' immutability makes invisible to callers.

/** How a caller builds its tree: containers are opened, filled in order, then closed into values. */
export interface JsonSink<V, O, A> {
  readonly null: V;
  readonly true: V;
  readonly false: V;
  string(value: string): V;
  /** `text` is the number's JSON source text, already checked against JSON's number syntax. */
  number(text: string): V;
  openObject(): O;
  /** Called once per member in source order, duplicates included. */
  member(object: O, key: string, value: V): void;
  closeObject(object: O): V;
  openArray(): A;
  element(array: A, value: V): void;
  closeArray(array: A): V;
}

export type JsonReadResult<V> = { readonly ok: true; readonly value: V } | { readonly ok: false; readonly message: string };

export interface JsonReadOptions {
  /** Containers nested deeper than this are an error ("exceeded max depth of N"). */
  readonly maxDepth: number;
  /** More input after `first`, one piece per call, until it returns undefined. */
  readonly next?: () => Buffer | undefined;
}

/** Strings at least this long (in bytes) are shared when equal. */
const INTERN_MIN = 4096;

class ReadError {
  constructor(readonly message: string) {}
}

/** Go's quoteChar: how encoding/json names an offending character. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  return "'" + JSON.stringify(c).slice(1, -1) + "'";
}

const SIMPLE_ESCAPES: ReadonlySet<number> = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

type Frame<O, A> = { readonly object?: O; readonly array?: A; key: string };

export function readJson<V, O, A>(first: Buffer, sink: JsonSink<V, O, A>, options: JsonReadOptions): JsonReadResult<V> {
  const next = options.next ?? (() => undefined);
  let buf = first;
  let n = buf.length;
  let ended = false;
  const interned = new Map<string, { bytes: Buffer; value: string }[]>();
  let i = 0;
  /** While a number is read, where it starts: input before it may not be dropped. */
  let hold = -1;

  /** Appends the next piece, dropping the bytes before `keepFrom`; returns how far positions moved (or -1 at the end). */
  const refill = (keepFrom: number): number => {
    if (ended) return -1;
    const chunk = next();
    if (chunk === undefined) {
      ended = true;
      return -1;
    }
    buf = Buffer.concat([buf.subarray(keepFrom, n), chunk]);
    n = buf.length;
    i -= keepFrom;
    if (hold >= 0) hold -= keepFrom;
    return keepFrom;
  };
  /** The byte at i + k, reading more input when needed; undefined at the end of the input. */
  const peek = (k = 0): number | undefined => {
    while (i + k >= n) if (refill(hold >= 0 ? hold : i) < 0) return undefined;
    return buf[i + k];
  };
  const skipSpace = () => {
    for (;;) {
      const c = peek();
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const eof = (): never => {
    throw new ReadError("unexpected EOF");
  };
  const charAt = (): string => {
    peek(3);
    const s = buf.toString("utf8", i, Math.min(n, i + 4));
    return String.fromCodePoint(s.codePointAt(0)!);
  };
  const invalid = (context: string): never => {
    if (peek() === undefined) eof();
    throw new ReadError(`invalid character ${quoteChar(charAt())} ${context}`);
  };
  /** Consumes the expected byte or fails with Go's message for what is there instead. */
  const expect = (byte: number, context: string) => {
    if (peek() !== byte) invalid(context);
    i++;
  };

  const literal = (word: string, value: V): V => {
    for (let j = 0; j < word.length; j++, i++) {
      const c = peek();
      if (c === undefined) eof();
      if (c !== word.charCodeAt(j)) throw new ReadError(`invalid character ${quoteChar(charAt())} in literal ${word} (expecting '${word[j]}')`);
    }
    return value;
  };

  const digits = () => {
    while (isDigit(peek())) i++;
  };
  const number = (): V => {
    hold = i;
    if (peek() === 0x2d) {
      i++;
      if (peek() === undefined) eof();
      if (!isDigit(peek())) invalid("in numeric literal");
    }
    if (peek() === 0x30) i++;
    else digits();
    if (peek() === 0x2e) {
      i++;
      if (peek() === undefined) eof();
      if (!isDigit(peek())) invalid("after decimal point in numeric literal");
      digits();
    }
    const e = peek();
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = peek();
      if (sign === 0x2b || sign === 0x2d) i++;
      if (peek() === undefined) eof();
      if (!isDigit(peek())) invalid("in exponent of numeric literal");
      digits();
    }
    const text = buf.toString("latin1", hold, i);
    hold = -1;
    return sink.number(text);
  };

  /** Go's message for the malformed string whose opening quote is at `start`. */
  const stringError = (start: number): never => {
    i = start + 1;
    for (;;) {
      const c = peek();
      if (c === undefined) eof();
      if (c === 0x22) throw new ReadError("invalid string"); // unreachable: the native decoder accepted no fault here
      if (c! < 0x20) invalid("in string literal");
      if (c !== 0x5c) {
        i++;
        continue;
      }
      i++;
      const e = peek();
      if (e === undefined) eof();
      if (SIMPLE_ESCAPES.has(e!)) {
        i++;
      } else if (e === 0x75) {
        i++;
        for (let j = 0; j < 4; j++, i++) {
          const h = peek();
          if (h === undefined) eof();
          if (!isHex(h!)) invalid("in \\u hexadecimal character escape");
        }
      } else invalid("in string escape code");
    }
  };

  /** The string at i (buf[i] is the opening quote). */
  const string = (): string => {
    let start = i;
    let j = start + 1;
    for (;;) {
      const q = buf.indexOf(0x22, j);
      if (q < 0) {
        const searched = n;
        const moved = refill(start);
        if (moved < 0) return stringError(start);
        start -= moved;
        j = searched - moved;
        continue;
      }
      j = q;
      let b = j - 1;
      while (buf[b] === 0x5c) b--;
      if ((j - 1 - b) % 2 === 0) break;
      j++;
    }
    const end = j + 1;
    const len = end - start;
    let list: { bytes: Buffer; value: string }[] | undefined;
    let key = "";
    if (len >= INTERN_MIN) {
      key = `${len}:${buf.toString("latin1", start, start + 32)}:${buf.toString("latin1", end - 32, end)}`;
      list = interned.get(key);
      if (list) {
        for (const e of list) {
          if (buf.compare(e.bytes, 0, len, start, end) === 0) {
            i = end;
            return e.value;
          }
        }
      }
    }
    let value: string;
    try {
      value = JSON.parse(buf.toString("utf8", start, end)) as string;
    } catch {
      return stringError(start);
    }
    i = end;
    if (len >= INTERN_MIN) {
      if (!list) interned.set(key, (list = []));
      list.push({ bytes: Buffer.from(buf.subarray(start, end)), value });
    }
    return value;
  };

  const stack: Frame<O, A>[] = [];
  const objectKey = (): string => {
    skipSpace();
    if (peek() !== 0x22) invalid("looking for beginning of object key string");
    const key = string();
    skipSpace();
    expect(0x3a, "after object key");
    return key;
  };

  try {
    skipSpace();
    if (peek() === undefined) return { ok: false, message: "EOF" };
    for (;;) {
      // A value starts here (after optional space).
      skipSpace();
      const c = peek();
      if (c === undefined) eof();
      let value: V;
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (stack.length >= options.maxDepth) throw new ReadError(`exceeded max depth of ${options.maxDepth}`);
        i++;
        skipSpace();
        if (c === 0x7b) {
          if (peek() === 0x7d) {
            i++;
            value = sink.closeObject(sink.openObject());
          } else {
            stack.push({ object: sink.openObject(), key: objectKey() });
            continue;
          }
        } else if (peek() === 0x5d) {
          i++;
          value = sink.closeArray(sink.openArray());
        } else {
          stack.push({ array: sink.openArray(), key: "" });
          continue;
        }
      } else if (c === 0x22) value = sink.string(string());
      else if (c === 0x74) value = literal("true", sink.true);
      else if (c === 0x66) value = literal("false", sink.false);
      else if (c === 0x6e) value = literal("null", sink.null);
      else if (c === 0x2d || isDigit(c)) value = number();
      else return invalid("looking for beginning of value");

      // A value is complete: store it in its container, then find the next value or close containers.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          skipSpace();
          if (peek() !== undefined) throw new ReadError("extraneous data after JSON object");
          return { ok: true, value };
        }
        if (top.array !== undefined) sink.element(top.array, value);
        else sink.member(top.object!, top.key, value);
        skipSpace();
        const d = peek();
        if (d === undefined) eof();
        if (d === 0x2c /* , */) {
          i++;
          if (top.object !== undefined) top.key = objectKey();
          break;
        }
        if (d === 0x7d && top.object !== undefined) {
          i++;
          stack.pop();
          value = sink.closeObject(top.object);
          continue;
        }
        if (d === 0x5d && top.array !== undefined) {
          i++;
          stack.pop();
          value = sink.closeArray(top.array);
          continue;
        }
        return invalid(top.array !== undefined ? "after array element" : "after object key:value pair");
      }
    }
  } catch (e) {
    if (e instanceof ReadError) return { ok: false, message: e.message };
    throw e;
  }
}
