// `cairn workspace delete [-force] [-lock=false] [-lock-timeout=D] NAME`. Refused for a workspace that does
// not exist, for the selected one, and (without -force) for one whose state still tracks managed resource
// instances, which would be left behind with nothing managing them. The state checked includes what a
// crashed apply recorded only in its journal (its first apply's creates can all be there, beside an empty
// state file), and a create it started without recording the outcome counts too: the object may exist.

import { DEFAULT_WORKSPACE, invalidWorkspaceNameMessage, selectedWorkspace, validWorkspaceName } from "../../modules/workspace.js";
import { openBackend } from "../../operations/backend/open.js";
import { hasErrors } from "../../lang/diagnostics.js";
import { formatInstanceRef } from "../../state/instance-ref.js";
import { readStateWithJournal } from "../../state/replay-read.js";
import { stateKeyring } from "../../operations/keyring.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { allInstanceAddrs } from "./state/addresses.js";
import { acquireStateLock } from "../../operations/lock.js";
import { flagDiag, newUi, sourceless } from "../views/ui.js";
import { envDelCurrent, envDoesNotExist, painter, singleName } from "../views/workspace.js";
import { lockFlagSpecs, readLockOptions } from "../flag-groups.js";

export const workspaceDeleteCommand: Command = {
  name: "workspace delete",
  synopsis: "Delete a workspace",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { ...lockFlagSpecs, force: { kind: "bool", default: false }, "no-color": { kind: "bool", default: false } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const lockOpts = readLockOptions(parsed.flags);
    if ("error" in lockOpts) {
      ui.diagnostics([flagDiag(lockOpts.error)]);
      return 1;
    }
    const arg = singleName(parsed.flags.positional);
    if ("error" in arg) {
      ui.error(arg.error);
      ui.helpPrompt("workspace delete");
      return 1;
    }
    const name = arg.name;
    // Checked first: a name such as "../x" must never reach the file system.
    if (!validWorkspaceName(name)) {
      ui.error(`\n${invalidWorkspaceNameMessage(name)}\n`);
      return 1;
    }
    const opened = openBackend(ctx);
    if (opened.backend === undefined) {
      ui.diagnostics(opened.diags);
      return 1;
    }
    const backend = opened.backend;
    const listed = await backend.listWorkspaces();
    if (listed.diags.length > 0) {
      ui.diagnostics(listed.diags);
      return 1;
    }
    if (!listed.names.includes(name)) {
      ui.error(envDoesNotExist(name).trim());
      return 1;
    }
    if (name === selectedWorkspace(ctx.cwd, ctx.env).name) {
      ui.error(envDelCurrent(name));
      return 1;
    }
    if (name === DEFAULT_WORKSPACE) {
      // The local backend's refusal: the default workspace always exists.
      ui.error("can't delete default state");
      return 1;
    }

    const k = stateKeyring(ctx);
    if (hasErrors(k.diags)) {
      ui.diagnostics(k.diags);
      return 1;
    }
    const store = backend.stateStore(name, { keyring: k.keyring });
    const held = await acquireStateLock(store, lockOpts, "workspace-delete", ui);
    if (!held.ok) {
      ui.diagnostics(held.diags);
      return 1;
    }
    const read = await readStateWithJournal(store);
    const instances = read.state !== undefined ? allInstanceAddrs({ ...read.state, resources: read.state.resources.filter((r) => r.mode === "managed") }).map((a) => a.toString()) : [];
    for (const p of read.pending) if (p.ref.mode === "managed") instances.push(`${formatInstanceRef(p.ref)} (${p.action} interrupted: the object may exist)`);
    const releaseDiags = await held.lock.release();
    if (hasErrors(read.diags) || releaseDiags.length > 0) {
      ui.diagnostics([...read.diags.filter((d) => d.severity === "error"), ...releaseDiags]);
      return 1;
    }
    const hasResources = instances.length > 0;
    if (hasResources && parsed.flags.bools.get("force") !== true) {
      ui.diagnostics([
        sourceless(
          "Workspace is not empty",
          `Workspace ${JSON.stringify(name)} is currently tracking the following resource instances:${instances.map((a) => `\n  - ${a}`).join("")}\n\n` +
            "Deleting this workspace would cause Cairn to lose track of any associated remote objects, which would then require you to delete them manually outside of Cairn. You should destroy these objects with Cairn before deleting the workspace.\n\n" +
            "If you want to delete this workspace anyway, and have Cairn forget about these managed objects, use the -force option to disable this safety check.",
        ),
      ]);
      return 1;
    }
    const deleteDiags = await backend.deleteWorkspace(name);
    if (deleteDiags.length > 0) {
      ui.diagnostics(deleteDiags);
      return 1;
    }
    const p = painter(ctx, parsed.flags.bools.get("no-color") === true);
    ui.output(p.green(`Deleted workspace ${JSON.stringify(name)}!`));
    if (hasResources) {
      ui.output(
        p.yellow(
          `WARNING: ${JSON.stringify(name)} was non-empty.\nThe resources managed by the deleted workspace may still exist,\nbut are no longer manageable by Cairn since the state has\nbeen deleted.\n`,
        ),
      );
    }
    return 0;
  },
};
