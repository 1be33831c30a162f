// What most commands start from: the configuration in the working directory (if any), the input variables,
// the state, and the root module's evaluation scope; plus the source files for rendering diagnostics.

import { existsSync, readFileSync } from "node:fs";
import type { Diagnostic } from "../lang/diagnostics.js";
import type { EvalContext } from "../lang/eval/context.js";
import { configFileNames, loadModuleDir, type ConfigModule } from "../config/index.js";
import { collectVariableValues } from "../planner/variables/sources.js";
import type { VariableFlag } from "../planner/variables/raw.js";
import { buildModuleScope } from "../planner/scope/module-scope.js";
import { stateSchemaLookup } from "../planner/scope/state-schemas.js";
import { providerRegistry } from "./providers.js";
import { LocalStateStore } from "../state/local-store.js";
import { readStateWithJournal } from "../state/replay-read.js";
import type { StateFile } from "../state/model.js";
import { resolveStatePath, selectedWorkspace, workspaceStatePath } from "../modules/workspace.js";
import type { Host } from "./host.js";
import { stateKeyring } from "./keyring.js";
import type { SourceFile } from "../lang/source-files.js";
import { sourceFileFromAst, sourceFileFromBytes } from "../lang/source-files.js";

export interface WorkingDir {
  readonly module?: ConfigModule;
  readonly state?: StateFile;
  readonly scope: EvalContext;
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly diags: Diagnostic[];
}

export interface WorkingDirOptions {
  readonly varFlags: readonly VariableFlag[];
  readonly statePath?: string;
}

/**
 * The selected workspace: TF_WORKSPACE, else the name in `.cairn/environment` of dir, else "default". dir
 * defaults to the process's directory, which main() has already moved to -chdir's target.
 */
export function currentWorkspace(env: NodeJS.ProcessEnv, dir: string = process.cwd()): string {
  return selectedWorkspace(dir, env).name;
}

/** The state file of the selected workspace, when no -state flag names another. */
export function defaultStatePath(ctx: Pick<Host, "cwd" | "env">): string {
  return workspaceStatePath(ctx.cwd, currentWorkspace(ctx.env, ctx.cwd));
}

/** -state as given, else the selected workspace's state file (modules/workspace.ts). */
export function statePathFor(ctx: Pick<Host, "cwd" | "env">, stateFlag: string | undefined): string {
  return resolveStatePath(ctx.cwd, ctx.env, stateFlag);
}

export async function loadWorkingDir(ctx: Host, opts: WorkingDirOptions): Promise<WorkingDir> {
  const diags: Diagnostic[] = [];
  const sources = new Map<string, SourceFile>();
  let module: ConfigModule | undefined;

  // Paths stay relative to the working directory so diagnostics name `main.tf`, as Terraform's do.
  const dir = ".";
  const hasConfig = configFileNames(ctx.cwd).primary.length > 0;
  if (hasConfig) {
    const loaded = loadModuleDir(dir, ctx.cwd);
    module = loaded.module;
    diags.push(...loaded.diags);
    for (const name of [...loaded.module.primaryFiles, ...loaded.module.overrideFiles]) {
      const path = `${ctx.cwd}/${name}`;
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      const body = loaded.nativeBodies.get(name);
      sources.set(name, body !== undefined ? sourceFileFromAst({ filename: name, body, bytes }) : sourceFileFromBytes(bytes));
    }
  }

  const collected = collectVariableValues({ dir: ctx.cwd, flags: opts.varFlags, env: ctx.env });
  diags.push(...collected.diags);
  for (const [name, bytes] of collected.files) sources.set(name, sourceFileFromBytes(bytes));

  const statePath = statePathFor(ctx, opts.statePath);
  // Encryption at rest: the configuration's encryption block (passphrase from a variable or the
  // environment), else CAIRN_STATE_PASSPHRASE. Settings that do not resolve fail the read.
  const keyring = stateKeyring(ctx, { module, varFlags: opts.varFlags });
  const store = new LocalStateStore({ workingDir: ctx.cwd, path: statePath, keyring: keyring.keyring, keyringDiags: keyring.diags });
  // Read-only, as console is: a crashed apply's journaled results are folded in memory, nothing is written.
  const read = await readStateWithJournal(store);
  diags.push(...read.diags);

  const scope = await buildModuleScope({
    cwd: ctx.cwd,
    module,
    rawVariables: collected.values,
    state: read.state,
    workspace: currentWorkspace(ctx.env, ctx.cwd),
    stateSchemas: await stateSchemaLookup(read.state, providerRegistry()),
  });
  diags.push(...scope.diags);
  return { module, state: read.state, scope: scope.ctx, sources, diags };
}

