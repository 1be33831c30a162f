// Terraform's CLI configuration file (TF_CLI_CONFIG_FILE, else ~/.terraformrc), as far as provider
// installation needs it: `plugin_cache_dir` and the `provider_installation` block's `dev_overrides`,
// `filesystem_mirror` and `direct` methods. The file is HCL 1 (quoted attribute names such as
// "cairn/cluster" = "..." are allowed, which HCL 2 refuses), so it is read by the small reader below:
// blocks, labels, attributes whose values are strings, lists of strings, numbers and bools, and the three
// comment styles. Anything else is a diagnostic naming the file and line. Input is bounded (1 MiB).

import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";

export interface FilesystemMirror {
  readonly path: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

export interface CliConfig {
  /** Where the file was read from; undefined when there is none. */
  readonly file?: string;
  readonly pluginCacheDir?: string;
  /** Source address (as written) -> directory holding terraform-provider-TYPE. */
  readonly devOverrides: ReadonlyMap<string, string>;
  /** undefined: no provider_installation block, so Terraform's implied local directories apply. */
  readonly mirrors?: readonly FilesystemMirror[];
}

type HclValue = string | number | boolean | HclValue[];
interface HclBlock {
  readonly type: string;
  readonly labels: string[];
  readonly attrs: Map<string, HclValue>;
  readonly blocks: HclBlock[];
  readonly line: number;
}

export function readCliConfig(env: NodeJS.ProcessEnv): { config: CliConfig; diags: Diagnostic[] } {
  const file = env.TF_CLI_CONFIG_FILE ?? (existsSync(join(homedir(), ".terraformrc")) ? join(homedir(), ".terraformrc") : undefined);
  const fromEnvCache = env.TF_PLUGIN_CACHE_DIR !== undefined && env.TF_PLUGIN_CACHE_DIR !== "" ? { pluginCacheDir: env.TF_PLUGIN_CACHE_DIR } : {};
  if (file === undefined || file === "" || file === "/dev/null" || !existsSync(file)) return { config: { devOverrides: new Map(), ...fromEnvCache }, diags: [] };
  if (statSync(file).size > 1 << 20) return { config: { devOverrides: new Map(), ...fromEnvCache }, diags: [errorDiag("Invalid CLI configuration", `${file} is larger than 1 MiB.`)] };
  const parsed = parseHcl1(readFileSync(file, "utf8"), file);
  if (typeof parsed === "string") return { config: { devOverrides: new Map(), ...fromEnvCache }, diags: [errorDiag("Invalid CLI configuration", parsed)] };
  const diags: Diagnostic[] = [];
  const cache = parsed.attrs.get("plugin_cache_dir");
  const devOverrides = new Map<string, string>();
  let mirrors: FilesystemMirror[] | undefined;
  for (const pi of parsed.blocks.filter((b) => b.type === "provider_installation")) {
    mirrors ??= [];
    for (const m of pi.blocks) {
      if (m.type === "dev_overrides") {
        for (const [k, v] of m.attrs) {
          if (typeof v === "string") devOverrides.set(k.toLowerCase(), v);
          else diags.push(errorDiag("Invalid CLI configuration", `${file}:${m.line}: dev_overrides maps provider sources to directory paths (strings).`));
        }
      } else if (m.type === "filesystem_mirror") {
        const path = m.attrs.get("path");
        if (typeof path !== "string") {
          diags.push(errorDiag("Invalid CLI configuration", `${file}:${m.line}: a filesystem_mirror needs a "path".`));
          continue;
        }
        mirrors.push({ path, ...patterns(m, "include"), ...patterns(m, "exclude") });
      } else if (m.type !== "direct" && m.type !== "network_mirror") {
        diags.push(errorDiag("Invalid CLI configuration", `${file}:${m.line}: unknown provider installation method "${m.type}".`));
      }
      // direct and network_mirror need the network, which Cairn does not use: they add nothing here.
    }
  }
  return {
    config: {
      file,
      devOverrides,
      ...(mirrors !== undefined ? { mirrors } : {}),
      ...(typeof cache === "string" ? { pluginCacheDir: cache } : {}),
      ...fromEnvCache,
    },
    diags,
  };
}

function patterns(b: HclBlock, name: "include" | "exclude"): { include?: string[] } | { exclude?: string[] } {
  const v = b.attrs.get(name);
  return Array.isArray(v) ? { [name]: v.filter((x): x is string => typeof x === "string") } : {};
}

/** A tiny HCL 1 reader for the CLI configuration's shape; a message with file and line on anything else. */
export function parseHcl1(text: string, file: string): HclBlock | string {
  let i = 0;
  let line = 1;
  const at = (): string => `${file}:${line}`;
  const skip = (): void => {
    for (;;) {
      const c = text[i];
      if (c === "\n") {
        line++;
        i++;
      } else if (c === " " || c === "\t" || c === "\r" || c === ",") i++;
      else if (c === "#" || (c === "/" && text[i + 1] === "/")) while (i < text.length && text[i] !== "\n") i++;
      else if (c === "/" && text[i + 1] === "*") {
        const end = text.indexOf("*/", i + 2);
        const chunk = text.slice(i, end < 0 ? text.length : end + 2);
        line += chunk.split("\n").length - 1;
        i += chunk.length;
      } else return;
    }
  };
  const str = (): string => {
    i++; // opening quote
    let out = "";
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\n") throw new Error(`${at()}: unterminated string`);
      if (text[i] === "\\") {
        const n = text[i + 1];
        out += n === "n" ? "\n" : n === "t" ? "\t" : (n ?? "");
        i += 2;
      } else out += text[i++];
    }
    if (i >= text.length) throw new Error(`${at()}: unterminated string`);
    i++;
    return out;
  };
  const word = (): string => {
    const m = /^[A-Za-z0-9_.\-]+/.exec(text.slice(i, i + 256));
    if (!m) throw new Error(`${at()}: unexpected ${JSON.stringify(text[i] ?? "end of file")}`);
    i += m[0].length;
    return m[0];
  };
  const value = (depth: number): HclValue => {
    if (depth > 8) throw new Error(`${at()}: values nested too deeply`);
    skip();
    if (text[i] === '"') return str();
    if (text[i] === "[") {
      i++;
      const out: HclValue[] = [];
      for (;;) {
        skip();
        if (text[i] === "]") {
          i++;
          return out;
        }
        if (i >= text.length) throw new Error(`${at()}: unterminated list`);
        out.push(value(depth + 1));
      }
    }
    const w = word();
    if (w === "true" || w === "false") return w === "true";
    if (/^-?\d+(\.\d+)?$/.test(w)) return Number(w);
    throw new Error(`${at()}: unexpected ${JSON.stringify(w)}`);
  };
  const body = (type: string, labels: string[], startLine: number, depth: number, top: boolean): HclBlock => {
    if (depth > 8) throw new Error(`${at()}: blocks nested too deeply`);
    const b: HclBlock = { type, labels, attrs: new Map(), blocks: [], line: startLine };
    for (;;) {
      skip();
      if (i >= text.length) {
        if (top) return b;
        throw new Error(`${at()}: block "${type}" is not closed`);
      }
      if (text[i] === "}") {
        if (top) throw new Error(`${at()}: unexpected "}"`);
        i++;
        return b;
      }
      const keyLine = line;
      const key = text[i] === '"' ? str() : word();
      skip();
      if (text[i] === "=") {
        i++;
        const v = value(0);
        skip();
        if (text[i] === "{") throw new Error(`${at()}: object values are not supported here`);
        b.attrs.set(key, v);
        continue;
      }
      const blockLabels: string[] = [];
      while (text[i] === '"') {
        blockLabels.push(str());
        skip();
      }
      if (text[i] !== "{") throw new Error(`${at()}: expected "=" or "{" after ${JSON.stringify(key)}`);
      i++;
      b.blocks.push(body(key, blockLabels, keyLine, depth + 1, false));
    }
  };
  try {
    return body("", [], 1, 0, true);
  } catch (err) {
    return (err as Error).message;
  }
}
