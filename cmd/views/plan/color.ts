// Terraform colours its output with mitchellh/colorstring: `[green]+[reset]` markup, turned into ANSI escapes
// when colour is on and removed when it is off, with a reset appended to every string that had a code in it
// (Terraform configures `Reset: true`). Only the template is scanned for markup: user data is passed as
// arguments so that a value containing "[red]" is printed as it is.

const codes: Readonly<Record<string, string>> = {
  reset: "0",
  bold: "1",
  dim: "2",
  underline: "4",
  red: "31",
  green: "32",
  yellow: "33",
  blue: "34",
  magenta: "35",
  cyan: "36",
  light_gray: "37",
  dark_gray: "90",
};

const markup = /\[([a-z0-9_-]+)\]/gi;

export class Colorize {
  // Templates are a few constant strings used once per line of a plan: scanning each for markup again cost
  // ~50 ms on a plan of 2,100 resources. Bounded, in case a caller builds templates from data.
  private readonly compiled = new Map<string, { readonly pieces: readonly string[]; readonly coloured: boolean }>();

  constructor(readonly enabled: boolean) {}

  /** The template with its markup applied; each `%s` in it is replaced by the next argument, verbatim. */
  color(template: string, ...args: readonly string[]): string {
    let entry = this.compiled.get(template);
    if (entry === undefined) {
      let coloured = false;
      const pieces = template.split("%s").map((piece) =>
        piece.replace(markup, (whole: string, name: string) => {
          const code = codes[name.toLowerCase()];
          if (code === undefined) return whole;
          coloured = true;
          return this.enabled ? `\u001b[${code}m` : "";
        }),
      );
      entry = { pieces, coloured };
      if (this.compiled.size >= 1000) this.compiled.clear();
      this.compiled.set(template, entry);
    }
    const { pieces, coloured } = entry;
    let out = pieces[0]!;
    for (let i = 1; i < pieces.length; i++) out += (args[i - 1] ?? "") + pieces[i]!;
    if (coloured && this.enabled) out += "\u001b[0m";
    return out;
  }
}
