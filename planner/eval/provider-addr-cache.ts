// State records each resource's provider as a string (`provider["registry.terraform.io/hashicorp/x"]`).
// Parsing it runs the HCL scanner; a state of 20,000 resources names the same one or two providers 20,000
// times, so each distinct string is parsed once per process.

import type { AbsProviderConfig } from "../../addrs/provider.js";
import { parseAbsProviderConfigStr } from "../../addrs/parse-provider.js";

const cache = new Map<string, AbsProviderConfig | undefined>();

/** The provider configuration address a state string names; undefined when it does not parse. */
export function providerConfigOf(str: string): AbsProviderConfig | undefined {
  if (cache.has(str)) return cache.get(str);
  const addr = parseAbsProviderConfigStr(str).addr;
  // Bounded: a state names few distinct providers; an adversarial file must not grow this without limit.
  if (cache.size < 1000) cache.set(str, addr);
  return addr;
}
