// Diagnostics for tokens that the scanner accepts but the language does not (hclsyntax's
// checkInvalidTokens): bitwise operators, stray quotes and semicolons, bad encodings, newlines in quoted
// strings. Repeats are reported only a few times so that one mistake does not flood the output.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { Token } from "./lexer.js";
import { tokenCode, type TokenTable } from "./token-table.js";

/** Token kinds that need a look; everything else is skipped without materialising the token. */
const suspicious = new Uint8Array(64);
for (const t of ["BitwiseAnd", "BitwiseOr", "BitwiseXor", "BitwiseNot", "Backtick", "Apostrophe", "Semicolon", "BadUTF8", "QuotedNewline", "Invalid", "Comment"] as const) {
  suspicious[tokenCode(t)] = 1;
}

export function checkInvalidTokenTable(table: TokenTable): Diagnostic[] {
  const picked: Token[] = [];
  for (let i = 0; i < table.n; i++) {
    if (suspicious[table.types[i]!] === 1) picked.push({ type: table.type(i), text: table.tokenText(i), range: table.range(i) });
  }
  return checkInvalidTokens(picked);
}

export function checkInvalidTokens(tokens: readonly Token[]): Diagnostic[] {
  const diags: Diagnostic[] = [];
  let toldBitwise = 0;
  let toldBacktick = 0;
  let toldApostrophe = 0;
  let toldSemicolon = 0;
  let toldBadUTF8 = 0;
  for (const tok of tokens) {
    switch (tok.type) {
      case "BitwiseAnd":
      case "BitwiseOr":
      case "BitwiseXor":
      case "BitwiseNot":
        if (toldBitwise < 4) {
          const suggestion =
            tok.type === "BitwiseAnd"
              ? ' Did you mean boolean AND ("&&")?'
              : tok.type === "BitwiseOr"
                ? ' Did you mean boolean OR ("||")?'
                : tok.type === "BitwiseNot"
                  ? ' Did you mean boolean NOT ("!")?'
                  : "";
          diags.push(errorDiag("Unsupported operator", `Bitwise operators are not supported.${suggestion}`, tok.range));
          toldBitwise++;
        }
        break;
      case "Backtick":
        if (toldBacktick % 2 === 0) {
          diags.push(
            errorDiag(
              "Invalid character",
              'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
              tok.range,
            ),
          );
        }
        if (toldBacktick <= 2) toldBacktick++;
        break;
      case "Apostrophe":
        if (toldApostrophe % 2 === 0) {
          diags.push(errorDiag("Invalid character", 'Single quotes are not valid. Use double quotes (") to enclose strings.', tok.range));
        }
        if (toldApostrophe <= 2) toldApostrophe++;
        break;
      case "Semicolon":
        if (toldSemicolon < 1) {
          diags.push(
            errorDiag(
              "Invalid character",
              'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
              tok.range,
            ),
          );
          toldSemicolon++;
        }
        break;
      case "BadUTF8":
        if (toldBadUTF8 < 1) {
          diags.push(
            errorDiag(
              "Invalid character encoding",
              "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.",
              tok.range,
            ),
          );
          toldBadUTF8++;
        }
        break;
      case "QuotedNewline":
        diags.push(
          errorDiag(
            "Invalid multi-line string",
            'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
            tok.range,
          ),
        );
        break;
      case "Invalid":
        if (tok.text === "\u201c" || tok.text === "\u201d") {
          diags.push(
            errorDiag(
              "Invalid character",
              '"Curly quotes" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a "straight quote".',
              tok.range,
            ),
          );
        } else {
          diags.push(errorDiag("Invalid character", "This character is not used within the language.", tok.range));
        }
        break;
      case "Comment":
        // hclsyntax has no unterminated-comment error (it re-scans "/*" as two operators, leading to a
        // confusing message); Cairn reports the cause directly.
        if (tok.text.startsWith("/*") && (tok.text.length < 4 || !tok.text.endsWith("*/"))) {
          diags.push(
            errorDiag(
              "Unterminated comment",
              'There is no closing "*/" for this comment before the end of the file. Close the comment, or remove its opening "/*".',
              { filename: tok.range.filename, start: tok.range.start, end: tok.range.start.byte + 2 <= tok.range.end.byte ? posAfterTwoAscii(tok) : tok.range.end },
            ),
          );
        }
        break;
      default:
        break;
    }
  }
  return diags;
}

/** The position just after the "/*" that opens a comment token. */
function posAfterTwoAscii(tok: Token): { line: number; column: number; byte: number } {
  const s = tok.range.start;
  return { line: s.line, column: s.column + 2, byte: s.byte + 2 };
}
