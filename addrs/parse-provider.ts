// Parsing absolute provider configuration addresses as stored in state:
// `provider["registry.terraform.io/hashicorp/aws"]`, `...].alias`, `module.a.provider["..."]`.

import { type Diagnostic, errorDiag, hasErrors } from "../lang/diagnostics.js";
import type { Traversal } from "../lang/syntax/ast.js";
import { parseModuleInstancePrefix, stepName } from "./parse-module.js";
import { AbsProviderConfig, parseProviderSource } from "./provider.js";
import { parseTraversalAbs, traversalRange } from "./traversal-parse.js";

const summary = "Invalid provider configuration address";

export function parseAbsProviderConfig(traversal: Traversal): { addr?: AbsProviderConfig; diags: Diagnostic[] } {
  const { module, remain, diags } = parseModuleInstancePrefix(traversal);
  if (hasErrors(diags)) return { diags };
  const whole = traversalRange(traversal);
  // Provider configurations belong to static modules: they cannot differ between a module's instances.
  if (module.steps.some((s) => s.instanceKey.kind !== "none")) {
    const detail = "A provider configuration must not appear in a module instance that uses count or for_each.";
    diags.push(errorDiag(summary, detail, remain.length > 0 ? traversalRange(remain) : whole));
    return { diags };
  }
  if (remain.length < 2 || stepName(remain[0]) !== "provider") {
    const detail = 'Provider address must begin with "provider.", followed by a provider type name.';
    diags.push(errorDiag(summary, detail, remain.length > 0 ? traversalRange(remain) : whole));
    return { diags };
  }
  if (remain.length > 3) {
    diags.push(errorDiag(summary, "Extraneous operators after provider configuration alias.", traversalRange(remain.slice(3))));
    return { diags };
  }
  const typeStep = remain[1]!;
  if (typeStep.kind !== "index" || typeStep.key.type.kind !== "string" || !typeStep.key.isKnown()) {
    diags.push(errorDiag(summary, 'The prefix "provider." must be followed by a provider type name.', typeStep.range));
    return { diags };
  }
  const src = parseProviderSource(typeStep.key.asString(), typeStep.range);
  diags.push(...src.diags);
  if (src.provider === undefined) return { diags };
  let alias = "";
  const aliasStep = remain[2];
  if (aliasStep !== undefined) {
    if (aliasStep.kind !== "attr") {
      diags.push(errorDiag(summary, "Provider type name must be followed by a configuration alias name.", aliasStep.range));
      return { diags };
    }
    alias = aliasStep.name;
  }
  return { addr: new AbsProviderConfig(module.module(), src.provider, alias), diags };
}

export function parseAbsProviderConfigStr(str: string, filename = ""): { addr?: AbsProviderConfig; diags: Diagnostic[] } {
  const parsed = parseTraversalAbs(str, filename);
  if (hasErrors(parsed.diags)) return { diags: parsed.diags };
  return parseAbsProviderConfig(parsed.traversal);
}
