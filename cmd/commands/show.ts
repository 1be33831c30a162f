// `cairn show [-json] [-no-color] [PATH]`: the current state as Terraform's `show` renders it (every object
// as in `state show`, then the outputs), or with -json in Terraform's JSON values representation. PATH may
// name a state file or a saved plan file (plan -out), which is rendered as plan rendered it, or with -json in
// Terraform's JSON plan representation (show-plan.ts).

import { stateSchemaLookup } from "../../planner/scope/state-schemas.js";
import { providerRegistry } from "../../operations/providers.js";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseState } from "../../state/parse.js";
import type { StateFile } from "../../state/model.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { renderStateHuman } from "../views/state/state-human.js";
import { stateJson } from "../views/state/state-json.js";
import { openStore, readState } from "../../operations/open-state.js";
import { flagDiag, newUi, sourceless } from "../views/ui.js";
import { showIfPlanFile } from "../operation/show-plan.js";
import { decryptStateFile, isEncrypted, type Keyring } from "../../state/encryption/index.js";
import { stateKeyring } from "../../operations/keyring.js";

export const showCommand: Command = {
  name: "show",
  synopsis: "Show the current state or a saved plan",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, { json: { kind: "bool", default: false }, "no-color": { kind: "bool", default: false } });
    const ui = newUi(ctx, { noColor: parsed.ok && parsed.flags.bools.get("no-color") === true });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      ui.helpPrompt("show");
      return 1;
    }
    const json = parsed.flags.bools.get("json") === true;
    const args = parsed.flags.positional;
    if (args.length > 1) {
      ui.diagnostics([sourceless("Too many command line arguments", "Expected at most one positional argument.")]);
      ui.helpPrompt("show");
      return 1;
    }
    let state: StateFile | undefined;
    if (args.length === 1) {
      // A saved plan file (plan -out) is rendered as plan rendered it (show-plan.ts).
      const planDiags = await showIfPlanFile(resolve(ctx.cwd, args[0]!), args[0]!, ctx, { json, color: parsed.flags.bools.get("no-color") !== true && ctx.stdout.isTTY === true });
      if (planDiags !== undefined) {
        if (planDiags.length > 0) ui.diagnostics(planDiags);
        return hasErrors(planDiags) ? 1 : 0;
      }
      const k = stateKeyring(ctx);
      if (hasErrors(k.diags)) {
        ui.diagnostics(k.diags);
        return 1;
      }
      const fromFile = await readStateOrPlanFile(resolve(ctx.cwd, args[0]!), args[0]!, k.keyring);
      if ("error" in fromFile) {
        ui.diagnostics([fromFile.error]);
        return 1;
      }
      state = fromFile.state;
    } else {
      const read = await readState(openStore(ctx));
      ui.diagnostics(read.diags); // errors, or the warning that an interrupted apply left operations pending
      if (hasErrors(read.diags)) return 1;
      state = read.state;
    }
    const schemaFor = await stateSchemaLookup(state, providerRegistry());
    ctx.stdout.write(json ? stateJson(state, schemaFor) + "\n" : renderStateHuman(state, schemaFor));
    return 0;
  },
};

/** A state file given on the command line (saved plans are handled before, by showIfPlanFile); anything
 * else is reported as Terraform reports an unreadable file. */
async function readStateOrPlanFile(path: string, given: string, keyring: Keyring | undefined): Promise<{ state?: StateFile } | { error: Diagnostic }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (err as Error).message;
    return { error: sourceless("Failed to read the given file as a state or plan file", `State read error: open ${given}: ${reason}\n\nPlan read error: open ${given}: ${reason}`) };
  }
  if (isEncrypted(text)) {
    // An encrypted state file (encryption at rest): opened with the state's keyring.
    const opened = decryptStateFile(Buffer.from(text), keyring, `The state file ${given}`);
    if (!opened.ok) return { error: opened.diags[0]! };
    text = opened.data.toString("utf8");
  }
  const parsed = parseState(text, given);
  if (!hasErrors(parsed.diags) && parsed.state !== undefined) return { state: parsed.state };
  return {
    error: sourceless(
      "Failed to read the given file as a state or plan file",
      `${given} is neither a state file nor a saved plan file (written by "cairn plan -out=FILE"). To see the current state, run "cairn show" without an argument.`,
    ),
  };
}
