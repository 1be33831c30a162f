// `cairn state rm [-dry-run] [-backup=PATH] [-lock=false] [-lock-timeout=0s] [-state=PATH] ADDRESS...`:
// forgets resource instances (every instance of a resource or module given) without destroying them, under
// the state lock, keeping a timestamped backup of the state as Terraform does.

import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { AbsResourceInstance } from "../../addrs/index.js";
import type { Command } from "../registry.js";
import { lookupInstanceAddrs } from "./state/addresses.js";
import { takeInstance } from "./state/edit-state.js";
import { persistState, runLocked } from "../../operations/locked-run.js";
import { errStateNotFound, errStateRmPersist } from "./state/messages.js";
import { openStore, timestampedBackupPath } from "../../operations/open-state.js";
import { recordStateVersion } from "../../operations/record-version.js";
import { newUi, sourceless } from "../views/ui.js";
import { parseWriteFlags } from "./state/write-flags.js";
import { varFlagsOf } from "../flag-groups.js";

export const stateRmCommand: Command = {
  name: "state rm",
  synopsis: "Remove instances from the state",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseWriteFlags(argv, { "dry-run": { kind: "bool", default: false } }, ui);
    if (parsed === undefined) return 1;
    const { flags, lock } = parsed;
    if (flags.positional.length === 0) {
      ui.diagnostics([sourceless("Required argument missing", "At least one address is required.")]);
      return 1;
    }
    const dryRun = flags.bools.get("dry-run") === true;
    const varFlags = varFlagsOf(flags);
    const statePath = openStore(ctx, { statePath: flags.strings.get("state"), varFlags }).path;
    const store = openStore(ctx, { statePath, backupPath: timestampedBackupPath(statePath, flags.strings.get("backup")), varFlags });

    return runLocked(ctx, store, lock, "state-rm", ui, async (state) => {
      if (state === undefined) {
        ui.error(errStateNotFound);
        return 1;
      }
      const diags: Diagnostic[] = [];
      const addrs: AbsResourceInstance[] = [];
      for (const arg of flags.positional) {
        const found = lookupInstanceAddrs(state, arg, true);
        addrs.push(...found.addrs);
        diags.push(...found.diags);
      }
      if (hasErrors(diags)) {
        ui.diagnostics(diags);
        return 1;
      }
      const prefix = dryRun ? "Would remove " : "Removed ";
      let count = 0;
      for (const addr of addrs) {
        count++;
        ui.output(prefix + addr.toString());
        if (!dryRun) takeInstance(state, addr);
      }
      if (dryRun) {
        if (count === 0) ui.output("Would have removed nothing.");
        return 0;
      }
      if (count === 0) {
        ui.diagnostics([
          sourceless(
            "Invalid target address",
            'No matching objects found. To view the available instances, use "cairn state list". Please modify the address to reference a specific instance.',
          ),
        ]);
        return 1;
      }
      const failure = await persistState(store, state);
      if (failure !== undefined) {
        ui.error(errStateRmPersist(failure));
        return 1;
      }
      ui.diagnostics([...diags, ...(await recordStateVersion(store, ctx, { command: "state rm", args: argv })).diags]);
      ui.output(`Successfully removed ${count} resource instance(s).`);
      return 0;
    });
  },
};
