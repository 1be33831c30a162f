// Module source addresses, as Terraform reads a `module` block's `source` (internal/addrs/module_source.go and
// go-getter's detectors), restricted to what Cairn installs:
//
//   ./x, ../x                            a directory beside the calling module (not installed, not locked)
//   git::<url>[//subdir][?ref=<ref>]      any URL the system git can clone: https://, ssh://, file://, scp-like
//   ./pkg.tar.gz, ./pkg.tgz, ./pkg.zip   a local archive (relative or absolute path), with an optional //subdir
//
// Registry addresses (`hashicorp/consul/aws`), plain URLs, `github.com/...` shorthands and the other go-getter
// schemes are recognised and refused with a diagnostic saying what is supported, rather than guessed at.

import { posix } from "node:path";

export type ModuleSource = LocalSource | GitSource | ArchiveSource;

export interface LocalSource {
  readonly kind: "local";
  /** As written, `./x` or `../x`, with forward slashes. */
  readonly path: string;
}

export interface GitSource {
  readonly kind: "git";
  /** What `git clone` is given: the URL without `git::`, the subdirectory and Cairn's query arguments. */
  readonly url: string;
  readonly ref?: string;
  readonly depth?: number;
  /** Normalised, "" for the repository root. */
  readonly subdir: string;
}

export interface ArchiveSource {
  readonly kind: "archive";
  /** The archive file as written (relative to the calling module's directory unless absolute). */
  readonly path: string;
  readonly format: "tar.gz" | "zip";
  readonly subdir: string;
}

export type SourceParse = { readonly source: ModuleSource } | { readonly error: string; readonly unsupported: boolean };

const supportedSummary =
  'Cairn installs modules from local directories ("./x" or "../x"), git repositories ("git::<url>", optionally with "//subdir" and "?ref=<tag, branch or commit>") and local .tar.gz, .tgz or .zip archives.';

export function parseModuleSource(raw: string): SourceParse {
  if (raw === "") return { error: "The module source address must not be empty.", unsupported: false };
  if (isLocalPath(raw)) {
    const slashed = raw.replaceAll("\\", "/");
    const { pkg, subdir } = splitSubdir(slashed, 0);
    const format = archiveFormat(pkg);
    if (format !== undefined) return withSubdir(subdir, (s) => ({ kind: "archive", path: pkg, format, subdir: s }));
    if (subdir !== undefined) {
      return { error: `A local module directory cannot have a "//" subdirectory part: write "${posix.join(pkg, subdir)}" instead.`, unsupported: false };
    }
    return { source: { kind: "local", path: slashed } };
  }
  if (raw.startsWith("/")) {
    const { pkg, subdir } = splitSubdir(raw, 0);
    const format = archiveFormat(pkg);
    if (format !== undefined) return withSubdir(subdir, (s) => ({ kind: "archive", path: pkg, format, subdir: s }));
    return {
      error: `"${raw}" is an absolute path. Terraform and Cairn read a local module directory only through a path starting with "./" or "../", relative to the calling module; an absolute path may name an archive (.tar.gz, .tgz or .zip).`,
      unsupported: false,
    };
  }
  if (raw.startsWith("git::")) return parseGit(raw.slice("git::".length));
  return { error: unsupportedDetail(raw), unsupported: true };
}

function isLocalPath(raw: string): boolean {
  return raw === "." || raw === ".." || raw.startsWith("./") || raw.startsWith("../") || raw.startsWith(".\\") || raw.startsWith("..\\");
}

function archiveFormat(path: string): "tar.gz" | "zip" | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) return "tar.gz";
  if (lower.endsWith(".zip")) return "zip";
  return undefined;
}

function parseGit(rest: string): SourceParse {
  if (rest === "") return { error: 'A "git::" source needs a repository URL after "git::".', unsupported: false };
  const q = rest.indexOf("?");
  const beforeQuery = q >= 0 ? rest.slice(0, q) : rest;
  const query = q >= 0 ? rest.slice(q + 1) : "";
  // go-getter's SourceDirSubdir: the subdirectory starts at the first "//" after the scheme's "://".
  const schemeEnd = beforeQuery.indexOf("://");
  const { pkg, subdir } = splitSubdir(beforeQuery, schemeEnd >= 0 ? schemeEnd + 3 : 0);
  let ref: string | undefined;
  let depth: number | undefined;
  const passThrough: string[] = [];
  for (const part of query === "" ? [] : query.split("&")) {
    const eq = part.indexOf("=");
    const key = decodeQueryPart(eq >= 0 ? part.slice(0, eq) : part);
    const value = decodeQueryPart(eq >= 0 ? part.slice(eq + 1) : "");
    if (key === undefined || value === undefined) {
      return { error: `The query "${part}" of the git source has an invalid %-escape (each "%" must be followed by two hexadecimal digits).`, unsupported: false };
    }
    if (key === "ref") {
      if (value === "") return { error: 'The "ref" argument of a git source must not be empty.', unsupported: false };
      // git would read a leading "-" as an option (`--pathspec-from-file=…` prints a file): never a ref.
      if (value.startsWith("-")) return { error: `The "ref" argument of a git source must not start with "-" ("${value}").`, unsupported: false };
      ref = value;
    } else if (key === "depth") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) return { error: `The "depth" argument of a git source must be a positive whole number, not "${value}".`, unsupported: false };
      depth = n;
    } else if (key === "sshkey") {
      return { error: 'The "sshkey" argument of git sources is not supported by Cairn: configure the key for the system git (ssh-agent or ~/.ssh/config) instead.', unsupported: true };
    } else passThrough.push(part);
  }
  if (pkg.startsWith("-")) return { error: `A git repository address must not start with "-" ("${pkg}").`, unsupported: false };
  const url = passThrough.length > 0 ? `${pkg}?${passThrough.join("&")}` : pkg;
  return withSubdir(subdir, (s) => ({ kind: "git", url, ...(ref !== undefined ? { ref } : {}), ...(depth !== undefined ? { depth } : {}), subdir: s }));
}

/** A query key or value as Go's url.ParseQuery reads it ("+" is a space); undefined for a bad %-escape. */
function decodeQueryPart(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}

/** Splits `pkg//subdir`, looking for "//" from offset on. */
function splitSubdir(s: string, from: number): { pkg: string; subdir?: string } {
  const i = s.indexOf("//", from);
  if (i < 0) return { pkg: s };
  return { pkg: s.slice(0, i), subdir: s.slice(i + 2) };
}

function withSubdir(subdir: string | undefined, make: (subdir: string) => ModuleSource): SourceParse {
  if (subdir === undefined || subdir === "") return { source: make("") };
  const norm = posix.normalize(subdir).replace(/\/+$/, "");
  if (norm.startsWith("/") || norm === ".." || norm.startsWith("../")) {
    return { error: `The subdirectory "${subdir}" must stay inside the module package.`, unsupported: false };
  }
  return { source: make(norm === "." ? "" : norm) };
}

function unsupportedDetail(raw: string): string {
  let why: string;
  if (/^(github\.com|bitbucket\.org)\//.test(raw) || /^git@[^:]+:/.test(raw)) {
    const https = raw.startsWith("git@") ? `https://${raw.slice(4).replace(":", "/")}` : `https://${raw}`;
    why = `"${raw}" is a git hosting shorthand, which Cairn does not expand: write "git::${https}" (or a "git::ssh://" URL) instead.`;
  } else if (/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/.test(raw) || /^[a-z0-9-]+(\.[a-z0-9-]+)+\/[^/]+\/[^/]+\/[^/]+$/i.test(raw)) {
    why = `"${raw}" looks like a module registry address; Cairn does not install modules from registries.`;
  } else if (/^[a-z0-9]+::/i.test(raw) || /^[a-z0-9+.-]+:\/\//i.test(raw)) {
    why = `"${raw}" uses a download protocol Cairn does not support.`;
  } else {
    why = `"${raw}" is not a local path (those start with "./" or "../"), a git source or an archive.`;
  }
  return `${why} ${supportedSummary}`;
}
