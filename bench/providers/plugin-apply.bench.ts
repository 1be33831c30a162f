// Providers as plugins (issue 16): an apply of 1,000 cluster resources through the plugin path (cairn/cluster
// installed from a filesystem mirror, `cairn provider serve cluster` over tfplugin6 with mutual TLS) against
// the same apply in process. Bar: the plugin path within 1.5x of the in-process path's wall time. Each
// instance's read and plan is a round trip between two processes, so on a machine whose load exceeds its
// cores the wall time measures mostly waiting for a time slice (docs/performance.md).
// Options: --resources=1000.

import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { currentPlatform } from "../../providers/install/platform.js";
import { expectExit, option, removeDir, repoRoot, Report, runCairn, tempDir } from "../planner/harness.js";

const resources = Number(option("resources") ?? 1000);

const config = `terraform {
  required_providers {
    cluster = { source = "cairn/cluster" }
  }
}

resource "cluster_namespace" "ns" {
  count = ${resources}
  name  = "ns-\${count.index}"
}
`;

async function applyIn(report: Report, label: string, dir: string, cliConfig: string): Promise<number | undefined> {
  process.env.TF_CLI_CONFIG_FILE = cliConfig;
  writeFileSync(join(dir, "main.tf"), config);
  const init = await runCairn(dir, ["init", "-no-color"]);
  if (!expectExit(report, `${label}: init`, init)) return undefined;
  const apply = await runCairn(dir, ["apply", "-auto-approve", "-no-color"]);
  if (!expectExit(report, `${label}: apply of ${resources} resources`, apply)) return undefined;
  report.figure(`${label} apply of ${resources} cluster_namespace wall`, apply.wallMs / 1000, "s");
  report.figure(`${label} apply CPU (cairn process only)`, apply.cpuMs / 1000, "s");
  report.figure(`${label} apply peak RSS (cairn)`, apply.rssMb, "MB");
  const noop = await runCairn(dir, ["plan", "-no-color", "-detailed-exitcode"]);
  if (!expectExit(report, `${label}: no-op plan`, noop, [0])) return undefined;
  report.figure(`${label} no-op plan wall`, noop.wallMs / 1000, "s");
  return apply.wallMs;
}

async function main(): Promise<number> {
  const report = new Report(`providers as plugins: apply of ${resources} cluster resources, plugin vs in process`);
  const root = tempDir("plugin-apply");
  try {
    const mirror = join(root, "mirror");
    const pkg = join(mirror, "registry.terraform.io", "cairn", "cluster", "0.1.0", currentPlatform());
    mkdirSync(pkg, { recursive: true });
    const exe = join(pkg, "terraform-provider-cluster_v0.1.0");
    writeFileSync(exe, `#!/bin/sh\nexec "${join(repoRoot, "bin", "cairn")}" provider serve cluster\n`);
    chmodSync(exe, 0o755);
    const cli = join(root, "cli.tfrc");
    writeFileSync(cli, `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
    const inProcessDir = join(root, "in-process");
    const pluginDir = join(root, "plugin");
    mkdirSync(inProcessDir);
    mkdirSync(pluginDir);
    const inProcess = await applyIn(report, "in process", inProcessDir, "/dev/null");
    const plugin = await applyIn(report, "plugin", pluginDir, cli);
    if (inProcess === undefined || plugin === undefined) return report.exitCode();
    const ratio = plugin / inProcess;
    console.log(`  ${ratio <= 1.5 ? "ok  " : "MISS"} plugin / in-process apply wall: ${ratio.toFixed(2)}x (bar <= 1.5x)`);
    if (ratio > 1.5) report.failure(`the plugin path took ${ratio.toFixed(2)}x the in-process path's wall time`);
  } finally {
    removeDir(root);
  }
  return report.exitCode();
}

process.exitCode = await main();
