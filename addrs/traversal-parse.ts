// Absolute traversals given as strings (`module.a["x"].aws_instance.b[0]`): addresses on the command line
// (-target, -replace, state mv, import) and in state. Parsing is the HCL parser's parseTraversalAbs
// (hclsyntax.ParseTraversalAbs); this file only gives it the defaults address parsing wants and adds the
// range helper the address parsers share.

import type { Diagnostic } from "../lang/diagnostics.js";
import { type Pos, type Range, rangeBetween, startOfFile } from "../lang/pos.js";
import type { Traversal } from "../lang/syntax/ast.js";
import { parseTraversalAbs as parseTraversalAbsSyntax } from "../lang/syntax/parser.js";

export interface TraversalParse {
  readonly traversal: Traversal;
  readonly diags: Diagnostic[];
}

/** Parses the whole string as one absolute traversal; the traversal is partial when diagnostics have errors. */
export function parseTraversalAbs(src: string, filename = "", start: Pos = startOfFile): TraversalParse {
  return parseTraversalAbsSyntax(src, filename, start);
}

/** The range covering a whole (non-empty) traversal. */
export function traversalRange(t: Traversal): Range {
  return rangeBetween(t[0]!.range, t[t.length - 1]!.range);
}
