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
    const protocolFlag = argv.slice(2).find((a) => a.startsWith("-protocol="));
    const protocol = protocolFlag === undefined ? undefined : Number(protocolFlag.slice("-protocol=".length));
    if (argv[0] !== "serve" || argv.length !== (protocolFlag === undefined ? 2 : 3) || (protocol !== undefined && protocol !== 5 && protocol !== 6)) {
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
    const served = await servePlugin({ provider: await make(), env: ctx.env, stdout: ctx.stdout, log: (line) => ctx.stderr.write(line + "\n"), ...(protocol === 5 || protocol === 6 ? { protocolVersions: [protocol] } : {}) });
    if (!served.ok) {
      ctx.stderr.write(served.message + "\n");
      return 1;
    }
    await served.stopped;
    return 0;
  },
};

function usage(): string {
  return `Usage: cairn provider serve NAME [-protocol=5|6]

  Serves a built-in provider over Terraform's provider plugin protocol (version 6, or 5 for a client
  that offers only 5). Terraform, OpenTofu and Cairn start it themselves: point dev_overrides or a
  filesystem mirror at bin/terraform-provider-NAME.

  -protocol=N   Offer only protocol version N, as a provider built for that version alone does.

Providers: ${[...servable.keys()].join(", ")}
`;
}
