// Public entry points of the native-syntax parser. Each returns a (possibly partial) result and every
// diagnostic found; nothing a user writes makes these throw. Lexer diagnostics come first, as in HCL.

import type { Diagnostic } from "../diagnostics.js";
import { startOfFile, type Pos } from "../pos.js";
import type { Expression, File, Traversal } from "./ast.js";
import { scanTable } from "./lexer.js";
import { checkInvalidTokenTable } from "./lexer-diags.js";
import { ParserBase } from "./parser-base.js";
import { DeferredExpressions } from "./deferred-expr.js";
import type { TokenTable } from "./token-table.js";
import { parseBody } from "./parse-body.js";
import { parseExpression as parseExpr } from "./parse-expr.js";
import { parseTemplateInner, residentTemplateStructure } from "./parse-template.js";
import { parseTraversalAbsTokens } from "./parse-traversal.js";

export type Source = string | Uint8Array;

/**
 * A small parse whose parser (with its token table, source map, cached token and ranges) stays alive, so
 * that the hidden classes of the parser's short-lived objects survive full garbage collections between
 * parses (see the note above Scanner in lexer.ts).
 */
const resident = ((): { parser: ParserBase; template: ParserBase; structure: unknown } => {
  const parser = new ParserBase(scanTable('a = "x${b}" {\n}\nc "d" {\n  e = [1]\n}\n', "<resident>"));
  parseBody(parser, "EOF");
  const template = new ParserBase(scanTable("x", "<resident>", startOfFile, "template"));
  parseTemplateInner(template, "EOF", false);
  return { parser, template, structure: residentTemplateStructure(template) };
})();

/** Not for use: exported so that the resident parse is not optimised away. */
export const residentParsers = resident;

function toBytes(src: Source): Uint8Array {
  return typeof src === "string" ? new TextEncoder().encode(src) : src;
}

/** Lexer diagnostics, then parser diagnostics; after a nesting overflow, nothing reported past it. */
function finish(tokens: TokenTable, p: ParserBase): Diagnostic[] {
  const diags = checkInvalidTokenTable(tokens);
  const deep = p.tooDeep;
  for (const d of p.diags) {
    if (deep !== undefined && d !== deep && d.subject !== undefined && d.subject.start.byte > deep.subject!.start.byte) continue;
    diags.push(d);
  }
  return diags;
}

export interface ParseConfigOptions {
  /**
   * Parse the attribute expressions that cannot hold a syntax error (deferred-expr.ts) only when they are
   * read: for readers that look at few of them (`init`). Diagnostics are the same either way.
   */
  readonly deferExpressions?: boolean;
}

export function parseConfig(src: Source, filename: string, start: Pos = startOfFile, opts: ParseConfigOptions = {}): { file: File; diags: Diagnostic[] } {
  const tokens = scanTable(src, filename, start, "normal");
  return parseConfigTable(tokens, src, opts);
}

/** parseConfig, also giving the token table it parsed (the formatter works on the same tokens: one scan, not two). */
export function parseConfigTokens(src: Source, filename: string, start: Pos = startOfFile): { file: File; diags: Diagnostic[]; tokens: TokenTable } {
  const tokens = scanTable(src, filename, start, "normal");
  return { ...parseConfigTable(tokens, src), tokens };
}

/** parseConfig of tokens already scanned (by scanTable, in normal mode) from `src`. */
export function parseConfigTable(tokens: TokenTable, src: Source, opts: ParseConfigOptions = {}): { file: File; diags: Diagnostic[] } {
  const p = new ParserBase(tokens);
  if (opts.deferExpressions === true) p.deferred = new DeferredExpressions(tokens);
  const body = parseBody(p, "EOF");
  return { file: { filename: tokens.filename, body, bytes: toBytes(src) }, diags: finish(tokens, p) };
}

export function parseExpression(src: Source, filename: string, start: Pos = startOfFile): { expr: Expression; diags: Diagnostic[] } {
  const tokens = scanTable(src, filename, start, "normal");
  const p = new ParserBase(tokens);
  p.pushIncludeNewlines(false);
  const expr = parseExpr(p);
  const next = p.peek();
  if (next.type !== "EOF" && !p.recovery) {
    p.error("Extra characters after expression", "An expression was successfully parsed, but extra characters were found after it.", next.range);
  }
  p.popIncludeNewlines();
  return { expr, diags: finish(tokens, p) };
}

/** The whole input is template content (the inside of a quoted string or heredoc, without delimiters). */
export function parseTemplate(src: Source, filename: string, start: Pos = startOfFile): { expr: Expression; diags: Diagnostic[] } {
  const tokens = scanTable(src, filename, start, "template");
  const p = new ParserBase(tokens);
  const inner = parseTemplateInner(p, "EOF", false);
  const expr: Expression = inner.passthrough
    ? { kind: "TemplateWrap", wrapped: inner.exprs[0]!, range: inner.range }
    : { kind: "Template", parts: inner.exprs, range: inner.range };
  return { expr, diags: finish(tokens, p) };
}

export function parseTraversalAbs(src: Source, filename: string, start: Pos = startOfFile): { traversal: Traversal; diags: Diagnostic[] } {
  const tokens = scanTable(src, filename, start, "normal");
  const p = new ParserBase(tokens);
  p.pushIncludeNewlines(false);
  const traversal = parseTraversalAbsTokens(p);
  p.popIncludeNewlines();
  return { traversal, diags: finish(tokens, p) };
}
