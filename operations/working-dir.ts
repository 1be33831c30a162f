// What most commands start from: the configuration in the working directory (if any), the input variables,
// the state, and the root module's evaluation scope; plus the source files for rendering diagnostics.

import { loadRootConfiguration } from "./load-root.js";
import type { Diagnostic } from "../lang/diagnostics.js";
import type { EvalContext } from "../lang/eval/context.js";
import { configFileNames, type ConfigModule } from "../config/index.js";
import { collectVariableValues } from "../planner/variables/sources.js";
import type { VariableFlag } from "../planner/variables/raw.js";
import { buildModuleScope } from "../planner/scope/module-scope.js";
import { stateSchemaLookup } from "../planner/scope/state-schemas.js";
import { providerRegistry } from "./providers.js";
import { readStateWithJournal } from "../state/replay-read.js";
import type { StateFile } from "../state/model.js";
import { selectedWorkspace, workspaceStatePath } from "../modules/workspace.js";
import { resolveBackend } from "./backend/resolve.js";
import { openWorkspaceStore } from "./backend/open.js";
import type { Host } from "./host.js";
import { stateKeyring } from "./keyring.js";
import type { SourceFile } from "../lang/source-files.js";
import { sourceFileFromBytes } from "../lang/source-files.js";

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

/** The state file of the selected workspace in the local backend, when no -state flag names another. */
export function defaultStatePath(ctx: Host): string {
  const b = resolveBackend(ctx).backend;
  return workspaceStatePath(ctx.cwd, currentWorkspace(ctx.env, ctx.cwd), b?.type === "local" ? b.layout : undefined);
}


export async function loadWorkingDir(ctx: Host, opts: WorkingDirOptions): Promise<WorkingDir> {
  const diags: Diagnostic[] = [];
  const sources = new Map<string, SourceFile>();
  let module: ConfigModule | undefined;

  const hasConfig = configFileNames(ctx.cwd).primary.length > 0;
  if (hasConfig) {
    const loaded = loadRootConfiguration(ctx.cwd);
    module = loaded.module;
    diags.push(...loaded.diags);
    for (const [name, file] of loaded.sources) sources.set(name, file);
  }

  const collected = collectVariableValues({ dir: ctx.cwd, flags: opts.varFlags, env: ctx.env });
  diags.push(...collected.diags);
  for (const [name, bytes] of collected.files) sources.set(name, sourceFileFromBytes(bytes));

  // Encryption at rest: the configuration's encryption block (passphrase from a variable or the
  // environment), else CAIRN_STATE_PASSPHRASE. Settings that do not resolve fail the read.
  const keyring = stateKeyring(ctx, { module, varFlags: opts.varFlags });
  const { store } = openWorkspaceStore(ctx, { statePath: opts.statePath, keyring: keyring.keyring, refusal: keyring.diags, module });
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

