import type { Command } from "../registry.js";
import { VERSION } from "../../operations/version.js";

export const versionCommand: Command = {
  name: "version",
  synopsis: "Show the current Cairn version",
  async run(args, ctx) {
    if (args.includes("-json")) {
      ctx.stdout.write(JSON.stringify({ terraform_version: VERSION, platform: `${process.platform}_${process.arch}` }, null, 2) + "\n");
    } else {
      ctx.stdout.write(`Cairn v${VERSION}\non ${process.platform}_${process.arch}\n`);
    }
    return 0;
  },
};
