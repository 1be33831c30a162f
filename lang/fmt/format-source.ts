// `terraform fmt` for one file: a file that does not parse is left alone and its diagnostics returned
// (formatting broken input could mangle it beyond the user's ability to undo); otherwise Terraform's
// rewrites are applied and hclwrite's layout pass re-spaces every line.
//
// Most files given to fmt are already formatted, so the result says whether anything changed by comparing
// each token's new spaces with the blanks before it in the source, and the output text is only built (from
// runs of unchanged source) when something did.

import type { Diagnostic } from "../diagnostics.js";
import { hasErrors } from "../diagnostics.js";
import { scanTable } from "../syntax/lexer.js";
import { parseConfigTable } from "../syntax/parser.js";
import { decodeSource } from "../syntax/utf8.js";
import { formatStream } from "./layout.js";
import { proveParses } from "./syntax-proof.js";
import { editsFromCandidates, editsFromSyntax, hasQuotedInterpolation, streamWithEdits, type Edit } from "./terraform-rewrites.js";
import type { FmtStream } from "./tokens.js";

export interface Formatted {
  /** The formatted text (the source text itself when it does not parse). */
  readonly output: string;
  readonly diags: Diagnostic[];
  /** Whether the output differs from the source text (always false when it does not parse). */
  readonly changed: boolean;
}

export function formatSource(src: string | Uint8Array, filename: string): Formatted {
  const table = scanTable(src, filename);
  const unwrapping = hasQuotedInterpolation(table);
  // Most files parse: proving that on the tokens is several times cheaper than the syntax tree (and its
  // garbage), which is built only when the proof gives up, to find the diagnostics or the rewrites.
  const candidates = proveParses(table, unwrapping);
  let edits: Edit[];
  if (candidates !== undefined) {
    edits = editsFromCandidates(table, candidates);
  } else {
    const parsed = parseConfigTable(table, src);
    if (hasErrors(parsed.diags)) return { output: typeof src === "string" ? src : decodeSource(src).text, diags: parsed.diags, changed: false };
    edits = editsFromSyntax(table, parsed.file, unwrapping);
  }
  const stream = streamWithEdits(table, edits);
  const edited = edits.length > 0;
  const text = table.text;
  // Non-ASCII text is measured in grapheme clusters for alignment; most files have none.
  formatStream(stream, !/[^\x00-\x7f]/.test(text));
  // hclwrite leaves the blanks before the end of the file alone (as that many spaces: a tab counts one),
  // unlike those before a newline, which the layout pass drops.
  const n = table.n;
  if (n > 0) stream.spaces[stream.n - 1] = n < 2 ? table.from[n - 1]! : table.from[n - 1]! - table.to[n - 2]!;
  const output = render(stream, text.length);
  // A byte-order mark is not part of the table's text, and fmt does not keep it.
  const original = typeof src === "string" ? src : text;
  const changed = edited || output !== original;
  return { output, diags: [], changed };
}

/** Whether the source between `from` and `to` is exactly `spaces` spaces. */
function blanksMatch(pool: string, from: number, to: number, spaces: number): boolean {
  if (to - from !== spaces) return false;
  for (let k = from; k < to; k++) if (pool.charCodeAt(k) !== 32) return false;
  return true;
}

/**
 * The stream as text: runs of tokens that are the source's own, with the source's own blanks between them,
 * are copied as one slice; everything else token by token. An unchanged file is one slice, the source.
 */
function render(st: FmtStream, sourceLength: number): string {
  const pool = st.pool;
  const fromSource = st.fromSource;
  const tokenFrom = st.from;
  const tokenTo = st.to;
  const spacesBefore = st.spaces;
  const parts: string[] = [];
  let runFrom = -1;
  let runTo = -1;
  for (let i = 0; i < st.n; i++) {
    const from = tokenFrom[i]!;
    const spaces = spacesBefore[i]!;
    if (fromSource[i] === 1) {
      const blanksFrom = runTo !== -1 ? runTo : i === 0 ? 0 : -1;
      if (blanksFrom !== -1 && from - blanksFrom === spaces && (spaces === 0 || blanksMatch(pool, blanksFrom, from, spaces))) {
        if (runFrom === -1) runFrom = blanksFrom;
        runTo = tokenTo[i]!;
        continue;
      }
    }
    if (runFrom !== -1) parts.push(pool.slice(runFrom, runTo));
    runFrom = -1;
    runTo = -1;
    if (spaces > 0) parts.push(" ".repeat(spaces));
    if (fromSource[i] === 1) {
      // Starts a new run after its own (re-spaced) blanks.
      parts.push(pool.slice(from, tokenTo[i]!));
      runFrom = tokenTo[i]!;
      runTo = tokenTo[i]!;
    } else {
      parts.push(pool.slice(from, tokenTo[i]!));
    }
  }
  if (runFrom !== -1) parts.push(pool.slice(runFrom, runTo));
  if (parts.length === 1 && runFrom === 0 && runTo === sourceLength) return pool.slice(0, sourceLength);
  return parts.join("");
}
