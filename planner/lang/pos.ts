// Source positions and ranges. Every AST node and every diagnostic carries a Range so that users are told
// exactly where a problem is (HCL's pos.go). Lines and columns are 1-based; byte is a 0-based UTF-8 offset.
// Columns count Unicode grapheme-ish characters (code points), as HCL's do, not bytes.

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

export function makeRange(filename: string, start: Pos, end: Pos): Range {
  return { filename, start, end };
}

/** The smallest range covering both a and b (they must be in the same file). */
export function rangeBetween(a: Range, b: Range): Range {
  const start = a.start.byte <= b.start.byte ? a.start : b.start;
  const end = a.end.byte >= b.end.byte ? a.end : b.end;
  return { filename: a.filename, start, end };
}

/** A zero-length range at the start of r, useful for "missing X here" diagnostics. */
export function rangeStartOf(r: Range): Range {
  return { filename: r.filename, start: r.start, end: r.start };
}

export function rangeEmpty(r: Range): boolean {
  return r.start.byte === r.end.byte;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return outer.filename === inner.filename && outer.start.byte <= inner.start.byte && outer.end.byte >= inner.end.byte;
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
