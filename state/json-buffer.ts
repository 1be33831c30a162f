// Reading JSON straight from bytes, for state files too large to be one JavaScript string (V8 caps strings
// at about 512 MB; opentofu #1660's state is 1.4 GB): from a Buffer, or from a file read in 4 MiB pieces
// (only the piece being parsed and the token that spans it are in memory). One iterative pass: structure is read
// byte by byte, strings are found with Buffer.indexOf (memchr) and decoded one at a time, numbers keep the
// LosslessNumber semantics of parseJsonExact. Large strings that occur more than once (terraform_data keeps
// its input twice; many instances often hold the same payload) are decoded once and shared, which strings'
// immutability makes invisible to callers.

import { readSync } from "node:fs";
import { isLossy, LosslessNumber, setOwn, type JsonParseResult, type JsonValue } from "../lang/values/json-exact.js";

/** Strings at least this long (in bytes) are shared when equal. */
const INTERN_MIN = 4096;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

type Frame = { readonly obj?: { [key: string]: JsonValue }; readonly arr?: JsonValue[]; key: string };

const READ_CHUNK = 4 * 1024 * 1024;

export function parseJsonBuffer(buf: Buffer): JsonParseResult {
  return parseJsonSource(buf, () => undefined);
}

/** Parses the file open at `fd` from its current position to its end, reading it in pieces. */
export function parseJsonFile(fd: number): JsonParseResult {
  return parseJsonSource(Buffer.alloc(0), () => {
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    const got = readSync(fd, chunk, 0, READ_CHUNK, null);
    return got === 0 ? undefined : chunk.subarray(0, got);
  });
}

/** `first` and then whatever `next` returns until it returns undefined, as one JSON document. */
function parseJsonSource(first: Buffer, next: () => Buffer | undefined): JsonParseResult {
  let buf = first;
  let n = buf.length;
  /** The file offset of buf[0]. */
  let base = 0;
  let eof = false;
  const interned = new Map<string, { bytes: Buffer; value: string }[]>();
  let i = 0;
  /** Appends the next piece, dropping the bytes before `keepFrom`; returns how far positions moved (or -1 at the end). */
  const refill = (keepFrom: number): number => {
    if (eof) return -1;
    const chunk = next();
    if (chunk === undefined) {
      eof = true;
      return -1;
    }
    buf = Buffer.concat([buf.subarray(keepFrom, n), chunk]);
    n = buf.length;
    base += keepFrom;
    i -= keepFrom;
    return keepFrom;
  };
  const ws = () => {
    for (;;) {
      if (i >= n && refill(i) < 0) return;
      const c = buf[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  /** Makes sure buf holds k bytes from i, when the input has them. */
  const ensure = (k: number) => {
    while (n - i < k && refill(i) >= 0);
  };
  const fail = (what?: string): JsonParseResult => ({
    ok: false,
    message: i >= n ? "Unexpected end of JSON input" : (what ?? `Unexpected token ${JSON.stringify(String.fromCharCode(buf[i]))} in JSON at position ${base + i}`),
  });
  /** Reads the string at i (buf[i] is the opening quote); undefined when malformed. */
  const readString = (): string | undefined => {
    let start = i;
    let j = start + 1;
    for (;;) {
      const q = buf.indexOf(0x22, j);
      if (q < 0) {
        const searched = n;
        const moved = refill(start);
        if (moved < 0) {
          i = n;
          return undefined;
        }
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
    i = end;
    const len = end - start;
    if (len >= INTERN_MIN) {
      const key = `${len}:${buf.toString("latin1", start, start + 32)}:${buf.toString("latin1", end - 32, end)}`;
      let list = interned.get(key);
      if (list) {
        for (const e of list) if (buf.compare(e.bytes, 0, len, start, end) === 0) return e.value;
      }
      const value = decodeString(buf, start, end);
      if (value === undefined) return undefined;
      if (!list) interned.set(key, (list = []));
      list.push({ bytes: Buffer.from(buf.subarray(start, end)), value });
      return value;
    }
    return decodeString(buf, start, end);
  };

  const stack: Frame[] = [];
  let value: JsonValue = null;
  ws();
  for (;;) {
    // A value starts at i.
    if (i >= n) return fail();
    const c = buf[i];
    let complete = true;
    if (c === 0x7b /* { */) {
      i++;
      ws();
      if (buf[i] === 0x7d) {
        i++;
        value = {};
      } else {
        if (buf[i] !== 0x22) return fail();
        const key = readString();
        if (key === undefined) return fail("Bad string in JSON");
        ws();
        if (buf[i] !== 0x3a) return fail();
        i++;
        ws();
        stack.push({ obj: {}, key });
        complete = false;
      }
    } else if (c === 0x5b /* [ */) {
      i++;
      ws();
      if (buf[i] === 0x5d) {
        i++;
        value = [];
      } else {
        stack.push({ arr: [], key: "" });
        complete = false;
      }
    } else if (c === 0x22) {
      const s = readString();
      if (s === undefined) return fail("Bad string in JSON");
      value = s;
    } else if ((c === 0x74 || c === 0x6e) && (ensure(4), buf.toString("latin1", i, i + 4) === (c === 0x74 ? "true" : "null"))) {
      value = c === 0x74 ? true : null;
      i += 4;
    } else if (c === 0x66 && (ensure(5), buf.toString("latin1", i, i + 5) === "false")) {
      value = false;
      i += 5;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let start = i;
      i++;
      for (;;) {
        if (i >= n) {
          const moved = refill(start);
          if (moved < 0) break;
          start -= moved;
        }
        const d = buf[i];
        if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) i++;
        else break;
      }
      const text = buf.toString("latin1", start, i);
      if (!NUMBER.test(text)) {
        i = start;
        return fail(`Bad number ${JSON.stringify(text)} in JSON at position ${base + start}`);
      }
      value = isLossy(text) ? new LosslessNumber(text) : Number(text);
    } else {
      return fail();
    }
    if (!complete) continue;
    // A value is complete: store it in its container, then find the next value or close containers.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        ws();
        if (i < n) return fail();
        return { ok: true, value };
      }
      if (top.arr) top.arr.push(value);
      else setOwn(top.obj!, top.key, value);
      ws();
      const d = buf[i];
      if (d === 0x2c /* , */) {
        i++;
        ws();
        if (top.obj) {
          if (buf[i] !== 0x22) return fail();
          const key = readString();
          if (key === undefined) return fail("Bad string in JSON");
          top.key = key;
          ws();
          if (buf[i] !== 0x3a) return fail();
          i++;
          ws();
        }
        break;
      }
      if ((d === 0x7d && top.obj) || (d === 0x5d && top.arr)) {
        i++;
        stack.pop();
        value = top.obj ?? top.arr!;
        continue;
      }
      return fail();
    }
  }
}

/** The string whose JSON text (quotes included) is buf[start, end); undefined when it is not valid JSON. */
function decodeString(buf: Buffer, start: number, end: number): string | undefined {
  try {
    return JSON.parse(buf.toString("utf8", start, end)) as string;
  } catch {
    return undefined;
  }
}
