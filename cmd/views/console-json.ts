// One line of `cairn console -json` output. A wholly known, non-sensitive result is its JSON encoding; a
// result that is (partly) unknown or sensitive prints as the JSON string console shows for it, because JSON
// has no way to say "known after apply" and a sensitive value must never be printed.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { valueToJSONText } from "../../lang/values/json.js";
import type { Value } from "../../lang/values/value.js";

export function consoleJsonLine(result: { value: Value } | { diags: readonly Diagnostic[] }): string {
  if ("diags" in result) {
    const text = result.diags
      .filter((d) => d.severity === "error")
      .map((d) => (d.detail ? `${d.summary}: ${d.detail}` : d.summary))
      .join("; ");
    return JSON.stringify({ error: text }) + "\n";
  }
  const v = result.value;
  if (v.containsMarked()) return JSON.stringify("(sensitive value)") + "\n";
  if (!v.isWhollyKnown()) return JSON.stringify("(known after apply)") + "\n";
  const encoded = valueToJSONText(v);
  return (encoded.ok ? encoded.text : JSON.stringify({ error: encoded.message })) + "\n";
}
