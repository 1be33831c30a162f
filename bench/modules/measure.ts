// Shared by the module benchmarks (issue 5, Performance): runs one cairn command several times in a generated
// configuration and reports its wall time, CPU time and peak RSS (medians of the times, the largest RSS).

import { expectExit, median, type Report, runCairn, type RunResult } from "../planner/harness.js";

export interface Peer {
  readonly value: number;
  readonly who: string;
}

export interface Measured {
  readonly label: string;
  readonly args: readonly string[];
  readonly codes: readonly number[];
  /** Text the output must contain, so a command that did the wrong thing quickly does not pass. */
  readonly expect?: string;
  readonly runs: number;
  readonly wallBar?: number;
  readonly peer?: Peer;
}

/** Runs the command m.runs times in dir and prints its figures; false when it failed (already reported). */
export async function measure(report: Report, dir: string, m: Measured): Promise<RunResult[] | undefined> {
  const results: RunResult[] = [];
  for (let i = 0; i < m.runs; i++) {
    const r = await runCairn(dir, m.args);
    if (!expectExit(report, m.label, r, m.codes)) return undefined;
    if (m.expect !== undefined && !r.stdout.includes(m.expect)) {
      report.failure(`${m.label}: the output does not contain "${m.expect}": ${r.stdout.slice(-1000)}`);
      return undefined;
    }
    results.push(r);
  }
  report.figure(`${m.label} wall`, median(results.map((r) => r.wallMs)) / 1000, "s", m.wallBar, m.peer);
  report.figure(`${m.label} cpu`, median(results.map((r) => r.cpuMs)) / 1000, "s");
  report.figure(`${m.label} peak RSS`, Math.max(...results.map((r) => r.rssMb)), "MB");
  return results;
}
