// Workspaces as Terraform's local backend keeps them: the `default` workspace's state is `cairn.tfstate` in the
// working directory, every other workspace's is `cairn.tfstate.d/<name>/cairn.tfstate`; a workspace exists
// when its directory does (default always exists). The selected workspace is the name in
// `.cairn/environment` (Terraform's `.terraform/environment`), unless TF_WORKSPACE overrides it.
// (Kept in modules/ because environments are this subject; it depends on nothing but node:fs.)

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const DEFAULT_WORKSPACE = "default";
export const WORKSPACE_STATE_FILENAME = "cairn.tfstate";
export const WORKSPACES_DIR = "cairn.tfstate.d";
/** Relative to the working directory. */
export const ENVIRONMENT_FILE = join(".cairn", "environment");

/**
 * Where the local backend keeps its workspaces (its `path` and `workspace_dir` arguments, relative to the
 * working directory): the default workspace's state file, and the directory holding one directory per other
 * workspace. Omitted: `cairn.tfstate` and `cairn.tfstate.d`.
 */
export interface LocalLayout {
  readonly path?: string;
  readonly workspaceDir?: string;
}

function workspacesDir(dir: string, layout: LocalLayout | undefined): string {
  return resolve(dir, layout?.workspaceDir ?? WORKSPACES_DIR);
}

/** The state file of a workspace, as the local backend places it. */
export function workspaceStatePath(dir: string, name: string, layout?: LocalLayout): string {
  // As Terraform's local backend (StatePaths): `path` is the default workspace's only; every other workspace's
  // state is `<workspace_dir>/<name>/cairn.tfstate`.
  return name === DEFAULT_WORKSPACE ? resolve(dir, layout?.path ?? WORKSPACE_STATE_FILENAME) : join(workspacesDir(dir, layout), name, WORKSPACE_STATE_FILENAME);
}

/**
 * The state file a command reads and writes: -state as given (relative to dir), else the selected
 * workspace's. As in Terraform's local backend (StatePaths), -state replaces the workspace's path outright
 * rather than being placed inside the workspace's directory. Like the local backend's StateMgr, this
 * creates the selected workspace's directory when TF_WORKSPACE names one that does not exist yet, so the
 * state and its lock can be written there; never for a name TF_WORKSPACE may not use (workspaceEnvError),
 * which commands refuse before opening any state.
 */
export function resolveStatePath(dir: string, env: NodeJS.ProcessEnv, stateFlag?: string, layout?: LocalLayout): string {
  if (stateFlag !== undefined && stateFlag !== "") return resolve(dir, stateFlag);
  const { name } = selectedWorkspace(dir, env);
  if (workspaceEnvError(env) === undefined && !workspaceExists(dir, name, layout)) {
    try {
      createWorkspace(dir, name, layout);
    } catch {
      // Not creatable (a read-only directory, a file in the way): reading the state or taking its lock there
      // then reports the problem as a diagnostic, which a thrown error here would not.
    }
  }
  return workspaceStatePath(dir, name, layout);
}

/**
 * Terraform's Meta.Workspace check: a name set with TF_WORKSPACE must be a valid workspace name (it becomes a
 * directory under cairn.tfstate.d, so "../x" would put the state elsewhere). The message, or undefined.
 */
export function workspaceEnvError(env: NodeJS.ProcessEnv): string | undefined {
  const name = env.TF_WORKSPACE;
  if (name === undefined || name === "" || validWorkspaceName(name)) return undefined;
  return invalidWorkspaceNameMessage(name);
}

/**
 * Terraform's rule (command/workspace_command.go validWorkspaceName): the name must be unchanged by URL path
 * escaping, i.e. only letters, digits and - . _ ~ $ & + , : ; = @, and not empty.
 */
export function validWorkspaceName(name: string): boolean {
  return name !== "" && /^[A-Za-z0-9\-._~$&+,:;=@]+$/.test(name);
}

/** Terraform's envInvalidName text. */
export function invalidWorkspaceNameMessage(name: string): string {
  return `The workspace name ${JSON.stringify(name)} is not allowed. The name must contain only URL safe\ncharacters, and no path separators.`;
}

export interface SelectedWorkspace {
  readonly name: string;
  /** True when TF_WORKSPACE chose it (Terraform's WorkspaceOverridden). */
  readonly overridden: boolean;
}

export function selectedWorkspace(dir: string, env: NodeJS.ProcessEnv): SelectedWorkspace {
  const fromEnv = env.TF_WORKSPACE;
  if (fromEnv !== undefined && fromEnv !== "") return { name: fromEnv, overridden: true };
  try {
    const name = readFileSync(join(dir, ENVIRONMENT_FILE), "utf8").trim();
    if (name !== "") return { name, overridden: false };
  } catch {
    // No file: nothing was ever selected.
  }
  return { name: DEFAULT_WORKSPACE, overridden: false };
}

/** Writes the selection (the file holds just the name, as Terraform's does). */
export function selectWorkspace(dir: string, name: string): void {
  mkdirSync(join(dir, ".cairn"), { recursive: true });
  writeFileSync(join(dir, ENVIRONMENT_FILE), name);
}

/** `default` first, then the others sorted, as the local backend lists them. */
export function listWorkspaces(dir: string, layout?: LocalLayout): string[] {
  const others: string[] = [];
  try {
    for (const e of readdirSync(workspacesDir(dir, layout), { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== DEFAULT_WORKSPACE) others.push(e.name);
    }
  } catch {
    // No workspaces directory: only default.
  }
  return [DEFAULT_WORKSPACE, ...others.sort()];
}

export function workspaceExists(dir: string, name: string, layout?: LocalLayout): boolean {
  return name === DEFAULT_WORKSPACE || existsSync(join(workspacesDir(dir, layout), name));
}

export function createWorkspace(dir: string, name: string, layout?: LocalLayout): void {
  if (name !== DEFAULT_WORKSPACE) mkdirSync(join(workspacesDir(dir, layout), name), { recursive: true });
}

/** Removes a (non-default) workspace's directory with its state, backups and lock files. */
export function deleteWorkspace(dir: string, name: string, layout?: LocalLayout): void {
  rmSync(join(workspacesDir(dir, layout), name), { recursive: true, force: true });
}
