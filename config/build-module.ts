// Decoding the files of one module directory into a ConfigModule: each file's top-level blocks are decoded
// in file order and added to the module, which reports duplicate declarations with the location of the
// first one (Terraform's Module.appendFile).

import { Provider } from "../addrs/index.js";
import type { ContentBlock, SyntaxBody } from "../lang/body.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import { decodeCheck, decodeImport, decodeMoved, decodeRemoved } from "./decode-moves.js";
import { decodeModuleCall } from "./decode-module-call.js";
import { decodeLocals, decodeOutput, decodeVariable } from "./decode-named-values.js";
import { decodeResource, impliedProviderLocalName } from "./decode-resource.js";
import { decodeProviderBlock, decodeTerraformBlock } from "./decode-terraform.js";
import type {
  Backend,
  Check,
  ConfigModule,
  Import,
  Local,
  ModuleCall,
  Moved,
  Output,
  ProviderConfig,
  Removed,
  RequiredProvider,
  Resource,
  Variable,
  VersionConstraint,
} from "./model.js";
import { rangeText } from "./names.js";
import { fileSchema } from "./schemas.js";

export interface SourceFile {
  readonly filename: string;
  readonly body: SyntaxBody;
}

class ModuleBuilder {
  readonly requiredVersions: VersionConstraint[] = [];
  readonly requiredProviders = new Map<string, RequiredProvider>();
  backend: Backend | undefined;
  encryption: ContentBlock | undefined;
  readonly providerConfigs = new Map<string, ProviderConfig>();
  readonly variables = new Map<string, Variable>();
  readonly locals = new Map<string, Local>();
  readonly outputs = new Map<string, Output>();
  readonly moduleCalls = new Map<string, ModuleCall>();
  readonly managedResources = new Map<string, Resource>();
  readonly dataResources = new Map<string, Resource>();
  readonly moved: Moved[] = [];
  readonly imports: Import[] = [];
  readonly removed: Removed[] = [];
  readonly checks = new Map<string, Check>();

  constructor(readonly diags: Diagnostic[]) {}

  /** Adds to a name-keyed map unless taken; reports the duplicate otherwise. */
  private add<T extends { declRange: import("../lang/pos.js").Range }>(
    map: Map<string, T>,
    key: string,
    item: T,
    dup: (prev: T) => [string, string],
  ): void {
    const prev = map.get(key);
    if (prev === undefined) {
      map.set(key, item);
      return;
    }
    const [summary, detail] = dup(prev);
    this.diags.push(errorDiag(summary, detail, item.declRange));
  }

  addFile(file: SourceFile): void {
    const diags = this.diags;
    const { content, diags: d } = file.body.content(fileSchema);
    diags.push(...d);
    // An indexed loop: in code V8 has not optimised yet, for-of makes an object per step.
    const blocks = content.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      switch (block.type) {
        case "terraform": {
          const tb = decodeTerraformBlock(block, diags);
          this.requiredVersions.push(...tb.requiredVersions);
          for (const rp of tb.requiredProviders) {
            const prev = this.requiredProviders.get(rp.name);
            if (prev !== undefined) {
              diags.push(
                errorDiag(
                  "Duplicate required provider",
                  `Provider ${rp.name} was already required at ${rangeText(prev.declRange)}.`,
                  rp.declRange,
                ),
              );
              continue;
            }
            this.requiredProviders.set(rp.name, rp);
          }
          for (const b of tb.backends) {
            if (this.backend !== undefined) {
              diags.push(
                errorDiag(
                  "Duplicate backend configuration",
                  `A module may have only one backend configuration. The backend was previously configured at ${rangeText(this.backend.declRange)}.`,
                  b.declRange,
                ),
              );
              continue;
            }
            this.backend = b;
          }
          for (const e of tb.encryption) {
            if (this.encryption !== undefined) {
              diags.push(
                errorDiag(
                  "Duplicate encryption configuration",
                  `A module may have only one encryption block. It was previously configured at ${rangeText(this.encryption.defRange)}.`,
                  e.defRange,
                ),
              );
              continue;
            }
            this.encryption = e;
          }
          break;
        }
        case "provider": {
          const p = decodeProviderBlock(block, diags);
          const key = p.alias === "" ? p.name : `${p.name}.${p.alias}`;
          this.add(this.providerConfigs, key, p, (prev) => [
            "Duplicate provider configuration",
            prev.alias === ""
              ? `A default (non-aliased) provider configuration for "${prev.name}" was already given at ${rangeText(prev.declRange)}. If multiple configurations are required, set the "alias" argument for alternative configurations.`
              : `A provider configuration for "${prev.name}" with alias "${prev.alias}" was already given at ${rangeText(prev.declRange)}. Each configuration for the same provider must have a distinct alias.`,
          ]);
          break;
        }
        case "variable": {
          const v = decodeVariable(block, diags);
          this.add(this.variables, v.name, v, (prev) => [
            "Duplicate variable declaration",
            `A variable named "${v.name}" was already declared at ${rangeText(prev.declRange)}. Variable names must be unique within a module.`,
          ]);
          break;
        }
        case "ephemeral": {
          // No provider Cairn has offers ephemeral resources (Terraform's answer for a provider without them).
          const type = block.labels[0]!;
          diags.push(
            errorDiag(
              "Invalid ephemeral resource",
              `The provider ${Provider.implied(impliedProviderLocalName(type)).toString()} does not support ephemeral resource ${JSON.stringify(type)}.`,
              block.labelRanges[0],
            ),
          );
          break;
        }
        case "locals":
          for (const l of decodeLocals(block.body, diags)) {
            this.add(this.locals, l.name, l, (prev) => [
              "Duplicate local value definition",
              `A local value named "${l.name}" was already defined at ${rangeText(prev.declRange)}. Local value names must be unique within a module.`,
            ]);
          }
          break;
        case "output": {
          const o = decodeOutput(block, diags);
          this.add(this.outputs, o.name, o, (prev) => [
            "Duplicate output definition",
            `An output named "${o.name}" was already defined at ${rangeText(prev.declRange)}. Output names must be unique within a module.`,
          ]);
          break;
        }
        case "module": {
          const m = decodeModuleCall(block, diags);
          this.add(this.moduleCalls, m.name, m, (prev) => [
            "Duplicate module call",
            `A module call named "${m.name}" was already defined at ${rangeText(prev.declRange)}. Module calls must have unique names within a module.`,
          ]);
          break;
        }
        case "resource":
        case "data": {
          const r = decodeResource(block, block.type === "data" ? "data" : "managed", diags);
          const map = r.mode === "data" ? this.dataResources : this.managedResources;
          const prev = map.get(r.addr.key());
          // Not through add(): no message closure per block, for the commonest block of all.
          if (prev === undefined) map.set(r.addr.key(), r);
          else diags.push(errorDiag(...duplicateResource(prev, r), r.declRange));
          break;
        }
        case "moved": {
          const m = decodeMoved(block, diags);
          if (m !== undefined) this.moved.push(m);
          break;
        }
        case "import": {
          const i = decodeImport(block, diags);
          if (i !== undefined) this.imports.push(i);
          break;
        }
        case "removed": {
          const r = decodeRemoved(block, diags);
          if (r !== undefined) this.removed.push(r);
          break;
        }
        case "check": {
          const c = decodeCheck(block, diags);
          this.add(this.checks, c.name, c, (prev) => [
            `Duplicate check "${c.name}" configuration`,
            `A check block named "${c.name}" was already declared at ${rangeText(prev.declRange)}. Check blocks must be unique within each module.`,
          ]);
          if (c.dataResource !== undefined) {
            const r = c.dataResource;
            this.add(this.dataResources, r.addr.key(), r, (prev) => [
              `Duplicate data "${r.type}" configuration`,
              `A ${r.type} data resource named "${r.name}" was already declared at ${rangeText(prev.declRange)}. Resource names must be unique per type in each module, including within check blocks.`,
            ]);
          }
          break;
        }
      }
    }
  }

  /** The provider each resource belongs to, now that every required_providers entry is known. */
  private provider(localName: string): Provider {
    return this.requiredProviders.get(localName)?.provider ?? Provider.implied(localName);
  }

  build(sourceDir: string, primaryFiles: readonly string[], overrideFiles: readonly string[]): ConfigModule {
    // In place (the builder is done with its maps): decoding assumed the implied provider, which most resources
    // keep; only the others are replaced, by a copy with the resolved provider.
    const resolve = (m: Map<string, Resource>): Map<string, Resource> => {
      m.forEach((r, k) => {
        const provider = this.provider(r.providerConfigRef?.name ?? impliedProviderLocalName(r.type));
        if (!provider.equals(r.provider)) m.set(k, { ...r, provider });
      });
      return m;
    };
    return {
      sourceDir,
      primaryFiles,
      overrideFiles,
      requiredVersions: this.requiredVersions,
      requiredProviders: this.requiredProviders,
      ...(this.backend !== undefined ? { backend: this.backend } : {}),
      ...(this.encryption !== undefined ? { encryption: this.encryption } : {}),
      providerConfigs: this.providerConfigs,
      variables: this.variables,
      locals: this.locals,
      outputs: this.outputs,
      moduleCalls: this.moduleCalls,
      managedResources: resolve(this.managedResources),
      dataResources: resolve(this.dataResources),
      moved: this.moved,
      imports: this.imports,
      removed: this.removed,
      checks: this.checks,
    };
  }
}

function duplicateResource(prev: Resource, r: Resource): [string, string] {
  return [
    `Duplicate ${r.mode === "data" ? "data" : "resource"} "${r.type}" configuration`,
    `A ${r.type} ${r.mode === "data" ? "data " : ""}resource named "${r.name}" was already declared at ${rangeText(prev.declRange)}. Resource names must be unique per type in each module.`,
  ];
}

/** Decodes already-parsed files (in the order given) into one module. */
export function buildModule(sourceDir: string, files: readonly SourceFile[], overrideFiles: readonly string[] = []): { module: ConfigModule; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const b = new ModuleBuilder(diags);
  for (const f of files) b.addFile(f);
  return { module: b.build(sourceDir, files.map((f) => f.filename), overrideFiles), diags };
}
