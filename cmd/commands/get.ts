// `cairn get [-update]`: installs the modules the configuration calls, as `init` does, without touching
// providers or the backend (Terraform's get). Prints `- <key> in <dir>` per module, as Terraform does.

import type { Command } from "../registry.js";
import { parseFlags } from "../flags.js";
import { hasErrors } from "../../lang/diagnostics.js";
import { installModules } from "../../modules/install.js";
import { sourceFileFromAst, sourceFileFromBytes } from "../../lang/source-files.js";
import type { SourceFile } from "../views/diagnostics.js";
import { flagDiag, newUi } from "../views/ui.js";

export const getCommand: Command = {
  name: "get",
  synopsis: "Install or upgrade remote Cairn modules",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, { update: { kind: "bool", default: false }, "no-color": { kind: "bool", default: false }, "test-directory": { kind: "string", default: "tests" } });
    const ui = newUi(ctx, { noColor: argv.includes("-no-color") });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      ui.helpPrompt("get");
      return 1;
    }
    if (parsed.flags.positional.length > 0) {
      ui.diagnostics([{ severity: "error", summary: "Too many command line arguments", detail: "Did you mean to use -chdir?" }]);
      ui.helpPrompt("get");
      return 1;
    }
    const installed = await installModules(ctx.cwd, { upgrade: parsed.flags.bools.get("update") === true });
    for (const line of installed.lines) ctx.stdout.write(line + "\n");
    const sources = new Map<string, SourceFile>();
    for (const [name, bytes] of installed.sourceBytes) {
      const body = installed.tree.nativeBodies.get(name);
      sources.set(name, body !== undefined ? sourceFileFromAst({ filename: name, body, bytes }) : sourceFileFromBytes(bytes));
    }
    ui.diagnostics(installed.diags, sources);
    return hasErrors(installed.diags) ? 1 : 0;
  },
};
