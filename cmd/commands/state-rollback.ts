// `cairn state rollback -serial N [-auto-approve] [-lock=false] [-lock-timeout=D] [-state=PATH] [-backup=PATH]`:
// writes a new version whose resources and outputs equal version N's, recorded as a rollback. The serial
// moves forward and no history is deleted, so a rollback can itself be rolled back. Under the state lock,
// with a timestamped backup of the state it replaces, after confirmation (or -auto-approve).

import { hasErrors } from "../../lang/diagnostics.js";
import { compareSnapshots } from "../../state/history/compare.js";
import { rollbackState } from "../../state/history/rollback.js";
import { buildSnapshot } from "../../state/history/snapshot.js";
import type { StateFile } from "../../state/model.js";
import { parseFlags } from "../flags.js";
import type { Command, CommandContext } from "../registry.js";
import { persistState, runLocked } from "../../operations/locked-run.js";
import { openStore, timestampedBackupPath } from "../../operations/open-state.js";
import { flagDiag, newUi, sourceless } from "../views/ui.js";
import { writeFlagSpecs } from "./state/write-flags.js";
import { openCommandHistory } from "../../operations/history.js";
import { recordStateVersion } from "../../operations/record-version.js";
import { parsePositiveInt } from "../flag-groups.js";
import { readLockOptions, varFlagsOf } from "../flag-groups.js";

export const stateRollbackCommand: Command = {
  name: "state rollback",
  synopsis: "Restore the resources of an earlier state version",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { ...writeFlagSpecs, serial: { kind: "string" }, "auto-approve": { kind: "bool", default: false } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const { flags } = parsed;
    const serial = parsePositiveInt(flags.strings.get("serial"), "serial", ui);
    if (serial === "error") return 1;
    if (serial === undefined || flags.positional.length > 0) {
      ui.diagnostics([sourceless("Required argument missing", 'Usage: cairn state rollback -serial N [-auto-approve]; see "cairn state history" for the serials.')]);
      return 1;
    }
    const lock = readLockOptions(flags);
    if ("error" in lock) {
      ui.diagnostics([flagDiag(lock.error)]);
      return 1;
    }
    const varFlags = varFlagsOf(flags);
    const opened = await openCommandHistory(ctx, flags.strings.get("state"), varFlags);
    if (!opened.history || hasErrors(opened.diags)) {
      ui.diagnostics(opened.diags);
      return 1;
    }
    const history = opened.history;
    const store = openStore(ctx, { statePath: flags.strings.get("state"), backupPath: timestampedBackupPath(opened.statePath, flags.strings.get("backup")), varFlags });

    return runLocked(ctx, store, lock, "state-rollback", ui, async (current) => {
      const rb = rollbackState(history, serial, current);
      if (!rb.state) {
        ui.diagnostics(rb.diags);
        return 1;
      }
      const summary = summarize(current, rb.state);
      if (summary.total === 0) {
        ui.output(`The state's resources and outputs already equal version ${serial}; nothing to roll back.`);
        return 0;
      }
      ui.output(`Rolling back to version ${serial} will ${summary.text}.`);
      if (!flags.bools.get("auto-approve")) {
        ctx.stdout.write(`\nDo you really want to roll back the state to version ${serial}?\n  Cairn will only change the state, not the real infrastructure: run "cairn plan" afterwards.\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
        const answer = await readAnswer(ctx);
        ctx.stdout.write("\n");
        if (answer !== "yes") {
          ui.error("\nRollback cancelled.");
          return 1;
        }
      }
      const failure = await persistState(store, rb.state);
      if (failure !== undefined) {
        ui.error(`Error saving the state: ${failure}\n\nThe state was not changed.`);
        return 1;
      }
      const persisted = (await store.read()).state!;
      // The one recording path: it also writes the version to a pg backend's history, under this lock.
      const rec = await recordStateVersion(store, ctx, { command: "state rollback", args: argv, rollbackOf: serial });
      ui.diagnostics(rec.diags);
      if (!rec.record) return 1;
      ui.output(`Rolled back to version ${serial}: the state is now version ${persisted.serial}.`);
      return 0;
    });
  },
};

function summarize(current: StateFile | undefined, target: StateFile): { total: number; text: string } {
  const plainAddress = (t: string) => t; // identity addresses: only equality matters for the summary
  const a = current ? buildSnapshot(current, plainAddress) : undefined;
  const b = buildSnapshot(target, plainAddress);
  const deltas = compareSnapshots(a ? { root: a.root, bucket: (id) => a.bucketEntries.get(id) ?? [] } : undefined, { root: b.root, bucket: (id) => b.bucketEntries.get(id) ?? [] });
  const n = (action: string) => deltas.filter((d) => d.action === action).length;
  const outputs = a && a.root.outputs !== b.root.outputs ? "; outputs change" : "";
  return { total: deltas.length + (outputs ? 1 : 0), text: `restore ${n("create")} removed, revert ${n("update")} changed and remove ${n("delete")} added resource instance(s)${outputs}` };
}

/** One line from standard input (the confirmation), "" at end of input. */
function readAnswer(ctx: CommandContext): Promise<string> {
  return new Promise((resolve) => {
    let buf = "";
    const onData = (chunk: Buffer | string) => {
      buf += chunk.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) finish(buf.slice(0, nl));
    };
    const onEnd = () => finish(buf);
    const finish = (line: string) => {
      ctx.stdin.off("data", onData);
      ctx.stdin.off("end", onEnd);
      ctx.stdin.pause?.();
      resolve(line.trim());
    };
    ctx.stdin.on("data", onData);
    ctx.stdin.on("end", onEnd);
    ctx.stdin.resume?.();
  });
}
