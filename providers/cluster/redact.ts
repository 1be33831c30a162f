// Sensitive configuration values never reach a diagnostic: the cluster's answers quote what they were sent
// (a 422 "Invalid value: \"<namespace>\"", a 404 naming the object), and a sensitive value may be a name.
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { AttributePath } from "../interface.js";
import type { Plain, PlainObject } from "./plain.js";

const REDACTED = "(sensitive value)";

/** Every string at or below the sensitive paths of `config` (index steps widen to the whole collection). */
export function sensitiveStrings(config: PlainObject, paths: readonly AttributePath[] | undefined): string[] {
  const out = new Set<string>();
  for (const path of paths ?? []) {
    let v: Plain | undefined = config;
    for (const step of path) {
      if (step.kind !== "attr" || v === null || typeof v !== "object" || Array.isArray(v)) break;
      v = (v as PlainObject)[step.name];
    }
    collect(v, out);
  }
  return [...out].filter((s) => s !== "").sort((a, b) => b.length - a.length);
}

function collect(v: Plain | undefined, out: Set<string>): void {
  const stack: (Plain | undefined)[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === "string") out.add(x);
    else if (Array.isArray(x)) stack.push(...x);
    else if (x !== null && typeof x === "object") stack.push(...Object.values(x as PlainObject));
  }
}

/** The diagnostics with every occurrence of a sensitive string replaced (quoted ones always; bare ones when
 * they are long enough not to be an ordinary word of the message). */
export function redactDiagnostics(diags: readonly Diagnostic[], secrets: readonly string[]): Diagnostic[] {
  if (secrets.length === 0) return [...diags];
  const redact = (text: string): string => {
    let t = text;
    for (const s of secrets) {
      t = t.split(JSON.stringify(s)).join(`"${REDACTED}"`).split(`"${s}"`).join(`"${REDACTED}"`);
      if (s.length >= 4) t = t.split(s).join(REDACTED);
    }
    return t;
  };
  return diags.map((d) => ({ ...d, summary: redact(d.summary), ...(d.detail !== undefined ? { detail: redact(d.detail) } : {}) }));
}
