// Decoding source bytes to a JS string while remembering which bytes were not valid UTF-8, so that the
// lexer can report "Invalid character encoding" with the exact byte range instead of silently replacing them.

export interface DecodedSource {
  readonly text: string;
  /** String indices (UTF-16 code units) that stand for one invalid input byte each; null when all valid. */
  readonly badBytes: ReadonlySet<number> | null;
}

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

export function decodeSource(src: string | Uint8Array): DecodedSource {
  if (typeof src === "string") return { text: src, badBytes: loneSurrogates(src) };
  try {
    return { text: fatalDecoder.decode(src), badBytes: null };
  } catch {
    return decodeWithBadBytes(src);
  }
}

/** Lone surrogates in a JS string cannot be encoded as UTF-8; treat each like an invalid byte. */
function loneSurrogates(s: string): Set<number> | null {
  if ((s as { isWellFormed?: () => boolean }).isWellFormed?.() ?? !/[\uD800-\uDFFF]/.test(s)) return null;
  let bad: Set<number> | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    (bad ??= new Set()).add(i);
  }
  return bad;
}

/** Length of the valid UTF-8 sequence starting at b[i], or 0 when b[i] does not start one. */
function validSequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number): boolean => i + k < b.length && (b[i + k]! & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 >= 0xa0) return 0; // surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

function decodeWithBadBytes(b: Uint8Array): DecodedSource {
  const parts: string[] = [];
  const bad = new Set<number>();
  let textLength = 0;
  let runStart = 0;
  let i = 0;
  const flush = (end: number): void => {
    if (end > runStart) {
      const s = lenientDecoder.decode(b.subarray(runStart, end));
      parts.push(s);
      textLength += s.length;
    }
  };
  while (i < b.length) {
    const n = validSequenceLength(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    bad.add(textLength);
    parts.push("\uFFFD");
    textLength += 1;
    i++;
    runStart = i;
  }
  flush(b.length);
  return { text: parts.join(""), badBytes: bad };
}
