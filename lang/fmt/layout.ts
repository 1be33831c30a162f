// hclwrite's formatting pass over a token stream. The stream is cut into lines; each line is split into a
// lead (up to an `=` that is balanced to the end of the line), an assign part (from that `=`), and a
// trailing comment. Then:
//   indentation: two spaces per open bracket level, counted per line (a line opening two brackets indents
//                the next lines once; its closer dedents them together);
//   spacing:     spaceAfterToken between every pair of tokens on a line;
//   cells:       within a run of consecutive lines with an assign part, the `=` signs line up one column
//                after the longest lead; likewise trailing comments line up within a run.
// Heredoc bodies, comments and string contents are single tokens (or token runs with no spaces allowed
// between them), so they pass through untouched. Lines are index ranges into the stream, kept in typed
// arrays: nothing is allocated per token.

import { spaceAfterToken } from "./spacing.js";
import { BRACKET_CHANGE, K, columns, endsLine, type FmtStream } from "./tokens.js";

/** The lines of a stream: tokens [start[l], end[l]); assign/comment are token indices, or -1 for none. */
interface Lines {
  count: number;
  start: Int32Array;
  end: Int32Array;
  assign: Int32Array;
  comment: Int32Array;
}

export function formatStream(st: FmtStream, ascii: boolean): void {
  const lines = linesForFormat(st);
  formatIndent(st, lines);
  formatSpaces(st, lines);
  formatCells(st, lines, ascii);
}

/** Where the lead of line l ends: at its assign part, its comment, or its end. */
function leadEnd(lines: Lines, l: number): number {
  const a = lines.assign[l]!;
  if (a !== -1) return a;
  const c = lines.comment[l]!;
  return c !== -1 ? c : lines.end[l]!;
}

/** Where the assign part of line l ends (it has one): at its comment, or its end. */
function assignEnd(lines: Lines, l: number): number {
  const c = lines.comment[l]!;
  return c !== -1 ? c : lines.end[l]!;
}

// Each pass over the tokens below is a function of its own: V8 compiles a long-running loop while it runs
// (on-stack replacement), and code after that loop, never run yet, would be compiled without the type
// feedback it needs and thrown away when reached (several times over, when one function held all three).

function linesForFormat(st: FmtStream): Lines {
  let n = st.n;
  // The stream ends with EOF, which belongs to no line.
  if (n > 0 && st.code[n - 1] === K.EOF) n--;
  let count = countLineEnds(st, n);
  if (n > 0 && !endsLine(st, n - 1)) count++;
  const lines: Lines = {
    count,
    start: new Int32Array(count),
    end: new Int32Array(count),
    assign: new Int32Array(count).fill(-1),
    comment: new Int32Array(count).fill(-1),
  };
  cutLines(st, n, lines.start, lines.end);
  findCells(st, lines);
  return lines;
}

/** How many of tokens [0, n) end a line (endsLine, written out: this runs once per token). */
function countLineEnds(st: FmtStream, n: number): number {
  const code = st.code;
  const to = st.to;
  const pool = st.pool;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = code[i]!;
    if (c === K.Newline || (c === K.Comment && pool.charCodeAt(to[i]! - 1) === 10)) count++;
  }
  return count;
}

/** Fills each line's token range: a line ends after a token that ends it, or at the last token. */
function cutLines(st: FmtStream, n: number, starts: Int32Array, ends: Int32Array): void {
  const code = st.code;
  const to = st.to;
  const pool = st.pool;
  let l = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const c = code[i]!;
    if (!(c === K.Newline || (c === K.Comment && pool.charCodeAt(to[i]! - 1) === 10)) && i !== n - 1) continue;
    starts[l] = s;
    ends[l] = i + 1;
    l++;
    s = i + 1;
  }
}

/** Each line's trailing comment and its `=` that takes part in alignment, if any. */
function findCells(st: FmtStream, lines: Lines): void {
  const code = st.code;
  const starts = lines.start;
  const ends = lines.end;
  for (let l = 0; l < lines.count; l++) {
    const start = starts[l]!;
    let end = ends[l]!;
    if (end - start > 1 && code[end - 1] === K.Comment) {
      lines.comment[l] = end - 1;
      end--;
    }
    for (let i = start + 1; i < end; i++) {
      if (code[i] !== K.Equal) continue;
      let net = 0;
      for (let j = i; j < end; j++) net += BRACKET_CHANGE[code[j]!]!;
      // Only an `=` whose expression ends on this line takes part in alignment.
      if (net === 0) lines.assign[l] = i;
      break;
    }
  }
}

function formatIndent(st: FmtStream, lines: Lines): void {
  const code = st.code;
  // Each entry is the number of brackets one line opened; they close together.
  const indents: number[] = [];
  for (let l = 0; l < lines.count; l++) {
    const first = lines.start[l]!;
    const lead = leadEnd(lines, l);
    if (lead === first) continue;
    if (code[first] === K.Newline) {
      st.spaces[first] = 0;
      continue;
    }
    let net = 0;
    for (let i = first; i < lead; i++) {
      const c = code[i]!;
      net += BRACKET_CHANGE[c]!;
      // A heredoc's body is not code: its braces do not count.
      if (c === K.OHeredoc) break;
    }
    if (lines.assign[l] !== -1) {
      const end = assignEnd(lines, l);
      for (let i = lines.assign[l]!; i < end; i++) net += BRACKET_CHANGE[code[i]!]!;
    }

    if (net > 0) {
      st.spaces[first] = 2 * indents.length;
      indents.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && indents.length > 0) {
      const top = indents[indents.length - 1]!;
      if (closed > top) {
        closed -= top;
        indents.pop();
      } else if (closed < top) {
        indents[indents.length - 1] = top - closed;
        closed = 0;
      } else {
        indents.pop();
        closed = 0;
      }
    }
    st.spaces[first] = 2 * indents.length;
  }
}

/** Spaces between the tokens of [from, to), the first one's left as it is. */
function spaceRun(st: FmtStream, from: number, to: number): void {
  for (let i = from; i + 1 < to; i++) {
    const before = i > from ? st.code[i - 1]! : K.NilToken;
    st.spaces[i + 1] = spaceAfterToken(st, i, before) ? 1 : 0;
  }
}

function formatSpaces(st: FmtStream, lines: Lines): void {
  for (let l = 0; l < lines.count; l++) {
    spaceRun(st, lines.start[l]!, leadEnd(lines, l));
    const a = lines.assign[l]!;
    if (a !== -1) {
      st.spaces[a] = 1;
      spaceRun(st, a, assignEnd(lines, l));
    }
  }
}

function formatCells(st: FmtStream, lines: Lines, ascii: boolean): void {
  alignRuns(st, lines, lines.assign, (l) => columns(st, lines.start[l]!, leadEnd(lines, l), ascii));
  alignRuns(st, lines, lines.comment, (l) => columns(st, lines.start[l]!, lines.comment[l]!, ascii));
}

/** Lines in a consecutive run that all have a cell start it one column after the widest text before it. */
function alignRuns(st: FmtStream, lines: Lines, cell: Int32Array, widthBefore: (l: number) => number): void {
  // Each line's width, measured once.
  const widths = new Int32Array(lines.count);
  let runStart = -1;
  let maxWidth = 0;
  const close = (end: number): void => {
    for (let l = runStart; l < end; l++) st.spaces[cell[l]!] = maxWidth - widths[l]! + 1;
    runStart = -1;
    maxWidth = 0;
  };
  for (let l = 0; l < lines.count; l++) {
    if (cell[l] === -1) {
      if (runStart !== -1) close(l);
      continue;
    }
    if (runStart === -1) runStart = l;
    const w = widthBefore(l);
    widths[l] = w;
    if (w > maxWidth) maxWidth = w;
  }
  if (runStart !== -1) close(lines.count);
}
