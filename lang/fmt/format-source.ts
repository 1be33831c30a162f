// `terraform fmt` for one file: a file that does not parse is left alone and its diagnostics returned
// (formatting broken input could mangle it beyond the user's ability to undo); otherwise Terraform's
// rewrites are applied and hclwrite's layout pass re-spaces every line.

import type { Diagnostic } from "../diagnostics.js";
import { hasErrors } from "../diagnostics.js";
import { scanTokens } from "../syntax/lexer.js";
import { parseConfig } from "../syntax/parser.js";
import { decodeSource } from "../syntax/utf8.js";
import { formatTokens } from "./layout.js";
import { applyTerraformRewrites } from "./terraform-rewrites.js";
import { tokensToString, type FmtToken } from "./tokens.js";

export function formatSource(src: string | Uint8Array, filename: string): { output: string; diags: Diagnostic[] } {
  const text = typeof src === "string" ? src : decodeSource(src).text;
  const parsed = parseConfig(src, filename);
  if (hasErrors(parsed.diags)) return { output: text, diags: parsed.diags };
  const lexed = scanTokens(src, filename);
  const starts = lexed.map((t) => t.range.start.byte);
  let tokens: FmtToken[] = lexed.map((t) => ({ type: t.type, text: t.text, spacesBefore: 0 }));
  tokens = applyTerraformRewrites(tokens, starts, parsed.file);
  formatTokens(tokens);
  // hclwrite leaves the blanks before the end of the file alone (as that many spaces: a tab counts one),
  // unlike those before a newline, which the layout pass drops.
  const eof = tokens[tokens.length - 1];
  const lexedEof = lexed[lexed.length - 1];
  if (eof !== undefined && eof.type === "EOF" && lexedEof !== undefined) {
    const before = lexed[lexed.length - 2];
    eof.spacesBefore = before === undefined ? lexedEof.range.start.byte : lexedEof.range.start.byte - before.range.end.byte;
  }
  return { output: tokensToString(tokens), diags: parsed.diags };
}
