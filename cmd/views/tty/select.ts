// Whether a command draws its ink view: only on a terminal, and never with -json or -no-color (both ask for
// plain, stable text). Kept apart from the views so the choice is testable without loading ink.

export interface TtyChoice {
  readonly json?: boolean;
  readonly noColor?: boolean;
}

export function wantsTtyView(stream: { readonly isTTY?: boolean }, choice: TtyChoice): boolean {
  return stream.isTTY === true && choice.json !== true && choice.noColor !== true;
}
