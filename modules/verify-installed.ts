// The RemoteResolver of every command but init: a git or archive module must already be installed in
// `.cairn/modules/<key>`, from the source the configuration names now, with exactly the content the lock
// file recorded. Anything else stops the command, naming the module, before it can plan with code nobody
// reviewed (the point of hashicorp/terraform#31301).

import { existsSync } from "node:fs";
import { join, posix } from "node:path";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Range } from "../lang/pos.js";
import { hashModulePackage } from "./content-hash.js";
import { LOCK_FILE_NAME, type LockFile } from "./lock-file.js";
import { notInstalled, sourceChanged } from "./messages.js";
import { INSTALL_DIR, type RemoteResolver } from "./walk-tree.js";

export function verifyingResolver(rootAbs: string, lock: LockFile): RemoteResolver {
  return {
    resolve(req) {
      const displayRoot = posix.join(INSTALL_DIR, req.key);
      const diskRoot = join(rootAbs, INSTALL_DIR, req.key);
      const locked = lock.modules.get(req.key);
      if (locked === undefined || !existsSync(diskRoot)) return { diags: [notInstalled(req.call)] };
      if (locked.source !== req.call.sourceAddr) return { diags: [sourceChanged(req.call)] };
      const hash = hashModulePackage(diskRoot);
      if (hash !== locked.hash) return { diags: [lockMismatch(req.key, req.call.sourceAddr, displayRoot, hash, locked.hash, req.call.sourceAddrRange)] };
      return { pkg: { installKey: req.key, address: req.address, displayRoot, diskRoot } };
    },
  };
}

/** The installed copy of a module differs from what the lock file recorded. */
export function lockMismatch(key: string, source: string, dir: string, got: string, want: string, subject: Range): Diagnostic {
  return errorDiag(
    "Module does not match the dependency lock file",
    `The files of ${moduleAddr(key)} in ${dir} have the content hash ${got}, but ${LOCK_FILE_NAME} records ${want} for them: the module changed after "cairn init" installed it. Cairn will not run with module code that differs from what was locked. Run "cairn init -upgrade" to download "${source}" again and lock its current content.`,
    subject,
  );
}

/** `web.db` → `module.web.module.db`. */
export function moduleAddr(key: string): string {
  return key
    .split(".")
    .map((n) => `module.${n}`)
    .join(".");
}
