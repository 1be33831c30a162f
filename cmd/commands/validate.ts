// `cairn validate [-json] [-no-color]`: loads the configuration in the working directory, with every module
// it calls, and validates it without variables or state: syntax, static checks (config), the checks
// between module calls and their modules (modules/), and resource bodies against the providers' schemas. Prints Terraform's "Success! The configuration is valid." (exit 0) or the diagnostics
// (exit 1); -json prints Terraform's validate JSON (format_version "1.0", valid, counts, diagnostics).

import { existsSync, readFileSync } from "node:fs";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { configFileNames } from "../../config/index.js";
import { addChildSources, loadConfiguration } from "../../operations/load-config.js";
import { parseFlags } from "../flags.js";
import type { Command, CommandContext } from "../registry.js";
import type { SourceFile } from "../views/diagnostics.js";
import { sourceFileFromAst, sourceFileFromBytes } from "../../lang/source-files.js";
import { diagnosticJson } from "../views/state/diagnostic-json.js";
import { array, indented, jsonBool, jsonNumber, jsonString, struct } from "../views/state/go-json.js";
import { validateAgainstSchemas } from "../../operations/provider-schemas.js";
import { flagDiag, newUi } from "../views/ui.js";

const SUCCESS = "Success! The configuration is valid.";
const SUCCESS_WITH_WARNINGS = "Success! The configuration is valid, but there were some validation warnings as shown above.";

export const validateCommand: Command = {
  name: "validate",
  synopsis: "Check whether the configuration is valid",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, {
      json: { kind: "bool", default: false },
      "no-color": { kind: "bool", default: false },
      "no-tests": { kind: "bool", default: false },
      "test-directory": { kind: "string", default: "tests" },
    });
    const noColor = parsed.ok && parsed.flags.bools.get("no-color") === true;
    const ui = newUi(ctx, { noColor });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      ui.helpPrompt("validate");
      return 1;
    }
    const json = parsed.flags.bools.get("json") === true;
    if (parsed.flags.positional.length > 0) {
      // Terraform removed the DIR argument; -chdir selects the directory.
      const d = flagDiag(`Too many command line arguments. Did you mean to use -chdir?`);
      if (json) ctx.stdout.write(validateJson([d], new Map()) + "\n");
      else {
        ui.diagnostics([d]);
        ui.helpPrompt("validate");
      }
      return 1;
    }
    const { diags, sources } = await validateDir(ctx);
    if (json) {
      ctx.stdout.write(validateJson(diags, sources) + "\n");
      return hasErrors(diags) ? 1 : 0;
    }
    const color = !noColor && ctx.stdout.isTTY === true;
    const success = (text: string) => (color ? `\x1b[32m\x1b[1mSuccess!\x1b[0m${text.slice("Success!".length)}\x1b[0m` : text);
    if (diags.length === 0) {
      ctx.stdout.write(success(SUCCESS) + "\n\n");
      return 0;
    }
    ui.diagnostics(diags, sources);
    if (hasErrors(diags)) return 1;
    ctx.stdout.write(success(SUCCESS_WITH_WARNINGS) + "\n\n");
    return 0;
  },
};

async function validateDir(ctx: CommandContext): Promise<{ diags: Diagnostic[]; sources: Map<string, SourceFile> }> {
  const sources = new Map<string, SourceFile>();
  const files = configFileNames(ctx.cwd);
  // The whole module tree, as plan loads it: every child's own static checks (undeclared references, bad
  // blocks), the checks between each call and its module (arguments, required inputs, outputs), and
  // installed modules verified against the lock file. Names stay relative to the working directory, so
  // diagnostics say `main.tf` and `modules/web/main.tf`, as Terraform's do.
  const loaded = loadConfiguration(ctx.cwd);
  for (const name of [...files.primary, ...files.override]) {
    const path = `${ctx.cwd}/${name}`;
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    const body = loaded.nativeBodies.get(name);
    sources.set(name, body !== undefined ? sourceFileFromAst({ filename: name, body, bytes }) : sourceFileFromBytes(bytes));
  }
  addChildSources(sources, loaded);
  // The modules are best-effort results even with errors, so resource bodies are checked against their
  // schemas too and every problem is reported in one run, as Terraform's validate walk does. A directory
  // called from several places is one set of files: its resources are checked once.
  const diags = [...loaded.diags];
  const seen = new Set<string>();
  for (const m of [{ dir: ".", module: loaded.module }, ...loaded.modules]) {
    if (seen.has(m.dir)) continue;
    seen.add(m.dir);
    diags.push(...(await validateAgainstSchemas(m.module)));
  }
  return { diags, sources };
}

function validateJson(diags: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>): string {
  const errors = diags.filter((d) => d.severity === "error").length;
  return indented(
    struct([
      ["format_version", jsonString("1.0")],
      ["valid", jsonBool(errors === 0)],
      ["error_count", jsonNumber(errors)],
      ["warning_count", jsonNumber(diags.length - errors)],
      ["diagnostics", array(diags.map((d) => diagnosticJson(d, sources)))],
    ]),
  );
}
