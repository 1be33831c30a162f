// `cairn console`: on a terminal, an interactive prompt (cmd/views/console-repl.ts). Otherwise it evaluates
// each line of standard input as an expression in the context of the configuration
// in the working directory (variables with defaults and tfvars, locals, resource values from state) and prints
// each result as `terraform console` prints values. With -json each result is one line of JSON and a failing
// line prints {"error": "<summary: detail>"}; later lines are still evaluated. Exit 0 when every line
// succeeded, 1 otherwise.

import { createInterface } from "node:readline";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { parseExpression } from "../../lang/syntax/parser.js";
import { formatValue } from "../../lang/values/format.js";
import type { Command } from "../registry.js";
import { parseFlags } from "../flags.js";
import { loadWorkingDir } from "../../operations/working-dir.js";
import { renderDiagnostics } from "../views/diagnostics.js";
import { consoleJsonLine } from "../views/console-json.js";
import { runRepl } from "../views/console-repl.js";
import { formatTypeForConsole } from "../views/console-type.js";
import { isTypeTypeValue, typeOfTypeValue } from "../../lang/eval/type-value.js";
import type { Value } from "../../lang/values/value.js";

const INPUT_NAME = "<console-input>";

/** What `help` prints at the interactive prompt (Terraform's repl help text). */
const REPL_HELP = `The Cairn console allows you to experiment with Cairn interpolations.
You may access resources in the state (if you have one) just as you would
from a configuration. For example: "aws_instance.foo.id" would evaluate
to the ID of "aws_instance.foo" if it exists in your state.

Type in the interpolation to test and hit <enter> to see the result.

To exit the console, type "exit" and hit <enter>, or use Control-C or
Control-D.`;

export const consoleCommand: Command = {
  name: "console",
  synopsis: "Try Cairn expressions at an interactive command prompt",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, {
      json: { kind: "bool", default: false },
      var: { kind: "repeated" },
      "var-file": { kind: "repeated" },
      state: { kind: "string" },
      "no-color": { kind: "bool", default: false },
    });
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n\nUsage: cairn console [options]\n`);
      return 1;
    }
    const { flags } = parsed;
    const json = flags.bools.get("json")!;
    const color = !flags.bools.get("no-color") && !json && ctx.stderr.isTTY === true;
    const wd = await loadWorkingDir(ctx, {
      varFlags: flags.repeated.map((r) => (r.name === "var" ? { kind: "var", value: r.value } : { kind: "var-file", path: r.value })),
      statePath: flags.strings.get("state"),
    });
    const showDiags = (diags: readonly Diagnostic[], sources = wd.sources) =>
      ctx.stderr.write(renderDiagnostics(diags, sources, { color }));
    if (hasErrors(wd.diags)) {
      if (json) ctx.stdout.write(consoleJsonLine({ diags: wd.diags }));
      else showDiags(wd.diags);
      return 1;
    }
    if (wd.diags.length > 0 && !json) showDiags(wd.diags);

    const evaluateEntry = (text: string) => {
      const { expr, diags: parseDiags } = parseExpression(text, INPUT_NAME);
      const evaluated = hasErrors(parseDiags) ? undefined : evaluate(expr, { ...wd.scope, consoleFunctions: true });
      return { value: evaluated !== undefined && !hasErrors(evaluated.diags) ? evaluated.value : undefined, diags: [...parseDiags, ...(evaluated?.diags ?? [])] };
    };
    const showErrors = (text: string, diags: readonly Diagnostic[]) => {
      const sources = new Map(wd.sources);
      sources.set(INPUT_NAME, { bytes: new TextEncoder().encode(text) });
      showDiags(diags.filter((d) => d.severity === "error"), sources);
    };

    if (ctx.stdin.isTTY === true && !json) {
      return runRepl({ input: ctx.stdin, output: ctx.stdout }, (entry) => {
        const text = entry.trim();
        if (text === "") return "";
        if (text === "exit") return "exit";
        if (text === "help") return REPL_HELP;
        const r = evaluateEntry(entry);
        if (r.value === undefined) {
          showErrors(entry, r.diags);
          return undefined;
        }
        return formatResult(r.value);
      });
    }

    let failed = false;
    const rl = createInterface({ input: ctx.stdin, terminal: false, crlfDelay: Infinity });
    for await (const rawLine of rl) {
      const line = rawLine.trim();
      if (line === "") continue;
      if (line === "exit") break;
      const r = evaluateEntry(line);
      if (r.value === undefined) {
        failed = true;
        if (json) ctx.stdout.write(consoleJsonLine({ diags: r.diags }));
        else showErrors(line, r.diags);
        continue;
      }
      ctx.stdout.write(json ? consoleJsonLine({ value: r.value }) : formatResult(r.value) + "\n");
    }
    return failed ? 1 : 0;
  },
};


/** A console result: a type(x) result prints as a type expression, anything else as a value. */
function formatResult(v: Value): string {
  if (isTypeTypeValue(v)) return "type";
  const t = typeOfTypeValue(v);
  return t !== undefined ? formatTypeForConsole(t) : formatValue(v);
}
