// `cairn state mv [-dry-run] [-lock=false] [-lock-timeout=0s] [-state=PATH] [-backup=PATH] [-state-out=PATH]
// [-backup-out=PATH] SOURCE DESTINATION`: moves a module instance, a whole resource or one resource instance
// (count/for_each keys included) to another address in the same state, or with -state-out into another
// state file (created when missing), with Terraform's checks and messages ("Move "a" to "b"", "Successfully
// moved 1 object(s)."). Between two files both are locked, and the destination is written first: a crash
// between the two writes leaves an object in both files, never in neither.

import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { AbsResource, AbsResourceInstance, ModuleInstance, NoKey, type Targetable } from "../../addrs/index.js";
import { resolve } from "node:path";
import { emptyState, type StateFile } from "../../state/model.js";
import { VERSION } from "../../operations/version.js";
import type { Command } from "../registry.js";
import { findResource, hasInstance, parseTargetArg, resourceModule } from "./state/addresses.js";
import { moveModule, putInstance, renameResource, takeInstance } from "./state/edit-state.js";
import { persistState, runLocked } from "../../operations/locked-run.js";
import { errStateMv, errStateNotFound, errStateRmPersist } from "./state/messages.js";
import { openStore, timestampedBackupPath } from "../../operations/open-state.js";
import { recordStateVersion } from "../../operations/record-version.js";
import { newUi, sourceless, type Ui } from "../views/ui.js";
import { parseWriteFlags } from "./state/write-flags.js";
import { varFlagsOf } from "../flag-groups.js";

const INVALID_SOURCE = "Invalid source address";
const INVALID_TARGET = "Invalid target address";

export const stateMvCommand: Command = {
  name: "state mv",
  synopsis: "Move an item in the state",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseWriteFlags(argv, { "dry-run": { kind: "bool", default: false }, "state-out": { kind: "string" }, "backup-out": { kind: "string", default: "-" } }, ui);
    if (parsed === undefined) return 1;
    const { flags, lock } = parsed;
    if (flags.positional.length !== 2) {
      ui.diagnostics([sourceless("Required argument missing", "Exactly two arguments expected: the source and destination addresses.")]);
      return 1;
    }
    const [sourceArg, destArg] = flags.positional as [string, string];
    const dryRun = flags.bools.get("dry-run") === true;
    const varFlags = varFlagsOf(flags);
    const statePath = openStore(ctx, { statePath: flags.strings.get("state"), varFlags }).path;
    const store = openStore(ctx, { statePath, backupPath: timestampedBackupPath(statePath, flags.strings.get("backup")), varFlags });
    const outFlag = flags.strings.get("state-out");
    const outPath = outFlag !== undefined && outFlag !== "" ? resolve(ctx.cwd, outFlag) : statePath;
    const outStore = outPath === statePath ? undefined : openStore(ctx, { statePath: outPath, backupPath: timestampedBackupPath(outPath, flags.strings.get("backup-out")), varFlags });

    return runLocked(ctx, store, lock, "state-mv", ui, async (state) => {
      if (state === undefined) {
        ui.error(errStateNotFound);
        return 1;
      }
      if (outStore !== undefined) {
        // A missing destination file is a new, empty state, as Terraform's states.NewState().
        return runLocked(ctx, outStore, lock, "state-mv", ui, (dest) => moveBetween(state, dest ?? emptyState(VERSION)));
      }
      return moveBetween(state, state);
    });

    /** The move from `from` (the -state file's) to `to` (the same state, or the -state-out file's). */
    async function moveBetween(from: StateFile, to: StateFile): Promise<number> {
      const src = parseTargetArg(sourceArg);
      const dst = parseTargetArg(destArg);
      const parseDiags = [...src.diags, ...dst.diags];
      if (hasErrors(parseDiags) || src.subject === undefined || dst.subject === undefined) {
        ui.diagnostics(parseDiags);
        return 1;
      }
      const moved = moveObjects(from, to, src.subject, dst.subject, destArg, dryRun, ui);
      if (moved === undefined) return 1;
      if (dryRun) {
        if (moved === 0) ui.output("Would have moved nothing.");
        return 0;
      }
      // The destination first (see the header), then the source.
      const writes = outStore !== undefined ? [{ s: outStore, state: to }, { s: store, state: from }] : [{ s: store, state: from }];
      for (const w of writes) {
        const failure = await persistState(w.s, w.state);
        if (failure !== undefined) {
          ui.error(errStateRmPersist(failure));
          return 1;
        }
      }
      if (moved > 0) for (const w of writes) ui.diagnostics((await recordStateVersion(w.s, ctx, { command: "state mv", args: argv })).diags);
      ui.output(moved === 0 ? "No matching objects found." : `Successfully moved ${moved} object(s).`);
      return 0;
    }
  },
};

/**
 * Terraform's state mv loop over the objects the source matches in `state`, moved into `into` (the same
 * state, or the -state-out file's); undefined after reporting an error.
 */
function moveObjects(state: StateFile, into: StateFile, source: Targetable, dest: Targetable, destArg: string, dryRun: boolean, ui: Ui): number | undefined {
  const prefix = dryRun ? "Would move" : "Move";
  const fail = (summary: string, detail: string, diags: Diagnostic[] = []) => {
    ui.diagnostics([...diags, sourceless(summary, detail)]);
    return undefined;
  };
  const sources = sourceObjects(state, source);
  if (sources.length === 0) return fail(INVALID_SOURCE, `Cannot move ${source.toString()}: does not match anything in the current state.`);
  let moved = 0;
  for (const from of sources) {
    if (from instanceof ModuleInstance) {
      if (!(dest instanceof ModuleInstance)) return fail(INVALID_TARGET, `Cannot move ${from.toString()} to ${dest.toString()}: the target must also be a module.`);
      const search = source as ModuleInstance;
      const to = new ModuleInstance([...dest.steps, ...from.steps.slice(search.steps.length)]);
      if (into.resources.some((r) => resourceModule(r).equals(to))) {
        ui.error(errStateMv("destination module already exists"));
        return undefined;
      }
      moved++;
      ui.output(`${prefix} ${JSON.stringify(from.toString())} to ${JSON.stringify(to.toString())}`);
      if (!dryRun) moveModule(state, from, to, into);
    } else if (from instanceof AbsResource) {
      if (!(dest instanceof AbsResource)) {
        return fail(
          INVALID_TARGET,
          `Cannot move ${from.toString()} to ${dest.toString()}: the source is a whole resource (not a resource instance) so the target must also be a whole resource.`,
        );
      }
      const diags = validateResourceMove(from, dest);
      if (findResource(into, dest) !== undefined) {
        diags.push(sourceless(INVALID_TARGET, `Cannot move to ${dest.toString()}: there is already a resource at that address in the current state.`));
      }
      if (hasErrors(diags)) {
        ui.diagnostics(diags);
        return undefined;
      }
      moved++;
      ui.output(`${prefix} ${JSON.stringify(from.toString())} to ${JSON.stringify(dest.toString())}`);
      if (!dryRun) renameResource(state, from, dest, into);
    } else {
      let to: AbsResourceInstance;
      if (dest instanceof AbsResourceInstance) to = dest;
      else if (dest instanceof AbsResource) to = dest.instance(NoKey);
      else return fail(INVALID_TARGET, `Cannot move ${from.toString()} to ${dest.toString()}: the target must also be a resource instance.`);
      const diags = validateResourceMove(from.containingResource(), to.containingResource());
      if (hasInstance(into, to)) {
        diags.push(sourceless(INVALID_TARGET, `Cannot move to ${to.toString()}: there is already a resource instance at that address in the current state.`));
      }
      if (!hasInstance(state, from)) diags.push(sourceless(INVALID_SOURCE, `The current state does not contain ${from.toString()}.`));
      if (hasErrors(diags)) {
        ui.diagnostics(diags);
        return undefined;
      }
      moved++;
      // Terraform echoes the destination exactly as typed here.
      ui.output(`${prefix} ${JSON.stringify(from.toString())} to ${JSON.stringify(destArg)}`);
      if (!dryRun) {
        const taken = takeInstance(state, from)!;
        putInstance(into, to, taken.objects, taken.resource.provider);
      }
    }
    if (!dryRun) forgetDependenciesOn(state, from);
  }
  return moved;
}

/** Terraform's sourceObjectAddrs: what a source address matches in the state. */
function sourceObjects(state: StateFile, matched: Targetable): Targetable[] {
  if (matched instanceof ModuleInstance) {
    const seen = new Map<string, ModuleInstance>();
    for (const r of state.resources) {
      const m = resourceModule(r);
      if (m.steps.length < matched.steps.length) continue;
      if (!new ModuleInstance(m.steps.slice(0, matched.steps.length)).equals(matched)) continue;
      seen.set(m.toString(), m);
    }
    return [...seen.values()];
  }
  if (matched instanceof AbsResource) {
    const r = findResource(state, matched);
    if (r === undefined) return [];
    return r.instances.some((i) => i.index_key === undefined) ? [matched.instance(NoKey)] : [matched];
  }
  return [matched];
}

function validateResourceMove(from: AbsResource, to: AbsResource): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const request = "Invalid state move request";
  if (from.resource.mode !== to.resource.mode) {
    const detail =
      from.resource.mode === "managed"
        ? `Cannot move ${from.toString()} to ${to.toString()}: a managed resource can be moved only to another managed resource address.`
        : `Cannot move ${from.toString()} to ${to.toString()}: a data resource can be moved only to another data resource address.`;
    diags.push(sourceless(request, detail));
  }
  if (from.resource.type !== to.resource.type) {
    diags.push(sourceless(request, `Cannot move ${from.toString()} to ${to.toString()}: resource types don't match.`));
  }
  return diags;
}

/**
 * Objects that depended on what moved lose their recorded dependencies, as in Terraform: the next apply
 * records them again from the configuration.
 */
function forgetDependenciesOn(state: StateFile, moved: Targetable): void {
  const affects = (dep: string): boolean => {
    if (moved instanceof ModuleInstance) {
      const prefix = moved.module().toString() + ".";
      return dep.startsWith(prefix);
    }
    const resource = moved instanceof AbsResource ? moved : moved.containingResource();
    return dep === resource.config().toString();
  };
  for (const r of state.resources) {
    for (const i of r.instances) {
      if (i.deposed !== undefined || i.dependencies === undefined) continue;
      if (i.dependencies.some(affects)) delete i.dependencies;
    }
  }
}

