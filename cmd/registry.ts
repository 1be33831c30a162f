// The table of CLI commands. Each command lives in its own file under cmd/commands/ and parses its own flags;
// execution logic lives in planner/, state/ and cluster/.
//
// The table holds each command's name and synopsis and imports the command's module only when it runs:
// importing every command up front loaded ~450 modules (the cluster core, the state history, diff, ...)
// before `cairn version` printed a line. test/cmd/registry.test.ts keeps the names and synopses here equal
// to the commands' own.

import type { FoundPlugins } from "../providers/install/with-plugins.js";

export interface CommandContext {
  readonly cwd: string;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /** The working directory's provider plugins, found and started before the command's code loaded. */
  readonly plugins?: FoundPlugins;
}

export interface Command {
  readonly name: string;
  readonly synopsis: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

/** A command known by name and synopsis, its module imported by `load`. */
export interface CommandEntry {
  readonly name: string;
  readonly synopsis: string;
  load(): Promise<Command>;
  /** Whether the command runs the working directory's providers: their plugins start while it loads. */
  readonly startsPlugins?: true;
}

const entries: readonly CommandEntry[] = [
  { name: "apply", synopsis: "Create or update infrastructure", load: async () => (await import("./commands/apply.js")).applyCommand, startsPlugins: true },
  { name: "cluster", synopsis: "Work with the cluster core", load: async () => (await import("./commands/cluster.js")).clusterCommand },
  { name: "cluster serve", synopsis: "Serve the cluster core over HTTPS", load: async () => (await import("./commands/cluster-serve.js")).clusterServeCommand },
  { name: "cluster etcd", synopsis: "Run a local 1- or 3-member etcd for the HA control plane", load: async () => (await import("./commands/cluster-etcd.js")).clusterEtcdCommand },
  { name: "cluster migrate", synopsis: "Copy an embedded (SQLite) cluster into etcd", load: async () => (await import("./commands/cluster-migrate.js")).clusterMigrateCommand },
  { name: "cluster kubeconfig", synopsis: "Write a kubeconfig for the served cluster", load: async () => (await import("./commands/cluster-kubeconfig.js")).clusterKubeconfigCommand },
  { name: "cluster status", synopsis: "Show nodes, their allocation and pending pods", load: async () => (await import("./commands/cluster-status.js")).clusterStatusCommand },
  { name: "cluster get", synopsis: "List objects of a kind, or show one", load: async () => (await import("./commands/cluster-get.js")).clusterGetCommand },
  { name: "cluster node", synopsis: "Simulate a node failure (fail) or its end (recover)", load: async () => (await import("./commands/cluster-node.js")).clusterNodeCommand },
  { name: "cluster pod", synopsis: "Set a pod's simulated probe results (probe)", load: async () => (await import("./commands/cluster-pod.js")).clusterPodCommand },
  { name: "console", synopsis: "Try Cairn expressions at an interactive command prompt", load: async () => (await import("./commands/console.js")).consoleCommand },
  { name: "destroy", synopsis: "Destroy previously-created infrastructure", load: async () => (await import("./commands/destroy.js")).destroyCommand, startsPlugins: true },
  { name: "drift", synopsis: "Check for drift and record it in the state history", load: async () => (await import("./commands/drift.js")).driftCommand, startsPlugins: true },
  { name: "fmt", synopsis: "Reformat your configuration in the standard style", load: async () => (await import("./commands/fmt.js")).fmtCommand },
  { name: "force-unlock", synopsis: "Release a stuck lock on the current workspace", load: async () => (await import("./commands/force-unlock.js")).forceUnlockCommand },
  { name: "get", synopsis: "Install or upgrade remote Cairn modules", load: async () => (await import("./commands/get.js")).getCommand },
  { name: "graph", synopsis: "Generate a Graphviz graph of the steps in an operation", load: async () => (await import("./commands/graph.js")).graphCommand },
  { name: "import", synopsis: "Associate existing infrastructure with a Cairn resource", load: async () => (await import("./commands/import.js")).importCommand, startsPlugins: true },
  { name: "init", synopsis: "Prepare your working directory for other commands", load: async () => (await import("./commands/init.js")).initCommand },
  { name: "modules", synopsis: "Show all declared modules in a working directory", load: async () => (await import("./commands/modules.js")).modulesCommand },
  { name: "output", synopsis: "Show output values from your root module", load: async () => (await import("./commands/output.js")).outputCommand },
  { name: "plan", synopsis: "Show changes required by the current configuration", load: async () => (await import("./commands/plan.js")).planCommand, startsPlugins: true },
  { name: "provider", synopsis: "Serve a built-in provider as a plugin", load: async () => (await import("./commands/provider.js")).providerCommand },
  { name: "providers", synopsis: "Show the providers required for this configuration", load: async () => (await import("./commands/providers.js")).providersCommand },
  { name: "refresh", synopsis: "Update the state to match remote systems", load: async () => (await import("./commands/refresh.js")).refreshCommand, startsPlugins: true },
  { name: "show", synopsis: "Show the current state or a saved plan", load: async () => (await import("./commands/show.js")).showCommand },
  { name: "state", synopsis: "Advanced state management", load: async () => (await import("./commands/state.js")).stateCommand },
  { name: "state list", synopsis: "List resources in the state", load: async () => (await import("./commands/state-list.js")).stateListCommand },
  { name: "state mv", synopsis: "Move an item in the state", load: async () => (await import("./commands/state-mv.js")).stateMvCommand },
  { name: "state pull", synopsis: "Pull current state and output to stdout", load: async () => (await import("./commands/state-pull.js")).statePullCommand },
  { name: "state push", synopsis: "Update remote state from a local state file", load: async () => (await import("./commands/state-push.js")).statePushCommand },
  { name: "state rm", synopsis: "Remove instances from the state", load: async () => (await import("./commands/state-rm.js")).stateRmCommand },
  { name: "state show", synopsis: "Show a resource in the state", load: async () => (await import("./commands/state-show.js")).stateShowCommand },
  { name: "state history", synopsis: "Show the recorded versions of the state", load: async () => (await import("./commands/state-history.js")).stateHistoryCommand },
  { name: "state diff", synopsis: "Show the differences between two versions of the state", load: async () => (await import("./commands/state-diff.js")).stateDiffCommand },
  { name: "state audit", synopsis: "Verify the state history and audit trail", load: async () => (await import("./commands/state-audit.js")).stateAuditCommand },
  { name: "state rollback", synopsis: "Restore the resources of an earlier state version", load: async () => (await import("./commands/state-rollback.js")).stateRollbackCommand },
  { name: "taint", synopsis: "Mark a resource instance as not fully functional", load: async () => (await import("./commands/taint.js")).taintCommand },
  { name: "test", synopsis: "Execute integration tests for Cairn modules", load: async () => (await import("./commands/test.js")).testCommand },
  { name: "untaint", synopsis: "Remove the 'tainted' state from a resource instance", load: async () => (await import("./commands/untaint.js")).untaintCommand },
  { name: "validate", synopsis: "Check whether the configuration is valid", load: async () => (await import("./commands/validate.js")).validateCommand },
  { name: "version", synopsis: "Show the current Cairn version", load: async () => (await import("./commands/version.js")).versionCommand },
  { name: "workspace", synopsis: "Workspace management", load: async () => (await import("./commands/workspace.js")).workspaceCommand },
  { name: "workspace delete", synopsis: "Delete a workspace", load: async () => (await import("./commands/workspace-delete.js")).workspaceDeleteCommand },
  { name: "workspace list", synopsis: "List Workspaces", load: async () => (await import("./commands/workspace-list.js")).workspaceListCommand },
  { name: "workspace new", synopsis: "Create a new workspace", load: async () => (await import("./commands/workspace-new.js")).workspaceNewCommand },
  { name: "workspace select", synopsis: "Select a workspace", load: async () => (await import("./commands/workspace-select.js")).workspaceSelectCommand },
  { name: "workspace show", synopsis: "Show the name of the current workspace", load: async () => (await import("./commands/workspace-show.js")).workspaceShowCommand },
];

export const commands: ReadonlyMap<string, CommandEntry> = new Map(entries.map((c) => [c.name, c]));
