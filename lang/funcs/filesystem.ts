// Filesystem functions, relative to the module directory (baseDir) as Terraform resolves them:
// abspath basename dirname pathexpand file fileexists fileset filebase64 (hashes of files: crypto.ts,
// templatefile: template.ts). Paths follow Go's path/filepath rules, not node's.

import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, posix } from "node:path";
import { BoolType, StringType, setOf } from "../values/types.js";
import { False, True, Value, setValEmpty, stringVal, unknownVal, type Marks } from "../values/value.js";
import { canonicalSetElements } from "../values/set.js";
import type { FunctionSpec } from "./function.js";
import { argError, callError, goQuote, param, staticSpec } from "./helpers.js";
import { decodeUTF8 } from "./encoding.js";
import { GlobSyntaxError, globFiles } from "./glob.js";

/** Go's filepath.Clean for "/"-separated paths. */
export function goClean(p: string): string {
  if (p === "") return ".";
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith("/") ? n.slice(0, -1) : n;
}

function goBase(p: string): string {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function goDir(p: string): string {
  const i = p.lastIndexOf("/");
  return goClean(p.slice(0, i + 1));
}

/** mitchellh/go-homedir's Expand. */
export function expandHome(p: string): string {
  if (!p.startsWith("~")) return p;
  if (p.length > 1 && p[1] !== "/" && p[1] !== "\\") callError("failed to expand ~: cannot expand user-specific home dir");
  const home = process.env["HOME"];
  if (!home) callError("failed to expand ~: $HOME is not defined");
  return join(home, p.slice(1));
}

export function resolvePath(baseDir: string, p: string): string {
  const expanded = expandHome(p);
  return goClean(isAbsolute(expanded) ? expanded : join(baseDir, expanded));
}

function isSensitive(marks: Marks): boolean {
  return marks.has("sensitive");
}

function shown(path: string, marks: Marks): string {
  return isSensitive(marks) ? "(sensitive value)" : goQuote(path);
}

/**
 * The bytes of a file, with Terraform's errors for a missing file: an argument error for file, filebase64
 * and templatefile, a call error for the hashing functions (`missing: "call"`), as Terraform's are.
 */
export function readFileBytes(baseDir: string, path: string, marks: Marks, missing: "argument" | "call" = "argument"): Buffer {
  const full = resolvePath(baseDir, path);
  try {
    return readFileSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      const message = `no file exists at ${shown(path, marks)}; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource`;
      if (missing === "argument") argError(0, message);
      callError(message);
    }
    if (code === "EISDIR") callError(`failed to read file: read ${full}: is a directory`);
    return callError(`failed to read file: ${(e as Error).message}`);
  }
}

const markedPath = param("path", StringType, { allowMarked: true, allowUnknown: true });

function fileReader(baseDir: string, encodeBase64: boolean): FunctionSpec {
  // The last file read, with its result: `count = 1000` instances each calling file() on the same 683 KiB
  // file (opentofu #1660) then share one string instead of holding 1,000 copies. The file is still read
  // every time, so a file that changed gives its new contents.
  let last: { bytes: Buffer; value: Value } | undefined;
  return {
    params: [markedPath],
    returnType: () => StringType,
    impl: (args) => {
      const marks = args[0]!.marks;
      const p = args[0]!.unmark();
      if (!p.isKnown()) return unknownVal(StringType).withMarks(marks);
      const bytes = readFileBytes(baseDir, p.asString(), marks);
      if (last !== undefined && last.bytes.equals(bytes)) return last.value.withMarks(marks);
      const value = readFileValue(bytes, p, marks, encodeBase64);
      if (bytes.length >= 4096) last = { bytes, value };
      return value.withMarks(marks);
    },
  };
}

function readFileValue(bytes: Buffer, p: Value, marks: Marks, encodeBase64: boolean): Value {
  if (encodeBase64) return stringVal(bytes.toString("base64"));
  const text = decodeUTF8(bytes);
  if (text === undefined) {
    callError(
      `contents of ${shown(p.asString(), marks)} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
    );
  }
  return stringVal(text);
}

function fileexists(baseDir: string): FunctionSpec {
  return {
    params: [markedPath],
    returnType: () => BoolType,
    impl: (args) => {
      const marks = args[0]!.marks;
      const p = args[0]!.unmark();
      if (!p.isKnown()) return unknownVal(BoolType).withMarks(marks);
      const full = resolvePath(baseDir, p.asString());
      let st;
      try {
        st = statSync(full);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") {
          return False.withMarks(marks);
        }
        return callError(`failed to stat ${shown(full, marks)}`);
      }
      if (st.isFile()) return True.withMarks(marks);
      const name = shown(full, marks);
      // Terraform reports these against argument index 1 of a one-parameter function, which HCL then
      // shows as a general call error; argIndex 1 reproduces that.
      if (st.isDirectory()) argError(1, `${name} is a directory, not a file`);
      if (st.isCharacterDevice() || st.isBlockDevice()) argError(1, `${name} is a device node, not a regular file`);
      if (st.isFIFO()) argError(1, `${name} is a named pipe, not a regular file`);
      if (st.isSocket()) argError(1, `${name} is a unix domain socket, not a regular file`);
      return argError(1, `${name} is not a regular file`);
    },
  };
}

function fileset(baseDir: string): FunctionSpec {
  return {
    params: [markedPath, param("pattern", StringType, { allowMarked: true, allowUnknown: true })],
    returnType: () => setOf(StringType),
    impl: (args, ret) => {
      const marks = new Set([...args[0]!.marks, ...args[1]!.marks]);
      const p = args[0]!.unmark();
      const pat = args[1]!.unmark();
      if (!p.isKnown() || !pat.isKnown()) return unknownVal(ret).withMarks(marks);
      const root = goClean(isAbsolute(p.asString()) ? p.asString() : join(baseDir, p.asString()));
      let matches: string[];
      try {
        matches = globFiles(root, pat.asString());
      } catch (e) {
        if (e instanceof GlobSyntaxError) {
          callError(`failed to glob pattern ${shown(goClean(join(root, pat.asString())), marks)}: ${e.message}`);
        }
        throw e;
      }
      if (matches.length === 0) return setValEmpty(StringType).withMarks(marks);
      return new Value(ret, canonicalSetElements(matches.map((m) => stringVal(m)), StringType)).withMarks(marks);
    },
  };
}

const pathParam = param("path", StringType);

export function filesystemFunctions(baseDir: string): ReadonlyMap<string, FunctionSpec> {
  return new Map<string, FunctionSpec>([
    [
      "abspath",
      staticSpec([pathParam], StringType, (a) => stringVal(goClean(posix.resolve(process.cwd(), a[0]!.asString())))),
    ],
    ["basename", staticSpec([pathParam], StringType, (a) => stringVal(goBase(a[0]!.asString())))],
    ["dirname", staticSpec([pathParam], StringType, (a) => stringVal(goDir(a[0]!.asString())))],
    ["pathexpand", staticSpec([pathParam], StringType, (a) => stringVal(expandHome(a[0]!.asString())))],
    ["file", fileReader(baseDir, false)],
    ["filebase64", fileReader(baseDir, true)],
    ["fileexists", fileexists(baseDir)],
    ["fileset", fileset(baseDir)],
  ]);
}
