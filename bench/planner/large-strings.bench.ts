// opentofu #1660 (issue 3, Performance): 1,000 terraform_data instances (`count`), each holding a 683 KiB
// string read with file(). `cairn apply -auto-approve` from an empty state. OpenTofu took 4 min 45 s and
// 1,500 instances ran out of memory. Bars: apply under 60 s, peak RSS under 2 GB.
// Options: --count=1000, --kib=683.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectExit, option, removeDir, Report, runCairn, tempDir } from "./harness.js";

const count = Number(option("count") ?? 1000);
const kib = Number(option("kib") ?? 683);

function payload(bytes: number): string {
  // Printable, varied text (a certificate bundle or a rendered manifest in the original report).
  const line = "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTES\n";
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

const config = (n: number) => `resource "terraform_data" "blob" {
  count = ${n}
  input = file("\${path.module}/payload.txt")
}
`;

async function main(): Promise<number> {
  const report = new Report(`opentofu #1660: ${count} instances x ${kib} KiB string from file()`);
  const dir = tempDir("large-strings");
  try {
    writeFileSync(join(dir, "payload.txt"), payload(kib * 1024));
    writeFileSync(join(dir, "main.tf"), config(count));
    const r = await runCairn(dir, ["apply", "-auto-approve", "-no-color"]);
    if (!expectExit(report, "apply", r)) return report.exitCode();
    if (!r.stdout.includes(`Apply complete! Resources: ${count} added`)) {
      report.failure(`apply did not add ${count}: ${r.stdout.slice(-300)}`);
      return report.exitCode();
    }
    report.figure("apply wall", r.wallMs / 1000, "s", 60, { value: 285, who: "OpenTofu" });
    report.figure("apply cpu", r.cpuMs / 1000, "s");
    report.figure("apply peak RSS", r.rssMb, "MB", 2048);
    const p = await runCairn(dir, ["plan", "-no-color", "-detailed-exitcode"]);
    if (!expectExit(report, "no-op plan", p)) return report.exitCode();
    report.figure("no-op plan wall", p.wallMs / 1000, "s");
    report.figure("no-op plan peak RSS", p.rssMb, "MB", 2048);
  } finally {
    removeDir(dir);
  }
  return report.exitCode();
}

process.exitCode = await main();
