// What `terraform fmt` changes beyond hclwrite's spacing (Terraform's command/fmt.go, formatBody):
//   1. every block's labels are rewritten in quoted form (`resource aws_instance web` -> `"aws_instance" "web"`),
//      dropping anything (comments) between the type and the last label;
//   2. an attribute whose whole value is a single interpolation `"${expr}"` becomes `expr` (wrapped in
//      parentheses when it spans lines), the pre-0.12 interpolation-only style;
//   3. in a top-level `variable` block, `type` is normalised: legacy quoted `"string"`, `"list"`, `"map"` become
//      `string`, `list(string)`, `map(string)`, and bare `list`, `map`, `set` become `list(any)` etc.
// The edits are computed from the AST (positions) and applied to the token stream.

import type { Attribute, Block, Body, File } from "../syntax/ast.js";
import { hclEscapedString } from "../hcl-quote.js";
import { fmtToken, type FmtToken } from "./tokens.js";

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly replacement: FmtToken[];
}

/** Token index lookup by a source byte offset (tokens are in source order). */
class TokenIndex {
  constructor(private readonly starts: readonly number[]) {}
  /** Index of the first token starting at or after `byte`. */
  firstAtOrAfter(byte: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < byte) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export function applyTerraformRewrites(tokens: FmtToken[], tokenStarts: readonly number[], file: File): FmtToken[] {
  const index = new TokenIndex(tokenStarts);
  const edits: Edit[] = [];
  // Explicit stack instead of recursion: block nesting depth comes from the input.
  const stack: { body: Body; inBlocks: readonly string[] }[] = [{ body: file.body, inBlocks: [] }];
  while (stack.length > 0) {
    const { body, inBlocks } = stack.pop()!;
    for (const item of body.items) {
      if (item.kind === "Attribute") {
        const edit = attributeEdit(item, inBlocks, tokens, index);
        if (edit !== undefined) edits.push(edit);
      } else {
        const edit = labelsEdit(item, index);
        if (edit !== undefined) edits.push(edit);
        stack.push({ body: item.body, inBlocks: [...inBlocks, item.type] });
      }
    }
  }
  if (edits.length === 0) return tokens;
  edits.sort((a, b) => a.from - b.from);
  const out: FmtToken[] = [];
  let at = 0;
  for (const e of edits) {
    for (; at < e.from; at++) out.push(tokens[at]!);
    out.push(...e.replacement);
    at = e.to;
  }
  for (; at < tokens.length; at++) out.push(tokens[at]!);
  return out;
}

function labelsEdit(block: Block, index: TokenIndex): Edit | undefined {
  if (block.labels.length === 0) return undefined;
  const from = index.firstAtOrAfter(block.typeRange.end.byte);
  const to = index.firstAtOrAfter(block.labelRanges[block.labelRanges.length - 1]!.end.byte);
  const replacement: FmtToken[] = [];
  for (const label of block.labels) {
    replacement.push(fmtToken("OQuote", '"'));
    const text = hclEscapedString(label);
    if (text !== "") replacement.push(fmtToken("QuotedLit", text));
    replacement.push(fmtToken("CQuote", '"'));
  }
  return { from, to, replacement };
}

function attributeEdit(attr: Attribute, inBlocks: readonly string[], tokens: readonly FmtToken[], index: TokenIndex): Edit | undefined {
  const from = index.firstAtOrAfter(attr.expr.range.start.byte);
  const to = index.firstAtOrAfter(attr.expr.range.end.byte);
  const exprTokens = tokens.slice(from, to);
  const isVariableType = inBlocks.length === 1 && inBlocks[0] === "variable" && attr.name === "type";
  const replacement = isVariableType ? formatTypeExpr(exprTokens) : formatValueExpr(exprTokens);
  return replacement === exprTokens ? undefined : { from, to, replacement };
}

/** `"${expr}"` -> `expr`, when the quotes hold exactly one interpolation and nothing else. */
export function formatValueExpr(tokens: FmtToken[]): FmtToken[] {
  if (tokens.length < 5) return tokens;
  const n = tokens.length;
  if (
    tokens[0]!.type !== "OQuote" ||
    tokens[1]!.type !== "TemplateInterp" ||
    tokens[n - 2]!.type !== "TemplateSeqEnd" ||
    tokens[n - 1]!.type !== "CQuote"
  ) {
    return tokens;
  }
  const inside = tokens.slice(2, n - 2);
  let quotes = 0;
  for (const t of inside) {
    if (t.type === "OQuote") {
      quotes++;
      continue;
    }
    if (t.type === "CQuote") {
      quotes--;
      continue;
    }
    // Interpolations inside nested strings belong to a nested expression: "${f("${x}")}".
    if (quotes > 0) continue;
    if (t.type === "TemplateInterp" || t.type === "TemplateSeqEnd" || t.type === "QuotedLit") return tokens;
  }
  let start = 0;
  let end = inside.length;
  while (start < end && inside[start]!.type === "Newline") start++;
  while (end > start && inside[end - 1]!.type === "Newline") end--;
  const trimmed = inside.slice(start, end);
  let multiLine = false;
  // A line comment carries its newline too; Terraform only looks for newline tokens, which would leave
  // `x # c` followed by the rest on the next line unparenthesised.
  for (const t of trimmed) if (t.type === "Newline" || (t.type === "Comment" && t.text.endsWith("\n"))) multiLine = true;
  const parenthesised = trimmed.length > 0 && trimmed[0]!.type === "OParen" && trimmed[trimmed.length - 1]!.type === "CParen";
  if (multiLine && !parenthesised) return [fmtToken("OParen", "("), ...trimmed, fmtToken("CParen", ")")];
  return trimmed;
}

/** Terraform's normalisation of a variable's type constraint. */
export function formatTypeExpr(tokens: FmtToken[]): FmtToken[] {
  const call = (name: string, arg: string): FmtToken[] => [
    fmtToken("Ident", name),
    fmtToken("OParen", "("),
    fmtToken("Ident", arg),
    fmtToken("CParen", ")"),
  ];
  if (tokens.length === 1) {
    const kw = tokens[0]!;
    if (kw.type === "Ident" && (kw.text === "list" || kw.text === "map" || kw.text === "set")) return call(kw.text, "any");
    return tokens;
  }
  if (tokens.length === 3 && tokens[0]!.type === "OQuote" && tokens[1]!.type === "QuotedLit" && tokens[2]!.type === "CQuote") {
    // Pre-0.12 quoted types had no "any"; string elements match what 0.11 did.
    switch (tokens[1]!.text) {
      case "string":
        return [fmtToken("Ident", "string")];
      case "list":
        return call("list", "string");
      case "map":
        return call("map", "string");
    }
  }
  return tokens;
}
