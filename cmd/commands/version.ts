import type { Command } from "../registry.js";
import { VERSION } from "../../operations/version.js";
import { goPlatform } from "../help.js";

export const versionCommand: Command = {
  name: "version",
  synopsis: "Show the current Cairn version",
  async run(args, ctx) {
    if (args.includes("-json")) {
      ctx.stdout.write(JSON.stringify({ terraform_version: VERSION, platform: goPlatform() }, null, 2) + "\n");
    } else {
      ctx.stdout.write(`Cairn v${VERSION}\non ${goPlatform()}\n`);
    }
    return 0;
  },
};
