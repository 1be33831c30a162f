// The state edits `cairn import` makes: one current object put at an instance address.

import type { AbsResourceInstance } from "../../../addrs/index.js";
import type { InstanceState, StateFile } from "../../../state/model.js";
import { putInstance } from "./edit-state.js";

export { findInstance, instanceAddr } from "./addresses.js";

export function putInstanceObject(state: StateFile, addr: AbsResourceInstance, object: InstanceState, provider: string): void {
  putInstance(state, addr, [object], provider);
}
