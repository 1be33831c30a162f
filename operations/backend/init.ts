// What `cairn init` does for the backend (Terraform's Meta.Backend in init mode): decode the block with the
// -backend-config flags merged over it, compare with the saved settings (settings.ts), and either keep them,
// write new ones (first configuration, -reconfigure), copy every workspace's state to the new backend
// (-migrate-state: asks first unless -force-copy), or refuse a changed backend until one of those flags says
// what to do. A directory holding only Terraform's terraform.tfstate gets it copied in by -migrate-state.

import { cpSync, existsSync, mkdirSync, rmSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { historyPathsFor } from "../../state/history/paths.js";
import type { ConfigModule } from "../../config/index.js";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { DEFAULT_WORKSPACE, workspaceStatePath } from "../../modules/workspace.js";
import type { Keyring } from "../../state/encryption/keyring.js";
import type { Host } from "../host.js";
import type { StateBackend, WorkspaceStateStore } from "./backend.js";
import { applyBackendConfigFlags, backendHash, decodeBackendBlock } from "./decode.js";
import { backendFrom } from "./open.js";
import { PgBackend } from "./pg.js";
import { fromSettings } from "./resolve.js";
import { BACKEND_SETTINGS_FILE, readBackendSettings, writeBackendSettings, type BackendSettings } from "./settings.js";
import { TERRAFORM_STATE_FILE } from "./terraform-state.js";
import { copyFileAtomic, writeFileAtomic } from "../../state/atomic-file.js";
import { sealFileData } from "../../state/encryption/files.js";
import { serializeState } from "../../state/serialize.js";
import { LocalBackend } from "./local.js";
import { VERSION } from "../version.js";
import { LocalStateStore } from "../../state/local-store.js";

export interface BackendInitOptions {
  readonly backendConfig: readonly string[];
  readonly reconfigure: boolean;
  readonly migrateState: boolean;
  readonly forceCopy: boolean;
  readonly keyring?: Keyring;
  /** Asks a yes/no question; undefined when input is off (-input=false). */
  readonly confirm?: (question: string) => Promise<boolean>;
  readonly output: (text: string) => void;
}

export async function initBackend(ctx: Host, module: ConfigModule, opts: BackendInitOptions): Promise<Diagnostic[]> {
  if (opts.reconfigure && opts.migrateState) {
    return [{ severity: "error", summary: "Invalid command-line option", detail: "The -migrate-state and -reconfigure options are mutually-exclusive." }];
  }
  const saved = readBackendSettings(ctx.cwd);
  if (hasErrors(saved.diags) && !opts.reconfigure) return saved.diags;
  const previous = opts.reconfigure ? undefined : saved.settings;
  const block = module.backend;
  const diags: Diagnostic[] = [];
  let next: BackendSettings | undefined;
  if (block !== undefined) {
    const blockConfig = decodeBackendBlock(block, diags);
    if (blockConfig === undefined) return diags;
    const config = { ...blockConfig };
    applyBackendConfigFlags(block.type, config, opts.backendConfig, ctx.cwd, diags);
    if (hasErrors(diags)) return diags;
    next = { type: block.type, config, hash: backendHash(block.type, blockConfig) };
  } else if (opts.backendConfig.length > 0) {
    return [{ severity: "error", summary: "Invalid command-line option", detail: "The -backend-config option is only valid with a backend block in the configuration." }];
  }

  // The new backend must work before anything is written.
  const target = next === undefined ? backendFrom(ctx, { type: "local", layout: {} }) : backendFrom(ctx, fromSettings(next.type, next.config));
  if (target instanceof PgBackend) {
    const probe = await target.listWorkspaces();
    if (probe.diags.length > 0) return probe.diags;
  }

  const same = sameSettings(saved.settings, next);
  if (same && !opts.reconfigure) {
    if (opts.migrateState) return migrateTerraformState(ctx, target, opts);
    return [];
  }
  if (previous !== undefined || (opts.migrateState && saved.settings !== undefined)) {
    if (!opts.migrateState) {
      return [
        {
          severity: "error",
          summary: "Backend configuration changed",
          detail:
            `A change in the backend configuration has been detected, which may require\nmigrating existing state.\n\n` +
            `If you wish to attempt automatic migration of the state, use "cairn init\n-migrate-state".\nIf you wish to store the current configuration with no changes to the state,\nuse "cairn init -reconfigure".`,
        },
      ];
    }
    const source = backendFrom(ctx, fromSettings(saved.settings!.type, saved.settings!.config));
    const copied = await migrate(source, target, saved.settings!.type, next?.type ?? "local", opts);
    if (copied.length > 0) return copied;
  } else if (opts.migrateState) {
    // First configuration: the implied local backend's states move to the new backend.
    const source = backendFrom(ctx, { type: "local", layout: {} });
    const copied = await migrate(source, target, "local", next?.type ?? "local", opts);
    if (copied.length > 0) return copied;
  }
  if (next === undefined) {
    try {
      unlinkSync(join(ctx.cwd, BACKEND_SETTINGS_FILE));
    } catch {
      // nothing saved
    }
    return [];
  }
  await writeBackendSettings(ctx.cwd, next);
  opts.output(`\nSuccessfully configured the backend ${JSON.stringify(next.type)}! Cairn will automatically\nuse this backend unless the backend configuration changes.`);
  return opts.migrateState ? migrateTerraformState(ctx, target, opts) : [];
}

function sameSettings(a: BackendSettings | undefined, b: BackendSettings | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.type === b.type && a.hash === b.hash && JSON.stringify(Object.entries(a.config).sort()) === JSON.stringify(Object.entries(b.config).sort());
}

async function ask(opts: BackendInitOptions, question: string): Promise<Diagnostic[] | "yes" | "no"> {
  if (opts.forceCopy) return "yes";
  if (opts.confirm === undefined) {
    return [{ severity: "error", summary: "State migration needs confirmation", detail: `${question}\n\nInput is disabled (-input=false): run "cairn init -migrate-state -force-copy" to copy without asking.` }];
  }
  return (await opts.confirm(question)) ? "yes" : "no";
}

/** Copies every workspace's state from `source` to `target`, each under both backends' locks. */
async function migrate(source: StateBackend, target: StateBackend, fromType: string, toType: string, opts: BackendInitOptions): Promise<Diagnostic[]> {
  const listed = await source.listWorkspaces();
  if (listed.diags.length > 0) return listed.diags;
  const withState: string[] = [];
  for (const name of listed.names) {
    const read = await source.stateStore(name, { keyring: opts.keyring }).read();
    if (read.diags.length > 0) return read.diags;
    if (read.state !== undefined) withState.push(name);
  }
  if (withState.length === 0) return [];
  const answer = await ask(
    opts,
    `Do you want to copy existing state to the new backend?\n  Pre-existing state was found while migrating the previous ${JSON.stringify(fromType)} backend to the\n  newly configured ${JSON.stringify(toType)} backend. Workspaces with state: ${withState.join(", ")}.`,
  );
  if (answer !== "yes" && answer !== "no") return answer;
  if (answer === "no") return [{ severity: "error", summary: "Migration cancelled", detail: "No state was copied and the backend settings were not changed." }];
  for (const name of withState) {
    if (name !== DEFAULT_WORKSPACE) {
      const created = await target.createWorkspace(name);
      if (created.length > 0) return created;
    }
    const from = source.stateStore(name, { keyring: opts.keyring });
    const to = target.stateStore(name, { keyring: opts.keyring });
    const lockA = await from.lock({ operation: "OperationTypeInit", version: VERSION, timeoutMs: 0 });
    if (!lockA.ok) return lockA.diags;
    try {
      const lockB = await to.lock({ operation: "OperationTypeInit", version: VERSION, timeoutMs: 0 });
      if (!lockB.ok) return lockB.diags;
      try {
        const read = await from.read();
        if (read.state === undefined) continue;
        const existing = await to.read();
        if (existing.diags.length > 0) return existing.diags;
        if (existing.state !== undefined) {
          return [{ severity: "error", summary: "State already exists in the new backend", detail: `The workspace ${JSON.stringify(name)} already has a state in the ${JSON.stringify(toType)} backend (${to.path}); Cairn does not overwrite it. Nothing more was copied.` }];
        }
        // Copied as it is, serial included, so the copied history's last version still matches it.
        if (to instanceof LocalStateStore) {
          await writeFileAtomic(to.path, sealFileData(serializeState(read.state), opts.keyring, "state"), 0o600);
        } else {
          to.write(read.state);
          const persisted = await to.persist();
          if (persisted.length > 0) return persisted;
        }
        const history = await copyHistory(from, to);
        if (history.length > 0) return history;
      } finally {
        await to.unlock(lockB.id);
      }
    } finally {
      await from.unlock(lockA.id);
    }
  }
  opts.output(`\nCopied the state of ${withState.length} workspace(s) to the ${JSON.stringify(toType)} backend.`);
  return [];
}

/** The history of a workspace, copied file for file into the new backend's (which has none: it had no state). */
async function copyHistory(from: WorkspaceStateStore, to: WorkspaceStateStore): Promise<Diagnostic[]> {
  const pulledFrom = (await from.historySync?.pull()) ?? [];
  if (pulledFrom.length > 0) return pulledFrom;
  const pulledTo = (await to.historySync?.pull()) ?? [];
  if (pulledTo.length > 0) return pulledTo;
  const source = historyPathsFor(from.historyPath).dir;
  if (!existsSync(source)) return [];
  const target = historyPathsFor(to.historyPath).dir;
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  cpSync(source, target, { recursive: true });
  return (await to.historySync?.push()) ?? [];
}

/** -migrate-state in a directory with Terraform's terraform.tfstate and no Cairn state: copied byte for byte
 * (after checking it loads) into the default workspace's state file of the local backend. */
async function migrateTerraformState(ctx: Host, target: StateBackend, opts: BackendInitOptions): Promise<Diagnostic[]> {
  const source = join(ctx.cwd, TERRAFORM_STATE_FILE);
  if (!existsSync(source)) return [];
  const into = target.stateStore(DEFAULT_WORKSPACE, { keyring: opts.keyring });
  const current = await into.read();
  if (current.state !== undefined || current.diags.length > 0) return current.diags;
  const loaded = await new LocalStateStore({ path: source, workingDir: ctx.cwd }).read();
  if (loaded.diags.length > 0 || loaded.state === undefined) return loaded.diags;
  const answer = await ask(opts, `Do you want to copy Terraform's state ${TERRAFORM_STATE_FILE} into Cairn's state ${into.path}?\n  ${TERRAFORM_STATE_FILE} itself stays as it is.`);
  if (answer !== "yes" && answer !== "no") return answer;
  if (answer === "no") return [{ severity: "error", summary: "Migration cancelled", detail: "No state was copied." }];
  if (target instanceof LocalBackend && opts.keyring === undefined) {
    await copyFileAtomic(source, workspaceStatePath(ctx.cwd, DEFAULT_WORKSPACE, target.layout), 0o600);
  } else {
    const lock = await into.lock({ operation: "OperationTypeInit", version: VERSION, timeoutMs: 0 });
    if (!lock.ok) return lock.diags;
    try {
      into.write(loaded.state);
      const d = await into.persist();
      if (d.length > 0) return d;
    } finally {
      await into.unlock(lock.id);
    }
  }
  opts.output(`\nCopied Terraform's state ${TERRAFORM_STATE_FILE} into ${into.path}.`);
  return [];
}
