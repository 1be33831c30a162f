// hclwrite's formatting pass over a token stream. The stream is cut into lines; each line is split into a
// lead (up to an `=` that is balanced to the end of the line), an assign part (from that `=`), and a
// trailing comment. Then:
//   indentation: two spaces per open bracket level, counted per line (a line opening two brackets indents
//                the next lines once; its closer dedents them together);
//   spacing:     spaceAfterToken between every pair of tokens on a line;
//   cells:       within a run of consecutive lines with an assign part, the `=` signs line up one column
//                after the longest lead; likewise trailing comments line up within a run.
// Heredoc bodies, comments and string contents are single tokens (or token runs with no spaces allowed
// between them), so they pass through untouched.

import { spaceAfterToken } from "./spacing.js";
import { bracketChange, columns, endsLine, fmtToken, type FmtToken } from "./tokens.js";

interface FormatLine {
  lead: FmtToken[];
  assign: FmtToken[] | null;
  comment: FmtToken[] | null;
}

const NIL = fmtToken("NilToken", "");

export function formatTokens(tokens: FmtToken[]): void {
  const lines = linesForFormat(tokens);
  formatIndent(lines);
  formatSpaces(lines);
  formatCells(lines);
}

function linesForFormat(tokens: readonly FmtToken[]): FormatLine[] {
  const lines: FormatLine[] = [];
  let current: FmtToken[] = [];
  for (const t of tokens) {
    if (t.type === "EOF") break;
    current.push(t);
    if (endsLine(t)) {
      lines.push({ lead: current, assign: null, comment: null });
      current = [];
    }
  }
  if (current.length > 0) lines.push({ lead: current, assign: null, comment: null });

  for (const line of lines) {
    const lead = line.lead;
    if (lead.length > 1 && lead[lead.length - 1]!.type === "Comment") {
      line.comment = lead.slice(lead.length - 1);
      line.lead = lead.slice(0, lead.length - 1);
    }
    for (let i = 1; i < line.lead.length; i++) {
      if (line.lead[i]!.type !== "Equal") continue;
      let net = 0;
      for (let j = i; j < line.lead.length; j++) net += bracketChange(line.lead[j]!);
      // Only an `=` whose expression ends on this line takes part in alignment.
      if (net === 0) {
        line.assign = line.lead.slice(i);
        line.lead = line.lead.slice(0, i);
      }
      break;
    }
  }
  return lines;
}

function formatIndent(lines: readonly FormatLine[]): void {
  // Each entry is the number of brackets one line opened; they close together.
  const indents: number[] = [];
  for (const line of lines) {
    if (line.lead.length === 0) continue;
    const first = line.lead[0]!;
    if (first.type === "Newline") {
      first.spacesBefore = 0;
      continue;
    }
    let net = 0;
    for (const t of line.lead) {
      net += bracketChange(t);
      // A heredoc's body is not code: its braces do not count.
      if (t.type === "OHeredoc") break;
    }
    for (const t of line.assign ?? []) net += bracketChange(t);

    if (net > 0) {
      first.spacesBefore = 2 * indents.length;
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
    first.spacesBefore = 2 * indents.length;
  }
}

function spaceRun(run: readonly FmtToken[]): void {
  for (let i = 0; i + 1 < run.length; i++) {
    const before = i > 0 ? run[i - 1]! : NIL;
    run[i + 1]!.spacesBefore = spaceAfterToken(run[i]!, before, run[i + 1]!) ? 1 : 0;
  }
}

function formatSpaces(lines: readonly FormatLine[]): void {
  for (const line of lines) {
    spaceRun(line.lead);
    if (line.assign !== null) {
      line.assign[0]!.spacesBefore = 1;
      spaceRun(line.assign);
    }
  }
}

function formatCells(lines: readonly FormatLine[]): void {
  alignRuns(
    lines,
    (l) => l.assign,
    (l) => columns(l.lead),
  );
  alignRuns(
    lines,
    (l) => l.comment,
    (l) => columns(l.lead) + (l.assign === null ? 0 : columns(l.assign)),
  );
}

/** Lines in a consecutive run that all have a cell start it one column after the widest text before it. */
function alignRuns(
  lines: readonly FormatLine[],
  cell: (l: FormatLine) => FmtToken[] | null,
  widthBefore: (l: FormatLine) => number,
): void {
  let runStart = -1;
  let maxWidth = 0;
  const close = (end: number): void => {
    for (let i = runStart; i < end; i++) {
      const l = lines[i]!;
      cell(l)![0]!.spacesBefore = maxWidth - widthBefore(l) + 1;
    }
    runStart = -1;
    maxWidth = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (cell(l) === null) {
      if (runStart !== -1) close(i);
      continue;
    }
    if (runStart === -1) runStart = i;
    maxWidth = Math.max(maxWidth, widthBefore(l));
  }
  if (runStart !== -1) close(lines.length);
}
