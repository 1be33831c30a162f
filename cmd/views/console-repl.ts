// `cairn console` on a terminal (Terraform's modeInteractive): a "> " prompt with line editing and history
// (Node's readline), ": " while brackets, parentheses, heredocs or template sequences are still open, results
// and errors printed without leaving, `exit` or Ctrl-D to leave. Ctrl-C clears the line being typed, cancels
// a multi-line entry, and on an empty prompt leaves. Exit status 0, as Terraform's interactive console.

import { createInterface } from "node:readline";
import { checkInvalidTokens } from "../../lang/syntax/lexer-diags.js";
import { scanTokens, type TokenType } from "../../lang/syntax/lexer.js";
import { hasErrors } from "../../lang/diagnostics.js";

export interface ReplIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

/**
 * What one entry (possibly several lines) gives: text to print on stdout, or nothing (its errors were shown),
 * or "exit". Called with the entry's lines joined by newlines.
 */
export type ReplHandler = (entry: string) => string | undefined | "exit";

const HISTORY_SIZE = 1000;

export function runRepl(io: ReplIo, handle: ReplHandler): Promise<number> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: true, historySize: HISTORY_SIZE, prompt: "> " });
  const lines: string[] = [];
  let leaving = false;
  const prompt = () => {
    rl.setPrompt(lines.length === 0 ? "> " : ": ");
    rl.prompt();
  };
  return new Promise<number>((resolve) => {
    rl.on("line", (line) => {
      lines.push(line);
      if (entryCouldContinue(lines)) return prompt();
      const entry = lines.join("\n");
      lines.length = 0;
      const out = handle(entry);
      if (out === "exit") {
        leaving = true;
        rl.close();
        return;
      }
      io.output.write((out ?? "") + "\n");
      prompt();
    });
    rl.on("SIGINT", () => {
      const typed = rl.line;
      if (lines.length === 0 && typed === "") {
        leaving = true;
        io.output.write("^C\n");
        rl.close();
        return;
      }
      // Clear what was typed (readline's Ctrl-U), as the Go readline Terraform uses does on an interrupt.
      rl.write("", { ctrl: true, name: "u" });
      io.output.write("^C\n");
      if (typed === "") {
        lines.length = 0;
        io.output.write("(multi-line entry canceled)\n");
      }
      prompt();
    });
    rl.on("close", () => {
      // Ctrl-D: the Go readline prints its EOF prompt, "exit".
      if (!leaving) io.output.write("exit\n");
      resolve(0);
    });
    prompt();
  });
}

const closes: Partial<Record<TokenType, readonly TokenType[]>> = {
  CBrace: ["OBrace"],
  CBrack: ["OBrack"],
  CParen: ["OParen"],
  CHeredoc: ["OHeredoc"],
  TemplateSeqEnd: ["TemplateInterp", "TemplateControl"],
};

/**
 * Terraform's repl.ExpressionEntryCouldContinue: the entry goes on while an opening delimiter has no closing
 * one; a blank line, invalid input or a mismatched closer ends it (to be evaluated, and fail, at once).
 */
export function entryCouldContinue(lines: readonly string[]): boolean {
  if (lines.length === 0 || lines[lines.length - 1]!.trim() === "") return false;
  const tokens = scanTokens(lines.join("\n") + "\n", "<console-input>");
  if (hasErrors(checkInvalidTokens(tokens))) return false;
  const stack: TokenType[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case "OBrace":
      case "OBrack":
      case "OParen":
      case "OHeredoc":
      case "TemplateInterp":
      case "TemplateControl":
        stack.push(t.type);
        break;
      default: {
        const openers = closes[t.type];
        if (openers === undefined) break;
        const open = stack.pop();
        if (open === undefined || !openers.includes(open)) return false;
      }
    }
  }
  return stack.length > 0;
}
