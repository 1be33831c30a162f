// The one way the CLI process ends (bin/cairn → runCli in main.ts). It knows the outcome: every exit carries
// the code of a finished command, or 1 for an internal error. Until a command has finished, process.exitCode
// is 1, so nothing that ends the process some other way (an event loop that empties while an operation is
// still waiting, an exception on a timer) can ever look like success.

let exiting = false;

/** Ends the process with `code` once stdout and stderr have flushed (process.exit drops output still queued
 * for a pipe). Later calls are ignored: the first outcome wins. */
export function exitProcess(code: number): void {
  if (exiting) return;
  exiting = true;
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

/** Terraform treats SIGTERM and SIGHUP exactly as Ctrl-C: the first stops gracefully (nothing new starts, the
 * state is written, the lock released, exit 1), a second exits at once. A command that handles interrupts
 * listens for SIGINT; these two signals are delivered to it as SIGINT. Without such a listener the process
 * ends as Ctrl-C would end it then (128 + the signal's number), through exitProcess. */
export function forwardTerminationSignals(): void {
  for (const [signal, number] of [["SIGTERM", 15], ["SIGHUP", 1]] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return; // the command handles this signal itself (cluster serve)
      if (process.listenerCount("SIGINT") > 0) process.emit("SIGINT", "SIGINT");
      else exitProcess(128 + number);
    });
  }
}

export function internalErrorText(version: string, detail: string): string {
  return `Error: Internal error in Cairn\n\nThis is a bug in Cairn ${version}, not in your configuration. Please report it with the command you ran.\n\n${detail}\n`;
}
