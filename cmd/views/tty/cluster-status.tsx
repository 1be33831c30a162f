// `cairn cluster status` on a terminal: the same ClusterStatusView the plain renderer prints, drawn with ink as
// a table (state, zone, cpu and memory allocation bars coloured by utilisation, pods per node, taints under
// their node) and a section of pending pods with the scheduler's reasons. It is drawn once with
// renderToString: a status report, not an interactive app, so it leaves no listeners or timers behind.

import { Box, Text, renderToString } from "ink";
import type { ClusterStatusView, NodeStatusView } from "../../../cluster/status.js";
import { formatCpu, humanBytes } from "../../../cluster/objects/quantity.js";
import { Bar } from "./bar.js";
import { fraction, utilisationColor } from "./utilisation.js";

const GAP = "  ";
const PCT = 5; // " 100%"

interface NodeRow {
  readonly node: NodeStatusView;
  readonly state: string;
  readonly stateColor: "green" | "yellow" | "red";
  readonly cpu: string;
  readonly mem: string;
  readonly pods: string;
}

function nodeState(n: NodeStatusView): { text: string; color: NodeRow["stateColor"] } {
  if (n.failed) return { text: "Failed", color: "red" };
  const base = n.ready === "True" ? "Ready" : n.ready === "False" ? "NotReady" : "Unknown";
  if (n.unschedulable) return { text: `${base},Unschedulable`, color: n.ready === "True" ? "yellow" : "red" };
  return { text: base, color: n.ready === "True" ? "green" : "red" };
}

function rows(nodes: readonly NodeStatusView[]): NodeRow[] {
  return nodes.map((node) => {
    const s = nodeState(node);
    return {
      node,
      state: s.text,
      stateColor: s.color,
      cpu: `${formatCpu(node.cpu.requestedMilli)}/${formatCpu(node.cpu.allocatableMilli)}`,
      mem: `${humanBytes(node.memory.requestedBytes)}/${humanBytes(node.memory.allocatableBytes)}`,
      pods: `${node.pods.count}/${node.pods.allocatable}`,
    };
  });
}

interface Widths {
  readonly name: number;
  readonly state: number;
  readonly zone: number;
  readonly cpu: number;
  readonly mem: number;
  readonly pods: number;
  readonly bar: number;
  /** Too narrow for one line per node: the bars go on a second line under the node. */
  readonly stacked: boolean;
}

/**
 * Column widths from the data; the two bars share what the terminal has left (up to 20 cells each). When that
 * is under 8 cells, the bars move to a line of their own under each node rather than wrap mid-row.
 */
function widths(rs: readonly NodeRow[], columns: number): Widths {
  const w = (header: string, values: string[]) => Math.max(header.length, ...values.map((v) => v.length));
  const name = w("NODE", rs.map((r) => r.node.name));
  const state = w("STATUS", rs.map((r) => r.state));
  const zone = w("ZONE", rs.map((r) => r.node.zone ?? "-"));
  const cpu = w("", rs.map((r) => r.cpu));
  const mem = w("", rs.map((r) => r.mem));
  const pods = w("PODS", rs.map((r) => r.pods));
  const fixed = name + state + zone + pods + 2 * (PCT + 1) + cpu + mem + GAP.length * 5;
  const wide = Math.floor((columns - 1 - fixed) / 2);
  if (wide >= 8) return { name, state, zone, cpu, mem, pods, bar: Math.min(20, wide), stacked: false };
  const line2 = name + GAP.length + "cpu ".length + "mem ".length + 2 * (PCT + 1) + cpu + mem + GAP.length;
  const bar = Math.max(5, Math.min(20, Math.floor((columns - 1 - line2) / 2)));
  return { name, state, zone, cpu, mem, pods, bar, stacked: true };
}

function Header({ w }: { w: Widths }) {
  if (w.stacked) return <Text bold>{["NODE".padEnd(w.name), "STATUS".padEnd(w.state), "ZONE".padEnd(w.zone), "PODS"].join(GAP)}</Text>;
  const cpuW = w.bar + PCT + 1 + w.cpu;
  const memW = w.bar + PCT + 1 + w.mem;
  return (
    <Text bold>
      {["NODE".padEnd(w.name), "STATUS".padEnd(w.state), "ZONE".padEnd(w.zone), "CPU".padEnd(cpuW), "MEMORY".padEnd(memW), "PODS"].join(GAP)}
    </Text>
  );
}

function Row({ r, w }: { r: NodeRow; w: Widths }) {
  const n = r.node;
  const cpuF = fraction(n.cpu.requestedMilli, n.cpu.allocatableMilli);
  const memF = fraction(n.memory.requestedBytes, n.memory.allocatableBytes);
  const podF = fraction(n.pods.count, n.pods.allocatable);
  const head = (
    <>
      <Text bold>{n.name.padEnd(w.name)}</Text>
      {GAP}
      <Text color={r.stateColor}>{r.state.padEnd(w.state)}</Text>
      {GAP}
      {(n.zone ?? "-").padEnd(w.zone)}
      {GAP}
    </>
  );
  const pods = <Text color={utilisationColor(podF)}>{r.pods}</Text>;
  return (
    <Box flexDirection="column">
      {w.stacked ? (
        <>
          <Text>
            {head}
            {pods}
          </Text>
          <Text>
            {"".padEnd(w.name)}
            {GAP}cpu <Bar fraction={cpuF} width={w.bar} /> {r.cpu.padEnd(w.cpu)}
            {GAP}mem <Bar fraction={memF} width={w.bar} /> {r.mem}
          </Text>
        </>
      ) : (
        <Text>
          {head}
          <Bar fraction={cpuF} width={w.bar} /> {r.cpu.padEnd(w.cpu)}
          {GAP}
          <Bar fraction={memF} width={w.bar} /> {r.mem.padEnd(w.mem)}
          {GAP}
          {pods}
        </Text>
      )}
      {n.taints.length > 0 ? (
        <Text dimColor>
          {"".padEnd(w.name)}
          {GAP}taints: {n.taints.join(", ")}
        </Text>
      ) : null}
    </Box>
  );
}

function Pending({ view }: { view: ClusterStatusView }) {
  if (view.pending.length === 0) return null;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold color="yellow">
        Pending pods ({view.pending.length})
      </Text>
      {view.pending.map((p) => (
        <Box key={`${p.namespace}/${p.name}`} paddingLeft={2}>
          <Text>
            <Text color="yellow">{`${p.namespace}/${p.name}`}</Text>: {p.reason}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

export function ClusterStatus({ view, columns }: { view: ClusterStatusView; columns: number }) {
  const t = view.totals;
  const rs = rows(view.nodes);
  const w = widths(rs, columns);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Nodes</Text> <Text color={t.readyNodes === t.nodes ? "green" : "yellow"}>{`${t.readyNodes}/${t.nodes} ready`}</Text>
        {"   "}
        <Text bold>Pods</Text> {`${t.runningPods} running, `}
        <Text color={t.pendingPods > 0 ? "yellow" : undefined}>{`${t.pendingPods} pending`}</Text>
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {rs.length === 0 ? (
          <Text dimColor>No nodes.</Text>
        ) : (
          <>
            <Header w={w} />
            {rs.map((r) => (
              <Row key={r.node.name} r={r} w={w} />
            ))}
          </>
        )}
      </Box>
      <Pending view={view} />
    </Box>
  );
}

/** The status drawn for a terminal `columns` wide, ending with a newline. */
export function renderClusterStatus(view: ClusterStatusView, columns: number): string {
  return `${renderToString(<ClusterStatus view={view} columns={columns} />, { columns })}\n`;
}
