// `cairn fmt [options] [target...]`: Terraform's fmt command. Rewrites .tf, .tfvars, .tftest.hcl and
// .tfmock.hcl files in canonical style, listing the files it changed. Flags and exit codes follow
// Terraform: -list=false, -write=false, -diff, -check (exit 3 when anything would change, writing
// nothing), -recursive, -no-color, and `-` to format standard input to standard output. Syntax errors are
// reported as diagnostics and give exit 2; bad flags give exit 1.

import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { formatSource } from "../../lang/fmt/index.js";
import type { Command, CommandContext } from "../registry.js";
import { renderDiagnostics, type SourceFile } from "../views/diagnostics.js";
import { sourceFileFromBytes } from "../../lang/source-files.js";

const SUPPORTED_EXTS = [".tf", ".tfvars", ".tftest.hcl", ".tfmock.hcl"];
const STDIN_NAME = "<stdin>";

interface FmtArgs {
  list: boolean;
  write: boolean;
  diff: boolean;
  check: boolean;
  recursive: boolean;
  color: boolean;
  paths: string[];
}

type ParseResult = { ok: true; args: FmtArgs } | { ok: false; message: string };

function parseBoolFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === "true" || value === "1" || value === "t" || value === "T" || value === "TRUE" || value === "True") return true;
  if (value === "false" || value === "0" || value === "f" || value === "F" || value === "FALSE" || value === "False") return false;
  return undefined;
}

export function parseFmtArgs(argv: readonly string[]): ParseResult {
  const args: FmtArgs = { list: true, write: true, diff: false, check: false, recursive: false, color: true, paths: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-" || !a.startsWith("-")) break;
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(a);
    const name = m?.[1];
    const flags: Record<string, keyof FmtArgs> = { list: "list", write: "write", diff: "diff", check: "check", recursive: "recursive" };
    if (name === "no-color" && m?.[2] === undefined) {
      args.color = false;
      continue;
    }
    const key = name === undefined ? undefined : flags[name];
    if (key === undefined) return { ok: false, message: `flag provided but not defined: ${a.split("=")[0]}` };
    const v = parseBoolFlag(m?.[2]);
    if (v === undefined) return { ok: false, message: `invalid boolean value "${m?.[2]}" for ${a.split("=")[0]}` };
    (args as unknown as Record<string, boolean>)[key] = v;
  }
  args.paths = argv.slice(i);
  return { ok: true, args };
}

class FmtRun {
  readonly diags: Diagnostic[] = [];
  readonly sources = new Map<string, SourceFile>();
  /** The diff renderer, loaded only when -diff asks for it (its library is most of fmt's start-up). */
  diffText: ((before: string, after: string, path: string) => string) | undefined;

  constructor(
    private readonly ctx: CommandContext,
    private readonly opts: FmtArgs,
    private readonly out: (s: string) => void,
  ) {}

  /** Paths are shown relative to the working directory when they are inside it, as Terraform does. */
  private displayPath(p: string): string {
    const abs = resolve(this.ctx.cwd, p);
    const rel = relative(this.ctx.cwd, abs);
    if (rel === "") return ".";
    return rel.startsWith("..") || isAbsolute(rel) ? p : rel;
  }

  processFile(display: string, src: Uint8Array, absPath: string | undefined, fromStdin = false): void {
    this.sources.set(display, sourceFileFromBytes(src));
    const formatted = formatSource(src, display);
    if (hasErrors(formatted.diags)) {
      this.diags.push(...formatted.diags);
      return;
    }
    // `fmt -` always ends what it prints with a newline (Terraform adds one to standard output only).
    const addNewline = fromStdin && !formatted.output.endsWith("\n");
    const output = addNewline ? formatted.output + "\n" : formatted.output;
    // The formatter knows whether it changed the text; decoding the input again is only needed for a diff
    // (and for the byte-order mark, which the formatter's text leaves out and fmt does not keep).
    const hasBom = src[0] === 0xef && src[1] === 0xbb && src[2] === 0xbf;
    if (formatted.changed || addNewline || hasBom) {
      if (this.opts.list) this.out(`${display}\n`);
      if (this.opts.write && absPath !== undefined) {
        try {
          writeFileSync(absPath, output, { mode: 0o644 });
        } catch {
          this.diags.push(errorDiag(`Failed to write ${display}`, ""));
          return;
        }
      }
      if (this.opts.diff && this.diffText !== undefined) this.out(this.diffText(new TextDecoder().decode(src), output, display));
    }
    if (!this.opts.list && !this.opts.write && !this.opts.diff) this.out(output);
  }

  processDir(dir: string): void {
    let entries: { name: string; isDir: boolean }[];
    try {
      entries = readdirSync(resolve(this.ctx.cwd, dir), { withFileTypes: true })
        .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      this.diags.push(errorDiag(`Cannot read directory ${dir}`, ""));
      return;
    }
    for (const e of entries) {
      if (isIgnoredFile(e.name)) continue;
      const sub = join(dir, e.name);
      if (e.isDir) {
        // Like plan, fmt works on one module at a time unless asked to recurse.
        if (this.opts.recursive) this.processDir(sub);
        continue;
      }
      if (SUPPORTED_EXTS.some((ext) => e.name.endsWith(ext))) this.processPath(sub);
    }
  }

  processPath(p: string): void {
    const abs = resolve(this.ctx.cwd, p);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(abs);
    } catch {
      this.diags.push(errorDiag(`Failed to read file ${p}`, ""));
      return;
    }
    this.processFile(this.displayPath(p), bytes, abs);
  }

  /** Returns false when the run must stop (a target that does not exist). */
  processTarget(p: string): boolean {
    let isDir: boolean;
    try {
      isDir = statSync(resolve(this.ctx.cwd, p)).isDirectory();
    } catch {
      this.diags.push(errorDiag(`No file or directory at ${p}`, ""));
      return false;
    }
    if (isDir) this.processDir(p);
    else if (SUPPORTED_EXTS.some((ext) => p.endsWith(ext))) this.processPath(p);
    else this.diags.push(errorDiag("Only .tf, .tfvars, and .tftest.hcl files can be processed with cairn fmt", ""));
    return true;
  }
}

/** Editor backups and hidden files are not configuration (Terraform's configs.IsIgnoredFile). */
function isIgnoredFile(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"));
}

/** A renderer of `diff -u --label=old/<path> --label=new/<path>` output. */
async function loadDiff(): Promise<(before: string, after: string, path: string) => string> {
  const { createTwoFilesPatch } = await import("diff");
  return (before, after, path) => diffOf(createTwoFilesPatch, before, after, path);
}

function diffOf(createTwoFilesPatch: typeof import("diff").createTwoFilesPatch, before: string, after: string, path: string): string {
  const patch = createTwoFilesPatch(`old/${path}`, `new/${path}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff prefixes an "Index:" line and a rule; diff(1) starts at the file headers.
  const start = patch.indexOf("--- ");
  return start > 0 ? patch.slice(start) : patch;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

export const fmtCommand: Command = {
  name: "fmt",
  synopsis: "Reformat your configuration in the standard style",
  async run(argv, ctx) {
    const parsed = parseFmtArgs(argv);
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n\nUsage: cairn [global options] fmt [options] [target...]\n`);
      return 1;
    }
    const opts = parsed.args;
    const fromStdin = opts.paths[0] === "-";
    if (fromStdin) {
      opts.list = false;
      opts.write = false;
    }
    const listRequested = opts.list;
    let buffered = "";
    if (opts.check) {
      // -check decides by whether anything would be listed; the listing is shown only if -list allows it.
      opts.list = true;
      opts.write = false;
    }
    const out = opts.check ? (s: string) => void (buffered += s) : (s: string) => void ctx.stdout.write(s);
    const run = new FmtRun(ctx, opts, out);
    if (opts.diff) run.diffText = await loadDiff();

    if (fromStdin) {
      run.processFile(STDIN_NAME, await readAll(ctx.stdin), undefined, true);
    } else {
      for (const p of opts.paths.length === 0 ? ["."] : opts.paths) if (!run.processTarget(p)) break;
    }

    if (run.diags.length > 0) {
      const color = opts.color && ctx.stderr.isTTY === true;
      ctx.stderr.write(renderDiagnostics(run.diags, run.sources, { color }));
    }
    if (hasErrors(run.diags)) return 2;
    if (opts.check) {
      if (listRequested) ctx.stdout.write(buffered);
      return buffered.length === 0 ? 0 : 3;
    }
    return 0;
  },
};
