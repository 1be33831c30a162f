// `cairn state audit [-json] [-state=PATH] [-rekey]`: verifies the history's chain and snapshots, compares
// the state file with the last recorded version, and checks lineage, plaintext sensitive values, tainted
// resources and a stale lock. Exit 0 when clean, 2 when it found something, 1 on error. -rekey completes a
// key rotation first (re-seals every snapshot object that opens only with a fallback passphrase).

import { auditHistory } from "../../state/history/audit.js";
import { hasErrors } from "../../lang/diagnostics.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { flagDiag, newUi, sourceless } from "../views/ui.js";
import { openCommandHistory } from "../../operations/history.js";

export const stateAuditCommand: Command = {
  name: "state audit",
  synopsis: "Verify the state history and audit trail",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { json: { kind: "bool", default: false }, state: { kind: "string" }, rekey: { kind: "bool", default: false } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const { flags } = parsed;
    if (flags.positional.length > 0) {
      ui.diagnostics([sourceless("Unexpected argument", "state audit takes no arguments.")]);
      return 1;
    }
    const opened = await openCommandHistory(ctx, flags.strings.get("state"));
    if (!opened.history || hasErrors(opened.diags)) {
      ui.diagnostics(opened.diags);
      return 1;
    }
    const history = opened.history;
    if (flags.bools.get("rekey")) {
      const r = history.rekey();
      const pushed = hasErrors(r.diags) ? [] : await opened.push();
      if (hasErrors(r.diags) || hasErrors(pushed)) {
        ui.diagnostics([...r.diags, ...pushed]);
        return 1;
      }
      if (!flags.bools.get("json")) ui.output(`Re-encrypted ${r.rewritten} snapshot object(s) with the primary passphrase.`);
    }
    const result = auditHistory(history);
    const json = flags.bools.get("json") === true;
    if (json) {
      ctx.stdout.write(JSON.stringify({ format_version: "1.0", clean: result.findings.length === 0 && result.diags.length === 0, versions: result.versions, findings: result.findings, recovered: result.recovered, errors: result.diags.map((d) => ({ summary: d.summary, detail: d.detail ?? "" })) }) + "\n");
    } else {
      ui.diagnostics(result.diags);
      if (result.findings.length === 0 && !hasErrors(result.diags)) {
        ui.output(`Audited ${result.versions} version(s) of ${opened.statePath}: the history is intact and the state file matches its last version.`);
      } else if (result.findings.length > 0) {
        ui.output(`Audited ${result.versions} version(s) of ${opened.statePath}: ${result.findings.length} finding(s).\n`);
        for (const f of result.findings) {
          ui.output(`- [${f.kind}] ${f.message}`);
          for (const r of f.resources ?? []) ui.output(`    ${r.address}: ${r.attributes.join(", ")}`);
        }
      }
      if (result.recovered.length > 0) ui.output(`\nRecovered gaps (healed; reported, not findings):\n${result.recovered.map((l) => `- ${l}`).join("\n")}`);
    }
    if (hasErrors(result.diags)) return 1;
    return result.findings.length > 0 ? 2 : 0;
  },
};
