// Source positions and ranges. Every AST node and every diagnostic carries a Range so that users are told
// exactly where a problem is (HCL's pos.go). Lines and columns are 1-based; byte is a 0-based UTF-8 offset.
// Columns count Unicode grapheme-ish characters (code points), as HCL's do, not bytes.
//
// Ranges made by the native parser are `SourceRange`s: two byte offsets and the file's `SourceMap`, with the
// line and column of each end worked out on first access (from a line-start table built once per file) and
// then cached. A parse of a 1.3 MB file makes some 300,000 ranges; as plain objects with two `Pos` each they
// made up most of the AST and most of the parse time (garbage collection). Anyone else may still build a
// Range as a plain `{ filename, start, end }` object; the helpers below accept both.

export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly byte: number;
}

export interface Range {
  readonly filename: string;
  readonly start: Pos;
  readonly end: Pos;
}

export const startOfFile: Pos = Object.freeze({ line: 1, column: 1, byte: 0 });

/**
 * Turns byte offsets of one source text into positions. `text` is the decoded source (a JS string) whose
 * first character is at `base`; `bad` holds the string indices that stand for one invalid input byte each
 * (counted as one byte and one column, as the scanner does). Line breaks are LF only (a CR is a column).
 * The line table is built on the first position asked for, so a parse whose ranges are never read as
 * lines and columns never pays for it.
 */
export class SourceMap {
  /** Byte offset and string index of the start of each line (line i is base.line + i). */
  private lineByte: Int32Array | undefined;
  private lineIndex: Int32Array | undefined;
  /** Per line: 1 when every character of the line is ASCII (column = byte distance + 1). */
  private lineAscii: Uint8Array | undefined;
  private lastLine = 0;

  constructor(
    readonly filename: string,
    readonly text: string,
    readonly base: Pos = startOfFile,
    readonly bad: ReadonlySet<number> | null = null,
  ) {}

  /** The range [startByte, endByte) of this file. */
  range(startByte: number, endByte: number): SourceRange {
    return new SourceRange(this, startByte, endByte);
  }

  /** The position of a byte offset (which must fall on a character boundary of this text). */
  pos(byte: number): Pos {
    if (this.lineByte === undefined) this.buildLines();
    const lb = this.lineByte!;
    const n = lb.length;
    let l = this.lastLine;
    if (!(lb[l]! <= byte && (l + 1 >= n || lb[l + 1]! > byte))) {
      // Binary search for the last line starting at or before byte.
      let lo = 0;
      let hi = n - 1;
      if (byte < lb[0]!) {
        hi = 0;
      }
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lb[mid]! <= byte) lo = mid;
        else hi = mid - 1;
      }
      l = lo;
      this.lastLine = l;
    }
    const firstCol = l === 0 ? this.base.column : 1;
    const line = this.base.line + l;
    if (byte <= lb[l]!) return { line, column: firstCol, byte };
    if (this.lineAscii![l] === 1) return { line, column: firstCol + (byte - lb[l]!), byte };
    // Walk the line's characters, counting bytes as the scanner does.
    const s = this.text;
    const bad = this.bad;
    let i = this.lineIndex![l]!;
    let b = lb[l]!;
    let col = firstCol;
    while (b < byte && i < s.length) {
      const c = s.charCodeAt(i);
      if (c < 0x80) b++;
      else if (bad !== null && bad.has(i)) b++;
      else if (c < 0x800) b += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        b += 4;
        i++;
      } else b += 3;
      col++;
      i++;
    }
    return { line, column: col, byte };
  }

  private buildLines(): void {
    const s = this.text;
    const bad = this.bad;
    const bytes: number[] = [this.base.byte];
    const indices: number[] = [0];
    const ascii: number[] = [];
    let lineAscii = 1;
    let b = this.base.byte;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        b++;
        if (c === 10) {
          ascii.push(lineAscii);
          lineAscii = 1;
          bytes.push(b);
          indices.push(i + 1);
        }
        continue;
      }
      lineAscii = 0;
      if (bad !== null && bad.has(i)) b++;
      else if (c < 0x800) b += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        b += 4;
        i++;
      } else b += 3;
    }
    ascii.push(lineAscii);
    this.lineByte = Int32Array.from(bytes);
    this.lineIndex = Int32Array.from(indices);
    this.lineAscii = Uint8Array.from(ascii);
  }
}

/**
 * A Range given by byte offsets into a SourceMap; `start` and `end` are computed on each access (a binary
 * search in the line table; no cache, so that a range stays three fields: 48 bytes, against some 150 for a
 * plain range with its two positions). `toJSON` gives the plain `{ filename, start, end }` form.
 */
export class SourceRange implements Range {
  constructor(
    readonly map: SourceMap,
    readonly startByte: number,
    readonly endByte: number,
  ) {}

  get filename(): string {
    return this.map.filename;
  }

  get start(): Pos {
    return this.map.pos(this.startByte);
  }

  get end(): Pos {
    return this.map.pos(this.endByte);
  }

  toJSON(): Range {
    return toPlainRange(this);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): Range {
    return toPlainRange(this);
  }
}

/** Keeps the SourceRange map alive between parses (see the note above Scanner in syntax/lexer.ts). */
export const residentRange = new SourceRange(new SourceMap("<resident>", ""), 0, 0);

/** A plain-object copy of any range (for structural comparison with literals, or serialisation). */
export function toPlainRange(r: Range): Range {
  const s = r.start;
  const e = r.end;
  return {
    filename: r.filename,
    start: { line: s.line, column: s.column, byte: s.byte },
    end: { line: e.line, column: e.column, byte: e.byte },
  };
}

/** The smallest range covering both a and b (they must be in the same file). */
export function rangeBetween(a: Range, b: Range): Range {
  if (a instanceof SourceRange && b instanceof SourceRange && a.map === b.map) {
    const sa = a.startByte;
    const sb = b.startByte;
    const ea = a.endByte;
    const eb = b.endByte;
    if (sa <= sb && ea >= eb) return a;
    if (sb < sa && eb >= ea) return b;
    return new SourceRange(a.map, sa <= sb ? sa : sb, ea >= eb ? ea : eb);
  }
  const start = a.start.byte <= b.start.byte ? a.start : b.start;
  const end = a.end.byte >= b.end.byte ? a.end : b.end;
  return { filename: a.filename, start, end };
}

/** A zero-length range at the start of r, useful for "missing X here" diagnostics. */
export function rangeStartOf(r: Range): Range {
  if (r instanceof SourceRange) return r.startByte === r.endByte ? r : new SourceRange(r.map, r.startByte, r.startByte);
  return { filename: r.filename, start: r.start, end: r.start };
}

/** A zero-length range at the end of r. */
export function rangeEndOf(r: Range): Range {
  if (r instanceof SourceRange) return r.startByte === r.endByte ? r : new SourceRange(r.map, r.endByte, r.endByte);
  return { filename: r.filename, start: r.end, end: r.end };
}

/** HCL's textual form, used in test expectations and JSON diagnostics: file:line,col-line,col */
export function formatRange(r: Range): string {
  return `${r.filename}:${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}

/** hcl.Range.String(), the form user-facing messages use: `main.tf:3,5-9`, or `main.tf:3,5-4,2` across lines. */
export function rangeString(r: Range): string {
  return r.start.line === r.end.line
    ? `${r.filename}:${r.start.line},${r.start.column}-${r.end.column}`
    : `${r.filename}:${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}
