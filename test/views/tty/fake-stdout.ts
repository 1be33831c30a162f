// A stdout for rendering ink views in tests: collects every write, and says it is a terminal of a given size
// (ink reads columns and rows; isTTY makes the commands choose their TTY view).

import { Writable } from "node:stream";

export class FakeStdout extends Writable {
  readonly writes: string[] = [];
  isTTY: boolean;
  columns: number;
  rows: number;

  constructor(opts: { isTTY?: boolean; columns?: number; rows?: number } = {}) {
    super();
    this.isTTY = opts.isTTY ?? true;
    this.columns = opts.columns ?? 100;
    this.rows = opts.rows ?? 30;
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.writes.push(chunk.toString());
    cb();
  }

  get text(): string {
    return this.writes.join("");
  }

  /** In ink's debug mode every write is a whole frame (static lines, then the live part); cursor codes are not. */
  lastFrame(): string {
    for (let i = this.writes.length - 1; i >= 0; i--) if (plain(this.writes[i]!).trim() !== "") return this.writes[i]!;
    return "";
  }
}

/** Without colours and cursor movements, for matching words. */
export function plain(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
}

export function count(s: string, sub: string): number {
  return s.split(sub).length - 1;
}
