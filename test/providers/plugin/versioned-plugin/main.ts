// The versioned-state test plugin as a process (serve-test-plugin.ts).

import { serveTestPlugin } from "../serve-test-plugin.js";
import { VersionedThingProvider } from "./provider.js";

await serveTestPlugin(new VersionedThingProvider());
