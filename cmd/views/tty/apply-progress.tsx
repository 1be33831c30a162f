// Live apply progress on a terminal (issue 7): the operations in flight with their elapsed time (redrawn every
// second), a bar of finished over planned operations, and each operation's result the moment it finishes —
// printed through ink's <Static>, so it stays in the scrollback as Terraform's lines would while the live part
// below it is redrawn. stop() replaces the live part with a one-line summary and unmounts.

import { Box, Static, Text, render, type Instance } from "ink";
import type { ApplyAction } from "../../../planner/apply/hooks.js";
import { formatElapsed } from "../apply/progress.js";
import { ApplyProgressModel, type ApplyProgressSnapshot, type FinishedOp } from "./apply-model.js";
import { doingWord, finishedLine, inFlightElapsed } from "./apply-lines.js";
import { EMPTY, FULL } from "./bar.js";
import { barCells } from "./utilisation.js";
import type { TtyApplyHooks, TtyApplyOptions } from "./types.js";

/** In-flight operations listed by name; the rest are counted, so a wide apply does not fill the screen. */
export const MAX_IN_FLIGHT_SHOWN = 10;
const MAX_BAR = 30;
const MIN_BAR = 10;

function FinishedLine({ op }: { op: FinishedOp }) {
  return op.failed ? (
    <Text color="red">
      <Text bold>✗ </Text>
      {finishedLine(op)}
    </Text>
  ) : (
    <Text>
      <Text color="green">✓ </Text>
      {finishedLine(op)}
    </Text>
  );
}

/** Succeeded cells green, failed cells red, the rest dim; the cells stand for finished over total. */
function ProgressBar({ s, width }: { s: ApplyProgressSnapshot; width: number }) {
  const done = s.succeeded + s.failed;
  const total = Math.max(1, s.total);
  const all = barCells(done / total, width);
  const red = s.failed === 0 ? 0 : Math.min(all.filled, Math.max(1, Math.round((s.failed / total) * width)));
  return (
    <Text>
      <Text color="green">{FULL.repeat(all.filled - red)}</Text>
      <Text color="red">{FULL.repeat(red)}</Text>
      <Text dimColor>{EMPTY.repeat(all.empty)}</Text>
    </Text>
  );
}

/** The words after the bar, as plain segments so the bar can be sized to what is left of the line. */
function countParts(s: ApplyProgressSnapshot): { done: string; rest: string; failed: string; notStarted: string; time: string } {
  const done = s.succeeded + s.failed;
  const notStarted = s.total - done - s.inFlight.length;
  return {
    done: `${done}/${s.total}`,
    rest: s.ended ? " operations finished" : ` operations, ${s.inFlight.length} in flight`,
    failed: s.failed > 0 ? `${s.failed} failed` : "",
    notStarted: s.ended && notStarted > 0 ? `, ${notStarted} not started` : "",
    time: ` [${formatElapsed(s.elapsedMs)}${s.ended ? "" : " elapsed"}]`,
  };
}

function StatusLine({ s, columns }: { s: ApplyProgressSnapshot; columns: number }) {
  const p = countParts(s);
  const textLen = 1 + p.done.length + p.rest.length + (p.failed ? 2 + p.failed.length : 0) + p.notStarted.length + p.time.length;
  const width = Math.max(MIN_BAR, Math.min(MAX_BAR, columns - 1 - textLen));
  return (
    <Text wrap="truncate-end">
      <ProgressBar s={s} width={width} /> <Text bold>{p.done}</Text>
      {p.rest}
      {p.failed ? (
        <>
          {", "}
          <Text color="red" bold>
            {p.failed}
          </Text>
        </>
      ) : null}
      {p.notStarted ? <Text color="yellow">{p.notStarted}</Text> : null}
      <Text dimColor>{p.time}</Text>
    </Text>
  );
}

function InFlight({ s, maxShown }: { s: ApplyProgressSnapshot; maxShown: number }) {
  if (s.ended || s.inFlight.length === 0) return null;
  // With one line kept for "… and N more", the list never pushes the live part past maxShown lines.
  const shown = s.inFlight.length > maxShown ? s.inFlight.slice(0, Math.max(0, maxShown - 1)) : s.inFlight;
  const width = Math.max(0, ...shown.map((o) => doingWord(o).length));
  return (
    <Box flexDirection="column">
      {shown.map((op) => (
        <Text key={op.seq} wrap="truncate-end">
          <Text color="cyan">{`  ${doingWord(op).padEnd(width)} `}</Text>
          {op.addr}
          <Text dimColor>{` [${inFlightElapsed(op, s.now)}]`}</Text>
        </Text>
      ))}
      {s.inFlight.length > shown.length ? <Text dimColor>{`  … and ${s.inFlight.length - shown.length} ${shown.length > 0 ? "more " : ""}in flight`}</Text> : null}
    </Box>
  );
}

export interface ApplyProgressProps {
  readonly s: ApplyProgressSnapshot;
  readonly columns: number;
  /** Terminal height; ink clears the whole screen (scrollback too) once the live part reaches it. */
  readonly rows: number;
}

export function ApplyProgress({ s, columns, rows }: ApplyProgressProps) {
  const maxShown = Math.max(0, Math.min(MAX_IN_FLIGHT_SHOWN, rows - 3));
  return (
    <>
      <Static items={s.finished as FinishedOp[]}>{(op) => <FinishedLine key={op.seq} op={op} />}</Static>
      <Box flexDirection="column">
        <InFlight s={s} maxShown={maxShown} />
        <StatusLine s={s} columns={columns} />
      </Box>
    </>
  );
}

class InkApplyView implements TtyApplyHooks {
  private readonly model: ApplyProgressModel;
  private readonly now: () => number;
  private readonly frameMs: number;
  private readonly instance: Instance;
  private ticker: NodeJS.Timeout | undefined;
  private frame: NodeJS.Timeout | undefined;
  private ended = false;
  private readonly out: NodeJS.WritableStream & { columns?: number; rows?: number };

  constructor(out: NodeJS.WritableStream & { columns?: number; rows?: number }, opts: TtyApplyOptions) {
    this.out = out;
    this.now = opts.now ?? Date.now;
    this.frameMs = opts.frameMs ?? 50;
    this.model = new ApplyProgressModel(opts.total, this.now());
    // ink wants tty.WriteStream/ReadStream; it only uses write(), columns and the resize event of stdout, and
    // touches stdin only for raw-mode input, which this view never asks for (Ctrl-C stays the apply's SIGINT).
    this.instance = render(this.element(), {
      stdout: out as NodeJS.WriteStream,
      ...(opts.stdin ? { stdin: opts.stdin as NodeJS.ReadStream } : {}),
      debug: opts.debug ?? false,
      patchConsole: false,
      exitOnCtrlC: false,
    });
    const tick = opts.tickMs ?? 1000;
    if (tick > 0) {
      this.ticker = setInterval(() => this.refresh(), tick);
      this.ticker.unref();
    }
  }

  private element() {
    // Read at each frame: the terminal may have been resized since the last one.
    const columns = this.out.columns && this.out.columns > 0 ? this.out.columns : 80;
    const rows = this.out.rows && this.out.rows > 0 ? this.out.rows : 24;
    return <ApplyProgress s={this.model.snapshot(this.now(), this.ended)} columns={columns} rows={rows} />;
  }

  /** Redraws now (the ticker and tests call this; hooks coalesce through schedule()). */
  refresh(): void {
    if (this.frame) {
      clearTimeout(this.frame);
      this.frame = undefined;
    }
    this.instance.rerender(this.element());
  }

  private schedule(): void {
    if (this.ended) return;
    if (this.frameMs <= 0) return this.refresh();
    if (this.frame) return;
    this.frame = setTimeout(() => {
      this.frame = undefined;
      this.refresh();
    }, this.frameMs);
    this.frame.unref();
  }

  begin(total: number): void {
    this.model.setTotal(total);
    this.schedule();
  }

  preApply(addr: string, action: ApplyAction, id?: string): void {
    this.model.start(addr, action, id, this.now());
    this.schedule();
  }

  postApply(addr: string, action: ApplyAction, id: string | undefined, failed: boolean): void {
    this.model.finish(addr, action, id, failed, this.now());
    this.schedule();
  }

  async stop(): Promise<void> {
    if (this.ended) return;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.ended = true;
    this.refresh();
    this.instance.unmount();
    await this.instance.waitUntilExit();
  }
}

export function createTtyApplyView(out: NodeJS.WritableStream & { columns?: number; rows?: number }, opts: TtyApplyOptions): TtyApplyHooks {
  return new InkApplyView(out, opts);
}
