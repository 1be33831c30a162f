// The table of CLI commands. Each command lives in its own file under cmd/commands/ and parses its own flags;
// execution logic lives in planner/, state/ and cluster/.
//
// The table holds each command's name and synopsis and imports the command's module only when it runs:
// importing every command up front loaded ~450 modules (the cluster core, the state history, diff, ...)
// before `cairn version` printed a line. test/cmd/registry.test.ts keeps the names and synopses here equal
// to the commands' own.

export interface CommandContext {
  readonly cwd: string;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
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
}

const entries: readonly CommandEntry[] = [
  { name: "apply", synopsis: "Create or update infrastructure", load: async () => (await import("./commands/apply.js")).applyCommand },
  { name: "cluster", synopsis: "Work with the cluster core", load: async () => (await import("./commands/cluster.js")).clusterCommand },
  { name: "console", synopsis: "Try Cairn expressions at an interactive command prompt", load: async () => (await import("./commands/console.js")).consoleCommand },
  { name: "destroy", synopsis: "Destroy previously-created infrastructure", load: async () => (await import("./commands/destroy.js")).destroyCommand },
  { name: "drift", synopsis: "Check for drift and record it in the state history", load: async () => (await import("./commands/drift.js")).driftCommand },
  { name: "fmt", synopsis: "Reformat your configuration in the standard style", load: async () => (await import("./commands/fmt.js")).fmtCommand },
  { name: "force-unlock", synopsis: "Release a stuck lock on the current workspace", load: async () => (await import("./commands/force-unlock.js")).forceUnlockCommand },
  { name: "graph", synopsis: "Generate a Graphviz graph of the steps in an operation", load: async () => (await import("./commands/graph.js")).graphCommand },
  { name: "init", synopsis: "Prepare your working directory for other commands", load: async () => (await import("./commands/init.js")).initCommand },
  { name: "output", synopsis: "Show output values from your root module", load: async () => (await import("./commands/output.js")).outputCommand },
  { name: "plan", synopsis: "Show changes required by the current configuration", load: async () => (await import("./commands/plan.js")).planCommand },
  { name: "provider", synopsis: "Serve a built-in provider as a plugin", load: async () => (await import("./commands/provider.js")).providerCommand },
  { name: "refresh", synopsis: "Update the state to match remote systems", load: async () => (await import("./commands/refresh.js")).refreshCommand },
  { name: "show", synopsis: "Show the current state or a saved plan", load: async () => (await import("./commands/show.js")).showCommand },
  { name: "state", synopsis: "Advanced state management", load: async () => (await import("./commands/state.js")).stateCommand },
  { name: "validate", synopsis: "Check whether the configuration is valid", load: async () => (await import("./commands/validate.js")).validateCommand },
  { name: "version", synopsis: "Show the current Cairn version", load: async () => (await import("./commands/version.js")).versionCommand },
  { name: "workspace", synopsis: "Workspace management", load: async () => (await import("./commands/workspace.js")).workspaceCommand },
];

export const commands: ReadonlyMap<string, CommandEntry> = new Map(entries.map((c) => [c.name, c]));
