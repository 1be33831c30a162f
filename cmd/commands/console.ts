// `cairn console`: evaluates each line of standard input as an expression in the context of the configuration
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
import { formatTypeForConsole } from "../views/console-type.js";
import { typeOfTypeValue } from "../../lang/eval/type-value.js";
import type { Value } from "../../lang/values/value.js";

const INPUT_NAME = "<console-input>";

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

    let failed = false;
    const rl = createInterface({ input: ctx.stdin, terminal: false, crlfDelay: Infinity });
    for await (const rawLine of rl) {
      const line = rawLine.trim();
      if (line === "") continue;
      if (line === "exit") break;
      const { expr, diags: parseDiags } = parseExpression(line, INPUT_NAME);
      const evaluated = hasErrors(parseDiags) ? undefined : evaluate(expr, { ...wd.scope, consoleFunctions: true });
      const diags = [...parseDiags, ...(evaluated?.diags ?? [])];
      if (hasErrors(diags) || evaluated === undefined) {
        failed = true;
        if (json) ctx.stdout.write(consoleJsonLine({ diags }));
        else {
          const sources = new Map(wd.sources);
          sources.set(INPUT_NAME, { bytes: new TextEncoder().encode(line) });
          showDiags(diags.filter((d) => d.severity === "error"), sources);
        }
        continue;
      }
      ctx.stdout.write(json ? consoleJsonLine({ value: evaluated.value }) : formatResult(evaluated.value) + "\n");
    }
    return failed ? 1 : 0;
  },
};


/** A console result: a type(x) result prints as a type expression, anything else as a value. */
function formatResult(v: Value): string {
  const t = typeOfTypeValue(v);
  return t !== undefined ? formatTypeForConsole(t) : formatValue(v);
}
