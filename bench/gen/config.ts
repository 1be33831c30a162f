// Generator of the parse/evaluation benchmark configuration (issue 2, Performance): a `variable "env"` and,
// for each i, a cluster node, a volume on that node and a workload using the volume — about 1.3 MB and
// 9,000 resource blocks for the default 3,000 nodes. Deterministic, so runs are comparable.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export function generateBenchmarkConfig(nodes = 3000): string {
  const parts: string[] = [
    `variable "env" {\n  type    = string\n  default = "staging"\n}\n`,
  ];
  const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
  for (let i = 0; i < nodes; i++) {
    const zone = zones[i % zones.length];
    parts.push(
      `
resource "cluster_node" "n${i}" {
  name   = "node-\${var.env}-${i}"
  cpu    = ${2 + (i % 4) * 2}
  memory = ${4096 * (1 + (i % 3))}
  labels = {
    zone = "${zone}"
    role = "worker"
  }
}

resource "cluster_volume" "v${i}" {
  node_id = cluster_node.n${i}.id
  size_gb = ${10 + (i % 5) * 10}
}

resource "cluster_workload" "w${i}" {
  name     = "app-${i}"
  replicas = ${1 + (i % 3)}
  volumes  = [cluster_volume.v${i}.id]
  env = {
    ZONE = cluster_node.n${i}.labels.zone
    ENV  = var.env
  }
}
`,
    );
  }
  return parts.join("");
}

/** Writes the generated configuration to `path` (creating directories) and returns its text. */
export function writeBenchmarkConfig(path: string, nodes = 3000): string {
  const text = generateBenchmarkConfig(nodes);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return text;
}
