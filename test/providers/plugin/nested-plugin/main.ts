// The nested-attributes test plugin as a process (serve-test-plugin.ts).

import { serveTestPlugin } from "../serve-test-plugin.js";
import { NestedThingProvider } from "./provider.js";

await serveTestPlugin(new NestedThingProvider());
