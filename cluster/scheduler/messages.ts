// The unschedulable message exactly as Kubernetes' FitError prints it: reasons counted over nodes, each
// rendered "<count> <reason>", sorted as strings (so "10 ..." sorts before "2 ..."), joined by ", ".

export const NO_NODES_MESSAGE = "no nodes available to schedule pods";

export function fitErrorMessage(numAllNodes: number, reasons: ReadonlyMap<string, number>, preFilterMessage?: string): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (preFilterMessage) return `${msg} ${preFilterMessage}.`;
  const parts = [...reasons].map(([reason, count]) => `${count} ${reason}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (parts.length > 0) msg += ` ${parts.join(", ")}.`;
  return msg;
}
