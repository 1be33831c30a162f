// `cairn test [-filter=FILE]... [-test-directory=DIR] [-var k=v] [-var-file=F] [-verbose] [-json] [-no-color]`:
// runs the `*.tftest.hcl` files of the working directory and its test directory (operations/test), as
// `terraform test` does. Exit 0 when every run passed, 1 otherwise.

import { isAbsolute, normalize } from "node:path";
import { hasErrors } from "../../lang/diagnostics.js";
import { loadConfiguration, loadTestFiles } from "../../operations/load-config.js";
import { runTestSuite } from "../../operations/test/runner.js";
import type { TestView } from "../../operations/test/view.js";
import { collectVariableValues } from "../../planner/variables/sources.js";
import type { VariableFlag } from "../../planner/variables/raw.js";
import { sourceFileFromBytes } from "../../lang/source-files.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import type { SourceFile } from "../views/diagnostics.js";
import { flagDiag, newUi, sourceless } from "../views/ui.js";
import { HumanTestView } from "../views/test/human.js";
import { JsonTestView } from "../views/test/json.js";
import { renderVerbose } from "../views/test/verbose.js";

export const testCommand: Command = {
  name: "test",
  synopsis: "Execute integration tests for Cairn modules",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, {
      filter: { kind: "repeated" },
      "test-directory": { kind: "string", default: "tests" },
      var: { kind: "repeated" },
      "var-file": { kind: "repeated" },
      verbose: { kind: "bool", default: false },
      json: { kind: "bool", default: false },
      "no-color": { kind: "bool", default: false },
    });
    const noColor = argv.includes("-no-color") || (parsed.ok && parsed.flags.bools.get("no-color") === true);
    const ui = newUi(ctx, { noColor });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      ui.helpPrompt("test");
      return 1;
    }
    const { flags } = parsed;
    const json = flags.bools.get("json") === true;
    const color = !noColor && !json && ctx.stdout.isTTY === true;
    const sources = new Map<string, SourceFile>();
    const view: TestView = json
      ? new JsonTestView((line) => ctx.stdout.write(line + "\n"), sources)
      : new HumanTestView(ctx, { color, plain: noColor, sources, renderVerbose: (r) => renderVerbose(r, { color, cwd: ctx.cwd, env: ctx.env }) });
    const testDir = normalize(flags.strings.get("test-directory")!);
    if (isAbsolute(testDir) || testDir === ".." || testDir.startsWith("../")) {
      view.diagnostics([sourceless("Invalid testing directory", "The testing directory must be a relative path pointing to a directory local to the configuration directory.")]);
      return 1;
    }
    const loaded = loadConfiguration(ctx.cwd);
    const tests = loadTestFiles(ctx.cwd, testDir);
    for (const [n, f] of loaded.sources) sources.set(n, f);
    for (const [n, f] of tests.sources) sources.set(n, f);
    const setup = [...loaded.diags, ...tests.diags];
    if (hasErrors(setup)) {
      view.diagnostics(setup);
      return 1;
    }
    const varFlags: VariableFlag[] = flags.repeated
      .filter((r) => r.name === "var" || r.name === "var-file")
      .map((r) => (r.name === "var" ? { kind: "var", value: r.value } : { kind: "var-file", path: r.value }));
    const globals = collectVariableValues({ dir: ctx.cwd, flags: varFlags, env: ctx.env });
    const testGlobals = collectVariableValues({ dir: `${ctx.cwd}/${testDir}`, flags: [], env: {} });
    for (const c of [globals, testGlobals]) for (const [n, bytes] of c.files) sources.set(n, sourceFileFromBytes(bytes));
    setup.push(...globals.diags, ...testGlobals.diags);
    view.diagnostics(setup);
    if (hasErrors(setup)) return 1;
    const status = await runTestSuite({
      host: ctx,
      testDir,
      files: tests.files,
      filter: flags.repeated.filter((r) => r.name === "filter").map((r) => r.value),
      globals: globals.values,
      testGlobals: testGlobals.values,
      verbose: flags.bools.get("verbose") === true,
      view,
      sources,
    });
    return status === "pass" ? 0 : 1;
  },
};
