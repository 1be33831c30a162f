// `terraform fmt` for one file: a file that does not parse is left alone and its diagnostics returned
// (formatting broken input could mangle it beyond the user's ability to undo); otherwise Terraform's
// rewrites are applied and hclwrite's layout pass re-spaces every line.

import type { Diagnostic } from "../diagnostics.js";
import { hasErrors } from "../diagnostics.js";
import { parseConfigTokens } from "../syntax/parser.js";
import { decodeSource } from "../syntax/utf8.js";
import { formatTokens } from "./layout.js";
import { applyTerraformRewrites } from "./terraform-rewrites.js";
import { tokensToString, type FmtToken } from "./tokens.js";

export function formatSource(src: string | Uint8Array, filename: string): { output: string; diags: Diagnostic[] } {
  const text = typeof src === "string" ? src : decodeSource(src).text;
  let parsed: ReturnType<typeof parseConfigTokens> | undefined = parseConfigTokens(src, filename);
  const diags = parsed.diags;
  if (hasErrors(diags)) return { output: text, diags };
  // Straight from the parser's token table: no second scan, no positions (a 50 MB file has ten million tokens).
  const table = parsed.tokens;
  const starts = new Array<number>(table.n);
  let tokens: FmtToken[] = new Array<FmtToken>(table.n);
  for (let i = 0; i < table.n; i++) {
    starts[i] = table.startByte(i);
    tokens[i] = { type: table.type(i), text: table.tokenText(i), spacesBefore: 0 };
  }
  tokens = applyTerraformRewrites(tokens, starts, parsed.file);
  // The syntax tree and token table of a large file are most of the memory: let them go before laying out.
  parsed = undefined;
  formatTokens(tokens);
  // Trailing spaces before the end of the file are dropped like those before any newline.
  const eof = tokens[tokens.length - 1];
  if (eof !== undefined && eof.type === "EOF") eof.spacesBefore = 0;
  return { output: tokensToString(tokens), diags };
}
