// Decoding a JSON string token, with the error offsets HCL reports. HCL hands the token to Go's
// encoding/json and places the diagnostic at the byte offset where that decoder gave up (which is one past
// the offending character, or the end of the token when it is unterminated); the column is advanced by the
// same byte count, as HCL does.

export type JsonStringResult = { ok: true; value: string } | { ok: false; errorByteOffset: number };

function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Decodes `"..."` (the token text including quotes). */
export function decodeJsonString(tokenText: string): JsonStringResult {
  const fail = (indexOfBadChar: number): JsonStringResult => ({
    ok: false,
    errorByteOffset: utf8Length(tokenText, 0, Math.min(indexOfBadChar + 1, tokenText.length)),
  });
  const unterminated = (): JsonStringResult => ({ ok: false, errorByteOffset: utf8Length(tokenText, 0, tokenText.length) });

  let out = "";
  let i = 1;
  let runStart = 1;
  const n = tokenText.length;
  while (i < n) {
    const c = tokenText.charCodeAt(i);
    if (c === 34) {
      out += tokenText.slice(runStart, i);
      return i === n - 1 ? { ok: true, value: out.normalize("NFC") } : fail(i + 1);
    }
    if (c < 32) return fail(i);
    if (c !== 92) {
      i++;
      continue;
    }
    out += tokenText.slice(runStart, i);
    if (i + 1 >= n) return unterminated();
    const e = tokenText[i + 1]!;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (e === "u") {
      const unit = readHex4(tokenText, i + 2);
      if (typeof unit === "object") return unit.bad >= n ? unterminated() : fail(unit.bad);
      i += 6;
      out += decodeSurrogates(unit, tokenText, i, (consumed) => (i += consumed));
    } else {
      return fail(i + 1);
    }
    runStart = i;
  }
  return unterminated();
}

function readHex4(s: string, at: number): number | { bad: number } {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    if (at + k >= s.length) return { bad: s.length };
    const h = hexValue(s.charCodeAt(at + k));
    if (h < 0) return { bad: at + k };
    v = v * 16 + h;
  }
  return v;
}

/** A high surrogate joins a following `\uDC00`-`\uDFFF` escape; a lone surrogate becomes U+FFFD (as Go does). */
function decodeSurrogates(unit: number, s: string, after: number, advance: (n: number) => void): string {
  if (unit < 0xd800 || unit > 0xdfff) return String.fromCharCode(unit);
  if (unit <= 0xdbff && s[after] === "\\" && s[after + 1] === "u") {
    const low = readHex4(s, after + 2);
    if (typeof low === "number" && low >= 0xdc00 && low <= 0xdfff) {
      advance(6);
      return String.fromCharCode(unit, low);
    }
  }
  return "\uFFFD";
}
