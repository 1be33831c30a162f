// `cairn provider serve NAME`: serves one of Cairn's built-in providers over Terraform's plugin protocol, as
// the process Terraform, OpenTofu or Cairn starts for it (bin/terraform-provider-cluster runs this). Run by
// hand it says it is a plugin and exits 1, as every go-plugin provider does.
import { servePlugin } from "../../providers/plugin/server.js";
import type { Command } from "../registry.js";

const servable: ReadonlyMap<string, () => Promise<import("../../providers/interface.js").ProviderInterface>> = new Map([
  ["cluster", async () => new (await import("../../providers/cluster/provider.js")).ClusterProvider()],
]);

export const providerCommand: Command = {
  name: "provider",
  synopsis: "Serve a built-in provider as a plugin",
  async run(argv, ctx) {
    if (argv[0] !== "serve" || argv.length !== 2) {
      ctx.stderr.write(usage());
      return 1;
    }
    const make = servable.get(argv[1]!);
    if (make === undefined) {
      ctx.stderr.write(`Error: Unknown provider\n\nCairn can serve these providers: ${[...servable.keys()].join(", ")}; not "${argv[1]}".\n`);
      return 1;
    }
    // A Ctrl-C reaches the whole process group; the client decides when its plugins stop (as go-plugin's do).
    process.on("SIGINT", () => ctx.stderr.write("[DEBUG] cairn plugin: interrupt received; the client stops this plugin\n"));
    const served = await servePlugin({ provider: await make(), env: ctx.env, stdout: ctx.stdout, log: (line) => ctx.stderr.write(line + "\n") });
    if (!served.ok) {
      ctx.stderr.write(served.message + "\n");
      return 1;
    }
    await served.stopped;
    return 0;
  },
};

function usage(): string {
  return `Usage: cairn provider serve NAME

  Serves a built-in provider over Terraform's provider plugin protocol (version 6). Terraform, OpenTofu
  and Cairn start it themselves: point dev_overrides or a filesystem mirror at bin/terraform-provider-NAME.

Providers: ${[...servable.keys()].join(", ")}
`;
}
