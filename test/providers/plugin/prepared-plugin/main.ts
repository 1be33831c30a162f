// A test plugin whose provider records, in the file PREPARED_PLUGIN_LOG names, each configuration it was
// given and each call of `prepare` (ProviderInterface.prepare), in order. A configuration with region
// "refuse" fails.

import { appendFileSync } from "node:fs";
import { errorDiag } from "../../../../lang/diagnostics.js";
import type { ConfigureProviderRequest, ConfigureProviderResponse } from "../../../../providers/interface.js";
import { getAttr } from "../../../../providers/objchange/object-access.js";
import { TestThingProvider } from "../../support/test-thing-provider.js";
import { serveTestPlugin } from "../serve-test-plugin.js";

const logFile = process.env.PREPARED_PLUGIN_LOG ?? "";
const record = (line: string): void => appendFileSync(logFile, line + "\n");

class PreparedProvider extends TestThingProvider {
  override async configureProvider(req: ConfigureProviderRequest): Promise<ConfigureProviderResponse> {
    const region = getAttr(req.config, "region");
    const name = region.isKnown() && !region.isNull() ? region.asString() : "";
    record(`configure ${name}`);
    if (name === "refuse") return { diagnostics: [errorDiag("Refused", "This region is refused.")] };
    return super.configureProvider(req);
  }

  prepare(): void {
    record("prepare");
  }
}

await serveTestPlugin(new PreparedProvider());
