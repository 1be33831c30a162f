// `cairn cluster get KIND [NAME] [-namespace NS] [-json]`: objects of a kind as kubectl names kinds (pods, po,
// deploy, nodes...), as a table or as JSON.
import { getObjects, renderGetText } from "../../cluster/status.js";
import { type FlagSpecs, parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { targetFlags, withTarget } from "../cluster-target.js";

/** kubectl habits: `get pods -n app` puts flags after the kind, so flags are moved before the positionals. */
function flagsFirst(argv: readonly string[], specs: FlagSpecs): string[] {
  const flags: string[] = [];
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      positional.push(a);
      continue;
    }
    flags.push(a);
    const name = a.replace(/^--?/, "");
    if (!name.includes("=") && specs[name]?.kind === "string" && i + 1 < argv.length) flags.push(argv[++i]!);
  }
  return [...flags, "--", ...positional];
}

export const clusterGetCommand: Command = {
  name: "cluster get",
  synopsis: "List objects of a kind, or show one",
  async run(argv, ctx) {
    const specs = { ...targetFlags, json: { kind: "bool", default: false }, namespace: { kind: "string" }, n: { kind: "string" } } as const;
    const parsed = parseFlags(flagsFirst(argv, specs), specs);
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n`);
      return 1;
    }
    const [kind, name, ...rest] = parsed.flags.positional;
    if (kind === undefined || rest.length > 0) {
      ctx.stderr.write("Usage: cairn cluster get KIND [NAME] [-namespace NS] [-json] [-endpoint URL -token TOKEN]\n");
      return 1;
    }
    const namespace = parsed.flags.strings.get("namespace") ?? parsed.flags.strings.get("n");
    return withTarget(parsed.flags, ctx, async (s) => {
      const objects = await getObjects(s.client, kind, name, namespace);
      if (parsed.flags.bools.get("json")) ctx.stdout.write(`${JSON.stringify(name !== undefined ? objects[0] : { items: objects }, null, 2)}\n`);
      else ctx.stdout.write(renderGetText(objects));
      return 0;
    });
  },
};
