// The lines after an apply: "Apply complete! Resources: …", or "Destroy complete! …", then the outputs as
// Terraform prints them (sensitive ones as <sensitive>).

import type { ApplyCounts } from "../../../planner/apply/apply-context.js";
import { formatValue } from "../../../lang/values/format.js";
import type { Value } from "../../../lang/values/value.js";

export function applySummary(counts: ApplyCounts, destroy: boolean, color: boolean): string {
  const bold = (s: string) => (color ? `\x1b[1m\x1b[32m${s}\x1b[0m` : s);
  if (destroy) return "\n" + bold(`Destroy complete! Resources: ${counts.destroyed} destroyed.`) + "\n";
  const imported = counts.imported > 0 ? `${counts.imported} imported, ` : "";
  return "\n" + bold(`Apply complete! Resources: ${imported}${counts.added} added, ${counts.changed} changed, ${counts.destroyed} destroyed.`) + "\n";
}

export function outputsSummary(outputs: ReadonlyMap<string, { value: Value; sensitive: boolean }>, color: boolean): string {
  if (outputs.size === 0) return "";
  const names = [...outputs.keys()].sort();
  const head = color ? "\x1b[0m\x1b[1m\x1b[32mOutputs:\x1b[0m" : "Outputs:";
  const lines = names.map((n) => {
    const o = outputs.get(n)!;
    return `${n} = ${o.sensitive ? "<sensitive>" : formatValue(o.value)}`;
  });
  return `\n${head}\n\n${lines.join("\n")}\n`;
}
