// The table of CLI commands. Each command lives in its own file under cmd/commands/ and parses its own flags;
// execution logic lives in planner/, state/ and cluster/.

import { versionCommand } from "./commands/version.js";
import { fmtCommand } from "./commands/fmt.js";
import { consoleCommand } from "./commands/console.js";
import { planCommand } from "./commands/plan.js";
import { applyCommand } from "./commands/apply.js";
import { destroyCommand } from "./commands/destroy.js";
import { graphCommand } from "./commands/graph.js";
import { stateCommand } from "./commands/state.js";
import { validateCommand } from "./commands/validate.js";
import { outputCommand } from "./commands/output.js";
import { showCommand } from "./commands/show.js";
import { forceUnlockCommand } from "./commands/force-unlock.js";
import { initCommand } from "./commands/init.js";
import { clusterCommand } from "./commands/cluster.js";
import { workspaceCommand } from "./commands/workspace.js";
import { driftCommand } from "./commands/drift.js";
import { refreshCommand } from "./commands/refresh.js";

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

export const commands: ReadonlyMap<string, Command> = new Map(
  [applyCommand, clusterCommand, consoleCommand, destroyCommand, driftCommand, fmtCommand, forceUnlockCommand, graphCommand, initCommand, outputCommand, planCommand, refreshCommand, showCommand, stateCommand, validateCommand, versionCommand, workspaceCommand].map((c) => [c.name, c]),
);
