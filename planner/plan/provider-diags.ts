// Provider diagnostics about a resource instance (Terraform's tfdiags InConfigBody): each names the
// instance's address, and one without a source location points at the resource block itself, so the user
// sees `with module.db.cluster_workload.this,` and `on modules/db/main.tf line 12, in resource ...`.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { SyntaxBody } from "../../lang/body.js";

export function inConfigBody(ds: readonly Diagnostic[], addr: { toString(): string }, body: SyntaxBody | undefined): Diagnostic[] {
  return ds.map((d) => {
    if (d.subject !== undefined || d.address !== undefined) return d;
    const subject = body?.missingItemRange();
    return { ...d, address: addr.toString(), ...(subject !== undefined ? { subject } : {}) };
  });
}
