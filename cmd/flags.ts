// Command-line flags as Terraform parses them (Go's flag package): a single or double dash, `-name=value` or
// `-name value` for valued flags, `-name` or `-name=false` for booleans, repeatable flags collected in order,
// and everything after the first non-flag argument (or `--`) positional.

export type FlagSpec =
  | { readonly kind: "bool"; readonly default: boolean }
  | { readonly kind: "string"; readonly default?: string }
  | { readonly kind: "repeated" };

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export interface ParsedFlags {
  readonly bools: ReadonlyMap<string, boolean>;
  readonly strings: ReadonlyMap<string, string>;
  /** Repeatable flags in command-line order, with their names (so -var and -var-file interleave correctly). */
  readonly repeated: readonly { readonly name: string; readonly value: string }[];
  readonly positional: readonly string[];
}

export type FlagResult = { readonly ok: true; readonly flags: ParsedFlags } | { readonly ok: false; readonly message: string };

const TRUE = new Set(["1", "t", "T", "true", "TRUE", "True"]);
const FALSE = new Set(["0", "f", "F", "false", "FALSE", "False"]);

export function parseFlags(argv: readonly string[], specs: FlagSpecs): FlagResult {
  const bools = new Map<string, boolean>();
  const strings = new Map<string, string>();
  const repeated: { name: string; value: string }[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === "bool") bools.set(name, spec.default);
    else if (spec.kind === "string" && spec.default !== undefined) strings.set(name, spec.default);
  }
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
    const spec = specs[name];
    if (spec === undefined) return { ok: false, message: `flag provided but not defined: -${name}` };
    if (spec.kind === "bool") {
      if (inline === undefined) bools.set(name, true);
      else if (TRUE.has(inline)) bools.set(name, true);
      else if (FALSE.has(inline)) bools.set(name, false);
      else return { ok: false, message: `invalid boolean value "${inline}" for -${name}` };
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) return { ok: false, message: `flag needs an argument: -${name}` };
      value = argv[++i]!;
    }
    if (spec.kind === "string") strings.set(name, value);
    else repeated.push({ name, value });
  }
  return { ok: true, flags: { bools, strings, repeated, positional: argv.slice(i) } };
}
