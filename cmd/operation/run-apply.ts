// `cairn apply` (and, with destroy = true, `cairn destroy`): lock the state, recover a crashed run's pending
// creates from the journal, plan, show the plan and ask for "yes" (unless -auto-approve), then apply in
// dependency order. Every completed operation is durable at once through the state journal (group commit);
// the state file is rewritten from it periodically and at the end. First Ctrl-C: nothing new starts, running
// operations finish, state is persisted, exit 1. Second Ctrl-C: persist what is known and exit at once.

import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { CommandContext } from "../registry.js";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { StateJournal } from "../../state/journal.js";
import { VERSION } from "../../operations/version.js";
import { ApplyProgressView } from "../views/apply/progress.js";
import { applySummary, outputsSummary } from "../views/apply/summary.js";
import { loadTtyApplyView, plannedOperations, wantsTtyView } from "../views/tty/index.js";
import { appliedChanges, recordStateVersion, recordUnrecordedVersion } from "../../operations/record-version.js";
import { exitProcess } from "../exit.js";
import { lockState, showDiags, unlockState, writePlan } from "./operation.js";
import { isSavedPlan, obtainPlan, prepareApply, savedPlanMeta } from "./apply-planfile.js";
import { humanText, jsonApplyFinished, jsonApplyHooks, logLine } from "./plan-output.js";

async function readAnswer(ctx: CommandContext): Promise<string> {
  const rl = createInterface({ input: ctx.stdin, terminal: false });
  try {
    for await (const line of rl) return line.trim();
    return "";
  } finally {
    rl.close();
  }
}

export async function runApply(argv: string[], ctx: CommandContext, destroy: boolean): Promise<number> {
  const name = destroy ? "destroy" : "apply";
  const op = await prepareApply(argv, ctx, destroy); // `apply FILE` or plan-and-apply (apply-planfile.ts)
  if (typeof op === "number") return op;
  let journal: StateJournal | undefined;
  /** The providers stopping, once the walk no longer needs them. */
  let closing: Promise<void> | undefined;
  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      ctx.stdout.write("\nInterrupt received.\nPlease wait for Cairn to exit or data loss may occur.\nGracefully shutting down...\n\n");
      abort.abort();
      return;
    }
    ctx.stderr.write("\nTwo interrupts received. Exiting immediately. Note that data loss may have occurred.\n");
    // Every completed operation is already durable in the journal. Write them into the state file too, so
    // that every reader (state list, output, show) sees them; pending create intents stay in the journal for
    // the next apply to resolve. Then release the lock and go.
    const j = journal;
    void (j ? j.flush().then(() => j.compact()) : Promise.resolve([]))
      .then(() => unlockState(op))
      .finally(() => exitProcess(1));
  };
  process.on("SIGINT", onSigint);
  try {
    if (!(await lockState(op, "OperationTypeApply"))) return 1;
    showDiags(op, await recordUnrecordedVersion(op.store, ctx, name));
    // Terraform writes no state when an apply fails before changing anything; the journal needs a state file
    // to extend, so one it had to create for this run is removed again on that path.
    const fresh = !existsSync(op.store.path);
    const opened = await StateJournal.open(op.store, op.store.journalPath, { cairnVersion: VERSION });
    if (opened.journal === undefined) {
      showDiags(op, opened.diags);
      return 1;
    }
    journal = opened.journal;
    // History: an apply finishing a crashed run's journal is recorded as a partial version.
    const recovered = opened.recovered > 0 || opened.pending.length > 0;
    const record = async (changes?: ReturnType<typeof appliedChanges>) =>
      (await recordStateVersion(op.store, ctx, { command: name, args: argv, partial: recovered, ...savedPlanMeta(op), ...(changes ? { changes } : {}) })).diags;
    if (opened.pending.length > 0) {
      const rec = await op.core.recover(opened.pending, journal);
      showDiags(op, rec.diags);
      if (rec.adopted.length > 0) {
        logLine(op, `Recovered ${rec.adopted.length} object(s) created by an interrupted apply: ${rec.adopted.join(", ")}\n`);
      }
      if (hasErrors(rec.diags)) return 1;
    }
    const { plan, diags } = await obtainPlan(op, journal.currentState(), abort.signal); // the saved plan, checked, or a new one
    if (plan === undefined || hasErrors(diags)) {
      if (plan !== undefined && plan.resourceChanges.length > 0) await writePlan(op, plan, true);
      showDiags(op, diags);
      if (fresh && opened.pending.length === 0) {
        showDiags(op, await journal.close());
        journal = undefined;
        await rm(op.store.path, { force: true });
      }
      return 1;
    }
    if (!isSavedPlan(op)) await writePlan(op, plan, true); // Terraform does not show a saved plan again
    showDiags(op, diags.filter((d) => d.severity === "warning"));
    // A plan with nothing to change is applied too, without asking, as Terraform does: the apply writes what
    // the refresh found (objects changed outside, state upgraded to the provider's schema) and this run's
    // check results, and says "Apply complete!".
    if (plan.applyable && !op.flags.bools.get("auto-approve") && !isSavedPlan(op)) {
      const question = destroy
        ? "\nDo you really want to destroy all resources?\n  Cairn will destroy all your managed infrastructure, as shown above.\n  There is no undo. Only 'yes' will be accepted to confirm.\n\n  Enter a value: "
        : plan.mode === "refresh-only"
          ? "\nWould you like to update the Cairn state to reflect these detected changes?\n  Cairn will write these changes to the state without modifying any real infrastructure.\n  There is no undo. Only 'yes' will be accepted to confirm.\n\n  Enter a value: "
          : "\nDo you want to perform these actions?\n  Cairn will perform the actions described above.\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ";
      ctx.stdout.write(question);
      const answer = await readAnswer(ctx);
      ctx.stdout.write("\n");
      if (answer !== "yes") {
        ctx.stderr.write(`\n${destroy ? "Destroy" : "Apply"} cancelled.\n`);
        return 1;
      }
    }
    if (plan.applyable) humanText(op, "\n");
    // TTY view (cmd/views/tty): live ink progress on a terminal; Terraform-style lines otherwise.
    const plain = () => new ApplyProgressView(ctx.stdout, op.color);
    const tty = wantsTtyView(ctx.stdout, { json: op.flags.bools.get("json"), noColor: op.flags.bools.get("no-color") });
    const view = jsonApplyHooks(op) ?? (tty ? await loadTtyApplyView(ctx.stdout, { total: plannedOperations(plan), stdin: ctx.stdin }, plain) : plain());
    const result = await op.core.apply(plan, journal, { parallelism: op.parallelism, signal: abort.signal, hooks: view });
    // No provider is called after the walk: they stop (a plugin's process ends, closing its own stores) while
    // the state and its history are written, rather than after.
    closing = op.core.close();
    await view.stop();
    const closeDiags = await journal.close();
    journal = undefined;
    const all: Diagnostic[] = [...result.diags, ...closeDiags];
    if (!hasErrors(closeDiags)) all.push(...(await record(result.cancelled || hasErrors(result.diags) ? undefined : appliedChanges(plan))));
    if (plan.targetAddrs.length > 0 || plan.excludeAddrs.length > 0) {
      all.push({
        severity: "warning",
        summary: "Applied changes may be incomplete",
        detail:
          'The plan was created with the -target option in effect, so some changes requested in the configuration may have been ignored and the output values may not be fully updated. Run the following command to verify that no other changes are pending:\n    cairn plan\n\nNote that the -target option is not suitable for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Cairn specifically suggests to use it as part of an error message.',
      });
    }
    if (result.cancelled || hasErrors(all)) {
      showDiags(op, all);
      if (result.cancelled && !hasErrors(all)) ctx.stderr.write("\nError: Operation cancelled\n");
      return 1;
    }
    showDiags(op, all);
    if (await jsonApplyFinished(op, result, destroy, plan.mode === "refresh-only")) return 0; // -json: change_summary and outputs
    ctx.stdout.write(applySummary(result.counts, destroy, op.color));
    if (!destroy) ctx.stdout.write(outputsSummary(result.outputs, op.color));
    return 0;
  } finally {
    if (journal) await journal.close();
    await unlockState(op);
    await (closing ?? op.core.close());
    // Only now: a second Ctrl-C while the state is written, the lock released or the plugins stopped is
    // still "exit at once, with 1", not the default end by the signal.
    process.off("SIGINT", onSigint);
  }
}
