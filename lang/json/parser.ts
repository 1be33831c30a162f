// The JSON syntax for configuration (`*.tf.json`), following HCL's JSON specification: a JSON document
// decodes to the same SyntaxBody model as the native syntax, with JSON strings read as templates.
// Imports: positions, diagnostics, values, the native parser (for templates). Must not import config/.

import type { SyntaxBody } from "../body.js";
import { errorDiag, type Diagnostic } from "../diagnostics.js";
import { startOfFile, type Pos } from "../pos.js";
import type { Expression } from "../syntax/ast.js";
import { decodeSource } from "../syntax/utf8.js";
import { JsonBody } from "./body.js";
import { exprForJson } from "./expr.js";
import { startRangeOf, type JsonNode } from "./nodes.js";
import { JsonParser } from "./value-parser.js";
import { scanJson } from "./scanner.js";

export { JsonBody } from "./body.js";
export { jsonOriginOf, jsonStringOf } from "./origin.js";
export type { JsonNode } from "./nodes.js";

/** Parses one JSON value followed by nothing but whitespace. */
export function parseJsonValue(src: string | Uint8Array, filename: string, start: Pos = startOfFile): { node: JsonNode; diags: Diagnostic[] } {
  const tokens = scanJson(decodeSource(src), filename, start);
  const p = new JsonParser(tokens);
  const node = p.parseValue();
  const diags = p.diags;
  if (diags.length === 0 && p.peek().type !== "eof") {
    diags.push(errorDiag("Extraneous data after value", "Extra characters appear after the JSON value.", p.peek().range));
  }
  return { node, diags };
}

export function parseJSONConfig(src: string | Uint8Array, filename: string): { body: SyntaxBody; diags: Diagnostic[] } {
  const parsed = parseJsonValue(src, filename);
  let root = parsed.node;
  const diags = parsed.diags;
  if (root.kind !== "object" && root.kind !== "array") {
    diags.push(
      errorDiag(
        "Root value must be object",
        "The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.",
        startRangeOf(root),
      ),
    );
    const fake = { filename, start: startOfFile, end: startOfFile };
    root = { kind: "object", attrs: [], range: fake, openRange: fake, closeRange: fake };
  }
  return { body: new JsonBody(root), diags };
}

/** A standalone JSON expression (HCL's json.ParseExpression), e.g. a `-var` value given as JSON. */
export function parseJSONExpression(src: string | Uint8Array, filename: string): { expr: Expression; diags: Diagnostic[] } {
  const parsed = parseJsonValue(src, filename);
  const built = exprForJson(parsed.node);
  return { expr: built.expr, diags: [...parsed.diags, ...built.diags] };
}
