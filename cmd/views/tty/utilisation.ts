// Allocation bars and their colours, shared by the TTY views. Pure (no ink) so the thresholds are tested on
// their own: green while there is room, yellow when a node is getting full, red when it is (nearly) full.

export type UtilColor = "green" | "yellow" | "red";

/** The fraction used/total clamped to 0..1; 0 when there is nothing allocatable. */
export function fraction(used: number, total: number): number {
  if (!(total > 0)) return used > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, used / total));
}

export function utilisationColor(f: number): UtilColor {
  if (f >= 0.9) return "red";
  if (f >= 0.7) return "yellow";
  return "green";
}

/** Filled and empty cell counts of a bar `width` cells wide; any use above zero shows at least one cell. */
export function barCells(f: number, width: number): { filled: number; empty: number } {
  let filled = Math.round(f * width);
  if (filled === 0 && f > 0) filled = 1;
  filled = Math.min(width, filled);
  return { filled, empty: width - filled };
}

export function percent(f: number): string {
  return `${String(Math.round(f * 100)).padStart(3)}%`;
}
