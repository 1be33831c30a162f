// The addresses written in `moved` and `removed` blocks, relative to the module containing the block.
// A moved endpoint is a module call (instance) or a resource (instance); a removed endpoint is a module or a
// resource without instance keys.

import { type Diagnostic, errorDiag, hasErrors } from "../lang/diagnostics.js";
import type { Range } from "../lang/pos.js";
import type { Traversal } from "../lang/syntax/ast.js";
import type { Module, ModuleInstance } from "./module.js";
import { parseModuleInstancePrefix, parseModulePrefix } from "./parse-module.js";
import { parseResourceInstanceUnderModule, parseResourceUnderModule } from "./parse-target.js";
import type { AbsResourceInstance, ConfigResource } from "./resource.js";
import { traversalRange } from "./traversal-parse.js";

/** What `moved` and `removed` endpoints share: a module or resource subject, with the range it was written at. */
abstract class Endpoint<S extends { key(): string; toString(): string }> {
  constructor(
    readonly subject: S,
    readonly range: Range,
  ) {
    Object.freeze(this);
  }
  protected abstract kindName(): string;
  isModule(): boolean {
    return !("resource" in this.subject);
  }
  toString(): string {
    return this.subject.toString();
  }
  key(): string {
    return `${this.kindName()}:${this.subject.toString()}`;
  }
  equals(o: Endpoint<S>): boolean {
    return this.subject.key() === o.subject.key();
  }
}

/** A `moved` endpoint, relative to the module that declares the `moved` block. */
export class MoveEndpoint extends Endpoint<ModuleInstance | AbsResourceInstance> {
  protected kindName(): string {
    return "MoveEndpoint";
  }
}

export function parseMoveEndpoint(traversal: Traversal): { endpoint?: MoveEndpoint; diags: Diagnostic[] } {
  const prefix = parseModuleInstancePrefix(traversal);
  if (hasErrors(prefix.diags)) return { diags: prefix.diags };
  const range = traversalRange(traversal);
  if (prefix.remain.length === 0) return { endpoint: new MoveEndpoint(prefix.module, range), diags: prefix.diags };
  const ri = parseResourceInstanceUnderModule(prefix.module, prefix.remain);
  const diags = [...prefix.diags, ...ri.diags];
  if (ri.addr === undefined) return { diags };
  return { endpoint: new MoveEndpoint(ri.addr, range), diags };
}

export class RemoveEndpoint extends Endpoint<Module | ConfigResource> {
  protected kindName(): string {
    return "RemoveEndpoint";
  }
}

export function parseRemoveEndpoint(traversal: Traversal): { endpoint?: RemoveEndpoint; diags: Diagnostic[] } {
  const prefix = parseModulePrefix(traversal);
  if (hasErrors(prefix.diags)) return { diags: prefix.diags };
  const range = traversalRange(traversal);
  if (prefix.remain.length === 0) return { endpoint: new RemoveEndpoint(prefix.module, range), diags: prefix.diags };
  const r = parseResourceUnderModule(prefix.module, prefix.remain);
  const diags = [...prefix.diags, ...r.diags];
  if (r.addr === undefined) return { diags };
  if (r.addr.resource.mode === "data") {
    diags.push(
      errorDiag(
        "Data source address is not allowed",
        "Data sources cannot be destroyed, and therefore, 'removed' blocks are not allowed to target them. To remove data sources from the state, you should remove the data source block from the configuration.",
        range,
      ),
    );
    return { diags };
  }
  return { endpoint: new RemoveEndpoint(r.addr, range), diags };
}
