// What `terraform fmt` changes beyond hclwrite's spacing (Terraform's command/fmt.go, formatBody):
//   1. every block's labels are rewritten in quoted form (`resource aws_instance web` -> `"aws_instance" "web"`),
//      dropping anything (comments) between the type and the last label;
//   2. an attribute whose whole value is a single interpolation `"${expr}"` becomes `expr` (wrapped in
//      parentheses when it spans lines), the pre-0.12 interpolation-only style;
//   3. in a top-level `variable` block, `type` is normalised: legacy quoted `"string"`, `"list"`, `"map"` become
//      `string`, `list(string)`, `map(string)`, and bare `list`, `map`, `set` become `list(any)` etc.
// The edits are found from the AST (byte positions), or from the token ranges syntax-proof.ts found when it
// proved the file parses, and applied while the token table is copied into the formatter's stream; an edit
// that would give back the same tokens is not made.

import type { Attribute, Block, Body, File } from "../syntax/ast.js";
import type { TokenTable } from "../syntax/token-table.js";
import { SourceRange, type Range } from "../pos.js";
import { hclEscapedString } from "../hcl-quote.js";
import type { RewriteCandidate } from "./syntax-proof.js";
import { FmtStream, K } from "./tokens.js";

/** A replacement's piece: a made-up token, or a run [from, to) of the table's own tokens. */
type Part = { readonly code: number; readonly text: string } | { readonly keepFrom: number; readonly keepTo: number };

export interface Edit {
  readonly from: number;
  readonly to: number;
  readonly parts: readonly Part[];
}

const tok = (code: number, text: string): Part => ({ code, text });

function startByte(r: Range): number {
  return r instanceof SourceRange ? r.startByte : r.start.byte;
}

function endByte(r: Range): number {
  return r instanceof SourceRange ? r.endByte : r.end.byte;
}

/** Index of the first token starting at or after `byte` (tokens are in source order). */
function firstAtOrAfter(table: TokenTable, byte: number): number {
  const b = table.bytes;
  let lo = 0;
  let hi = table.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b[mid << 1]! < byte) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The edits Terraform's rewrites make, found from the syntax tree; `unwrapping` is hasQuotedInterpolation's
 * answer (without a `"${` anywhere no value can be unwrapped, and only variables' types need looking at).
 */
export function editsFromSyntax(table: TokenTable, file: File, unwrapping: boolean): Edit[] {
  const edits: Edit[] = [];
  // Explicit stack instead of recursion: block nesting depth comes from the input.
  const stack: { body: Body; depth: number; inVariable: boolean }[] = [{ body: file.body, depth: 0, inVariable: false }];
  while (stack.length > 0) {
    const { body, depth, inVariable } = stack.pop()!;
    for (const item of body.items) {
      if (item.kind === "Attribute") {
        if (!unwrapping && !inVariable) continue;
        const edit = attributeEdit(item, inVariable, table);
        if (edit !== undefined) edits.push(edit);
      } else {
        const edit = labelsEdit(item, table);
        if (edit !== undefined) edits.push(edit);
        stack.push({ body: item.body, depth: depth + 1, inVariable: depth === 0 && item.type === "variable" });
      }
    }
  }
  return edits.sort((a, b) => a.from - b.from);
}

/** The edits for the rewrite candidates syntax-proof.ts found (in source order; block labels need none). */
export function editsFromCandidates(table: TokenTable, candidates: readonly RewriteCandidate[]): Edit[] {
  const edits: Edit[] = [];
  for (const c of candidates) {
    const edit = valueEdit(table, c.from, c.to, c.isVariableType);
    if (edit !== undefined) edits.push(edit);
  }
  return edits;
}

/** The token table as a formatter stream, with `edits` (sorted, not overlapping) applied. */
export function streamWithEdits(table: TokenTable, edits: readonly Edit[]): FmtStream {
  // `::` (provider::aws::f) is one token to hclwrite, with no spaces around it; the lexer gives two colons.
  const doubleColons = table.text.includes("::");
  if (edits.length === 0 && !doubleColons) return FmtStream.over(table);
  const stream = new FmtStream(table.text, table.n + 16);
  let at = 0;
  const types = table.types;
  const copy = (from: number, to: number): void => {
    if (!doubleColons) {
      stream.appendFrom(table, from, to);
      return;
    }
    for (let i = from; i < to; i++) {
      const t = types[i]!;
      if (t === K.Colon && i + 1 < to && types[i + 1] === K.Colon && table.to[i] === table.from[i + 1]) {
        stream.push(t, table.from[i]!, table.to[i + 1]!, true);
        i++;
        continue;
      }
      stream.push(t, table.from[i]!, table.to[i]!, true);
    }
  };
  for (const e of edits) {
    copy(at, e.from);
    for (const p of e.parts) {
      if ("keepFrom" in p) copy(p.keepFrom, p.keepTo);
      else stream.pushText(p.code, p.text);
    }
    at = e.to;
  }
  copy(at, table.n);
  return stream;
}

/** Whether any quoted string starts with an interpolation: only then can a value be unwrapped. */
export function hasQuotedInterpolation(table: TokenTable): boolean {
  const types = table.types;
  for (let i = 0, n = table.n - 1; i < n; i++) if (types[i] === K.OQuote && types[i + 1] === K.TemplateInterp) return true;
  return false;
}

/** Whether `parts` are exactly the tokens [from, to) of the table. */
function sameTokens(table: TokenTable, from: number, to: number, parts: readonly Part[]): boolean {
  let i = from;
  for (const p of parts) {
    if ("keepFrom" in p) {
      if (p.keepFrom !== i) return false;
      i = p.keepTo;
      continue;
    }
    if (i >= to || table.types[i] !== p.code || table.to[i]! - table.from[i]! !== p.text.length || table.tokenText(i) !== p.text) return false;
    i++;
  }
  return i === to;
}

// Label text that needs no escaping (most labels): anything else goes through hclEscapedString.
const PLAIN_LABEL = /^[A-Za-z0-9_\-.:/ ]*$/;

function labelsEdit(block: Block, table: TokenTable): Edit | undefined {
  const labels = block.labels;
  if (labels.length === 0) return undefined;
  // (An AST block makes its label ranges on each read.)
  const ranges = block.labelRanges;
  const from = firstAtOrAfter(table, endByte(block.typeRange));
  const to = firstAtOrAfter(table, endByte(ranges[ranges.length - 1]!));
  if (alreadyQuoted(table, from, to, labels)) return undefined;
  const parts: Part[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (!labelSurvives(table, ranges[i]!)) continue;
    const label = labels[i]!;
    parts.push(tok(K.OQuote, '"'));
    const text = PLAIN_LABEL.test(label) ? label : hclEscapedString(label);
    if (text !== "") parts.push(tok(K.QuotedLit, text));
    parts.push(tok(K.CQuote, '"'));
  }
  return sameTokens(table, from, to, parts) ? undefined : { from, to, parts };
}

/** The common case, checked without building anything: tokens [from, to) are the labels, each `"plain"`. */
function alreadyQuoted(table: TokenTable, from: number, to: number, labels: readonly string[]): boolean {
  if (to - from !== 3 * labels.length) return false;
  const types = table.types;
  const text = table.text;
  for (let k = 0, i = from; k < labels.length; k++, i += 3) {
    if (types[i] !== K.OQuote || types[i + 1] !== K.QuotedLit || types[i + 2] !== K.CQuote) return false;
    const label = labels[k]!;
    const at = table.from[i + 1]!;
    if (table.to[i + 1]! - at !== label.length || !text.startsWith(label, at) || !PLAIN_LABEL.test(label)) return false;
  }
  return true;
}

/**
 * hclwrite reads a quoted label back only when it is one literal token (or none: `""`); the lexer splits a
 * literal at `$` and `%` (`"a$b"` is three), and Terraform's rewrite then drops that label altogether.
 */
function labelSurvives(table: TokenTable, range: Range): boolean {
  const from = firstAtOrAfter(table, startByte(range));
  if (table.types[from] !== K.OQuote) return true;
  const n = firstAtOrAfter(table, endByte(range)) - from;
  return n === 2 || (n === 3 && table.types[from + 1] === K.QuotedLit);
}

function attributeEdit(attr: Attribute, inVariable: boolean, table: TokenTable): Edit | undefined {
  const range = attr.expr.range;
  const from = firstAtOrAfter(table, startByte(range));
  const isType = inVariable && attr.name === "type";
  // Only a quoted value can be unwrapped: most attributes end here.
  if (!isType && table.types[from] !== K.OQuote) return undefined;
  return valueEdit(table, from, firstAtOrAfter(table, endByte(range)), isType);
}

/** The edit of an attribute whose value is tokens [from, to), if any. */
function valueEdit(table: TokenTable, from: number, to: number, isType: boolean): Edit | undefined {
  const parts = isType ? typeExprParts(table, from, to) : valueExprParts(table, from, to);
  return parts === undefined || sameTokens(table, from, to, parts) ? undefined : { from, to, parts };
}

/** `"${expr}"` -> `expr`, when the quotes hold exactly one interpolation and nothing else. */
function valueExprParts(table: TokenTable, from: number, to: number): Part[] | undefined {
  const types = table.types;
  if (
    to - from < 5 ||
    types[from] !== K.OQuote ||
    types[from + 1] !== K.TemplateInterp ||
    types[to - 2] !== K.TemplateSeqEnd ||
    types[to - 1] !== K.CQuote
  ) {
    return undefined;
  }
  let quotes = 0;
  for (let i = from + 2; i < to - 2; i++) {
    const t = types[i]!;
    if (t === K.OQuote) {
      quotes++;
      continue;
    }
    if (t === K.CQuote) {
      quotes--;
      continue;
    }
    // Interpolations inside nested strings belong to a nested expression: "${f("${x}")}".
    if (quotes > 0) continue;
    if (t === K.TemplateInterp || t === K.TemplateSeqEnd || t === K.QuotedLit) return undefined;
  }
  let start = from + 2;
  let end = to - 2;
  while (start < end && types[start] === K.Newline) start++;
  while (end > start && types[end - 1] === K.Newline) end--;
  let multiLine = false;
  // Terraform looks for newline tokens only. A line comment carries its newline too: as the last token
  // that is harmless (`a = x # c`), but with more after it Terraform's output no longer parses (`x # c`,
  // then `+ 1` on a line of its own), so Cairn adds the parentheses there (docs/language.md).
  for (let i = start; i < end; i++) {
    const t = types[i]!;
    if (t === K.Newline || (t === K.Comment && i < end - 1 && table.text.charCodeAt(table.to[i]! - 1) === 10)) multiLine = true;
  }
  const parenthesised = end > start && types[start] === K.OParen && types[end - 1] === K.CParen;
  const inner: Part = { keepFrom: start, keepTo: end };
  if (multiLine && !parenthesised) return [tok(K.OParen, "("), inner, tok(K.CParen, ")")];
  return [inner];
}

/** Terraform's normalisation of a variable's type constraint. */
function typeExprParts(table: TokenTable, from: number, to: number): Part[] | undefined {
  const call = (name: string, arg: string): Part[] => [tok(K.Ident, name), tok(K.OParen, "("), tok(K.Ident, arg), tok(K.CParen, ")")];
  const types = table.types;
  if (to - from === 1) {
    const text = table.tokenText(from);
    if (types[from] === K.Ident && (text === "list" || text === "map" || text === "set")) return call(text, "any");
    return undefined;
  }
  if (to - from === 3 && types[from] === K.OQuote && types[from + 1] === K.QuotedLit && types[to - 1] === K.CQuote) {
    // Pre-0.12 quoted types had no "any"; string elements match what 0.11 did.
    switch (table.tokenText(from + 1)) {
      case "string":
        return [tok(K.Ident, "string")];
      case "list":
        return call("list", "string");
      case "map":
        return call("map", "string");
    }
  }
  return undefined;
}
