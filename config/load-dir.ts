// Loading a module directory: every `*.tf` and `*.tf.json` file, in lexical order, parsed with the matching
// syntax, decoded into one module, then statically validated (references to undeclared objects).
// Override files (`*_override.tf`, `override.tf`) are recognised and reported as not yet supported instead
// of being silently treated as primary files, which would give misleading duplicate errors.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import { parseJSONConfig } from "../lang/json/index.js";
import type { Body } from "../lang/syntax/ast.js";
import { nativeBody } from "../lang/syntax/native-body.js";
import { parseConfig } from "../lang/syntax/parser.js";
import { type SourceFile, buildModule } from "./build-module.js";
import type { ConfigModule } from "./model.js";
import { validateReferences } from "./validate-references.js";

export interface LoadedModule {
  readonly module: ConfigModule;
  /** The native-syntax ASTs by filename, for tools that need the raw syntax (formatter, reference walk). */
  readonly nativeBodies: ReadonlyMap<string, Body>;
  readonly diags: Diagnostic[];
}

export interface LoadModuleOptions {
  /**
   * Check references (undeclared names, `count.index` out of place; default true). Terraform reports them
   * from its validate walk, so `init`, which does not walk, neither reports them nor pays for the check.
   */
  readonly references?: boolean;
  /**
   * Parse the expressions that cannot hold a syntax error only when something reads them (default false):
   * `init` reads a resource's meta-arguments and none of its other arguments. Diagnostics are unchanged.
   */
  readonly deferExpressions?: boolean;
}

function isOverride(name: string): boolean {
  const stem = name.endsWith(".tf.json") ? name.slice(0, -8) : name.slice(0, -3);
  return stem === "override" || stem.endsWith("_override");
}

export function configFileNames(dir: string): { primary: string[]; override: string[] } {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && (e.name.endsWith(".tf") || e.name.endsWith(".tf.json")))
    // Editor swap and backup files are ignored, as Terraform does.
    .filter((e) => !e.name.startsWith(".") && !e.name.startsWith("#") && !e.name.endsWith("~"))
    .map((e) => e.name)
    .sort();
  return { primary: names.filter((n) => !isOverride(n)), override: names.filter(isOverride) };
}

/**
 * Loads and validates the module in dir. Filenames in ranges are relative to dir's parent call site: dir/name.
 * readDir, when given, is where the files are actually read from while ranges still name them dir/name (the
 * module tree loads `modules/x` of a root directory that is not the process's working directory).
 */
export function loadModuleDir(dir: string, readDir: string = dir, opts: LoadModuleOptions = {}): LoadedModule {
  const diags: Diagnostic[] = [];
  const { primary, override } = configFileNames(readDir);
  const files: SourceFile[] = [];
  const nativeBodies = new Map<string, Body>();
  for (const name of primary) {
    const filename = join(dir, name);
    const src = readFileSync(join(readDir, name));
    if (name.endsWith(".tf.json")) {
      const r = parseJSONConfig(src, filename);
      diags.push(...r.diags);
      files.push({ filename, body: r.body });
    } else {
      const r = parseConfig(src, filename, undefined, { deferExpressions: opts.deferExpressions === true });
      diags.push(...r.diags);
      nativeBodies.set(filename, r.file.body);
      files.push({ filename, body: nativeBody(r.file.body) });
    }
  }
  for (const name of override) {
    diags.push(
      errorDiag(
        "Override files are not supported",
        `Cairn does not yet merge override files; ${name} was not loaded. Move its content into a primary configuration file.`,
      ),
    );
  }
  const built = buildModule(dir, files, override.map((n) => join(dir, n)));
  diags.push(...built.diags);
  if (opts.references !== false) diags.push(...validateReferences(built.module, nativeBodies));
  return { module: built.module, nativeBodies, diags };
}
