// `cairn state push [-force] [-lock=false] [-lock-timeout=0s] PATH|-`: replaces the state with the given
// state file (or standard input), refusing, unless -force, a state of another lineage or one that would go
// back in history (Terraform's statemgr.CheckValidImport), under the state lock.

import { hasErrors } from "../../lang/diagnostics.js";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { emptyState, type StateFile } from "../../state/model.js";
import { parseState } from "../../state/parse.js";
import { serializeState } from "../../state/serialize.js";
import type { Command, CommandContext } from "../registry.js";
import { VERSION } from "../../operations/version.js";
import { persistState, runLocked } from "../../operations/locked-run.js";
import { openStore } from "../../operations/open-state.js";
import { recordStateVersion } from "../../operations/record-version.js";
import { decryptStateFile, isEncrypted } from "../../state/encryption/index.js";
import { newUi, sourceless } from "../views/ui.js";
import { parseWriteFlags } from "./state/write-flags.js";
import { isStateEmpty } from "../views/state/state-values.js";
import { varFlagsOf } from "../flag-groups.js";

export const statePushCommand: Command = {
  name: "state push",
  synopsis: "Update remote state from a local state file",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseWriteFlags(argv, { force: { kind: "bool", default: false } }, ui);
    if (parsed === undefined) return 1;
    const { flags, lock } = parsed;
    if (flags.positional.length !== 1) {
      ui.diagnostics([sourceless("Required argument missing", "Exactly one argument expected: the path to a Cairn state file.")]);
      return 1;
    }
    const path = flags.positional[0]!;
    const store = openStore(ctx, { statePath: flags.strings.get("state"), varFlags: varFlagsOf(flags) });
    let text = await readSource(ctx, path);
    if (typeof text !== "string") {
      ui.error(text.error);
      return 1;
    }
    if (isEncrypted(text)) {
      // An encrypted state file (a copy of an encrypted state): opened with the state's keyring.
      const opened = decryptStateFile(Buffer.from(text), store.keyring, `The source state ${JSON.stringify(path)}`);
      if (!opened.ok) {
        ui.diagnostics(opened.diags);
        return 1;
      }
      text = opened.data.toString("utf8");
    }
    const source = parseState(text, path === "-" ? "<stdin>" : path);
    if (hasErrors(source.diags)) {
      const why = source.diags.map((d) => (d.detail ?? d.summary).split("\n")[0]).join("; ");
      ui.error(`Error reading source state ${JSON.stringify(path)}: ${why}`);
      return 1;
    }
    const pushed: StateFile = source.state ?? emptyState(VERSION);

    return runLocked(ctx, store, lock, "state-push", ui, async (existing) => {
      if (flags.bools.get("force") !== true) {
        const refusal = checkValidImport(pushed, existing);
        if (refusal !== undefined) {
          ui.error(`Failed to write state: ${refusal}`);
          return 1;
        }
      }
      const failure = await persistState(store, pushed);
      if (failure !== undefined) {
        ui.error(`Failed to persist state: ${failure}`);
        return 1;
      }
      ui.diagnostics((await recordStateVersion(store, ctx, { command: "state push", args: argv })).diags);
      return 0;
    });
  },
};

async function readSource(ctx: CommandContext, path: string): Promise<string | { error: string }> {
  if (path === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(resolve(ctx.cwd, path), "utf8");
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // Go's os.Open error text: "open PATH: no such file or directory".
    const reason = e.code === "ENOENT" ? "no such file or directory" : e.code === "EACCES" ? "permission denied" : e.message;
    return { error: `open ${path}: ${reason}` };
  }
}

/** Terraform's statemgr.CheckValidImport: the reason a push is refused, or undefined. */
export function checkValidImport(pushed: StateFile, existing: StateFile | undefined): string | undefined {
  if (existing === undefined || isStateEmpty(existing)) return undefined;
  // A state without a lineage predates lineages: anything goes (Terraform's SnapshotLegacy).
  if (pushed.lineage === "" || existing.lineage === "") return undefined;
  if (pushed.lineage !== existing.lineage) {
    return `cannot import state with lineage ${JSON.stringify(pushed.lineage)} over unrelated state with lineage ${JSON.stringify(existing.lineage)}`;
  }
  if (pushed.serial > existing.serial) return undefined;
  if (pushed.serial === existing.serial) {
    if (serializeState(pushed) === serializeState({ ...existing, terraform_version: pushed.terraform_version })) return undefined;
    return `cannot overwrite existing state with serial ${pushed.serial} with a different state that has the same serial`;
  }
  return `cannot import state with serial ${pushed.serial} over newer state with serial ${existing.serial}`;
}
