// `cairn output [-json] [-raw] [-state=path] [NAME]`: the root module's output values from the state, as
// Terraform's `output`: all outputs as `name = value` (sensitive ones as <sensitive>), one output's value
// (shown even when sensitive, as Terraform does when asked by name), -json with sensitive/type/value, and
// -raw for a single string, number or bool printed without quotes or newline.

import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { convert } from "../../lang/values/convert.js";
import { formatValue } from "../../lang/values/format.js";
import { StringType, friendlyTypeName } from "../../lang/values/types.js";
import { compareGoStrings } from "../../lang/values/json-exact.js";
import type { OutputState } from "../../state/model.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { indented, jsonBool, jsonValue, map, struct, type JsonText } from "../views/state/go-json.js";
import { outputValue } from "../views/state/output-value.js";
import { openStore, readState } from "../../operations/open-state.js";
import { flagDiag, newUi, sourceless } from "../views/ui.js";

type ViewType = "human" | "json" | "raw";

export const outputCommand: Command = {
  name: "output",
  synopsis: "Show output values from your root module",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, {
      json: { kind: "bool", default: false },
      raw: { kind: "bool", default: false },
      state: { kind: "string" },
      "no-color": { kind: "bool", default: false },
    });
    const ui = newUi(ctx, { noColor: parsed.ok && parsed.flags.bools.get("no-color") === true });
    const diags: Diagnostic[] = [];
    if (!parsed.ok) diags.push(flagDiag(parsed.message));
    const flags = parsed.ok ? parsed.flags : undefined;
    const args = flags?.positional ?? [];
    let json = flags?.bools.get("json") === true;
    let raw = flags?.bools.get("raw") === true;
    if (args.length > 1) {
      diags.push(
        sourceless(
          "Unexpected argument",
          "The output command expects exactly one argument with the name of an output variable or no arguments to show all outputs.",
        ),
      );
    }
    if (json && raw) {
      diags.push(sourceless("Invalid output format", "The -raw and -json options are mutually-exclusive."));
      json = raw = false;
    }
    const name = args[0] ?? "";
    if (raw && name === "") diags.push(sourceless("Output name required", "You must give the name of a single output value when using the -raw option."));
    if (hasErrors(diags)) {
      ui.diagnostics(diags);
      ui.helpPrompt("output");
      return 1;
    }
    const view: ViewType = json ? "json" : raw ? "raw" : "human";

    const read = await readState(openStore(ctx, { statePath: flags?.strings.get("state") }));
    if (hasErrors(read.diags)) {
      ui.diagnostics(read.diags);
      return 1;
    }
    const outputs = new Map(Object.entries(read.state?.outputs ?? {}));
    const result = view === "json" ? jsonView(name, outputs) : view === "raw" ? rawView(name, outputs) : humanView(name, outputs);
    if (result.text !== undefined) ctx.stdout.write(result.text);
    // The JSON and raw views show only errors, so their output stays machine-readable.
    const shown = [...read.diags, ...result.diags]; // read.diags: at most the warning that an interrupted apply left operations pending
    ui.diagnostics(view === "human" ? shown : shown.filter((d) => d.severity === "error"));
    return hasErrors(result.diags) ? 1 : 0;
  },
};

interface ViewResult {
  readonly text?: string;
  readonly diags: Diagnostic[];
}

function humanView(name: string, outputs: ReadonlyMap<string, OutputState>): ViewResult {
  if (outputs.size === 0) return { diags: [noOutputsWarning()] };
  if (name !== "") {
    const o = outputs.get(name);
    if (o === undefined) return { diags: [missingOutputError(name)] };
    const v = outputValue(o);
    if (!v.ok) return { diags: [sourceless("Failed to read output value", v.message)] };
    return { text: formatValue(v.value) + "\n", diags: [] };
  }
  const lines: string[] = [];
  for (const key of [...outputs.keys()].sort(compareGoStrings)) {
    const o = outputs.get(key)!;
    if (o.sensitive === true) {
      lines.push(`${key} = <sensitive>`);
      continue;
    }
    const v = outputValue(o);
    if (!v.ok) return { diags: [sourceless("Failed to read output value", v.message)] };
    lines.push(`${key} = ${formatValue(v.value)}`);
  }
  return { text: lines.join("\n").trim() + "\n", diags: [] };
}

function rawView(name: string, outputs: ReadonlyMap<string, OutputState>): ViewResult {
  if (outputs.size === 0) return { diags: [noOutputsWarning()] };
  const o = outputs.get(name);
  if (o === undefined) return { diags: [missingOutputError(name)] };
  const v = outputValue(o);
  if (!v.ok) return { diags: [sourceless("Failed to read output value", v.message)] };
  const s = convert(v.value, StringType);
  if (!s.ok) {
    return {
      diags: [
        sourceless(
          "Unsupported value for raw output",
          `The -raw option only supports strings, numbers, and boolean values, but output value ${JSON.stringify(name)} is ${friendlyTypeName(v.value.type)}.\n\nUse the -json option for machine-readable representations of output values that have complex types.`,
        ),
      ],
    };
  }
  if (s.value.isNull()) {
    return { diags: [sourceless("Unsupported value for raw output", `The value for output value ${JSON.stringify(name)} is null, so -raw mode cannot print it.`)] };
  }
  return { text: s.value.asString(), diags: [] };
}

function jsonView(name: string, outputs: ReadonlyMap<string, OutputState>): ViewResult {
  if (name !== "") {
    const o = outputs.get(name);
    if (o === undefined) return { diags: [missingOutputError(name)] };
    return { text: jsonValue(o.value) + "\n", diags: [] };
  }
  const metas = new Map<string, JsonText>();
  for (const [key, o] of outputs) {
    metas.set(key, struct([["sensitive", jsonBool(o.sensitive === true)], ["type", jsonValue(o.type)], ["value", jsonValue(o.value)]]));
  }
  return { text: indented(map(metas, compareGoStrings)) + "\n", diags: [] };
}

function noOutputsWarning(): Diagnostic {
  return sourceless(
    "No outputs found",
    "The state file either has no outputs defined, or all the defined outputs are empty. Please define an output in your configuration with the `output` keyword and run `cairn refresh` for it to become available. If you are using interpolation, please verify the interpolated value is not empty. You can use the `cairn console` command to assist.",
    "warning",
  );
}

function missingOutputError(name: string): Diagnostic {
  return sourceless(
    `Output ${JSON.stringify(name)} not found`,
    "The output variable requested could not be found in the state file. If you recently added this to your configuration, be sure to run `cairn apply`, since the state won't be updated with new output variables until that command is run.",
  );
}

