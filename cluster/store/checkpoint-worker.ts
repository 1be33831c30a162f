// The checkpointer's thread (see checkpointer.ts): its own connection to the database, copying committed WAL
// frames into the database file (and syncing it) when told to, so that the fsyncs wait here and never on the
// thread that answers requests. A passive checkpoint blocks no reader or writer.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

interface Setup {
  file: string;
  /** [0] = 1 while a checkpoint is asked for or running; [1] = 1 once this connection is closed. */
  flags: Int32Array;
}

const { file, flags } = workerData as Setup;
const db = new Database(file, { fileMustExist: true });
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");

parentPort!.on("message", (msg: "checkpoint" | "stop") => {
  if (msg === "stop") {
    db.close();
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
    process.exit(0);
  }
  try {
    checkpoint.run();
  } catch {
    // SQLITE_BUSY (another connection's checkpoint is running) or a full disk: the frames stay in the WAL,
    // which remains valid; the next request tries again, and a storage failure surfaces at the next commit.
  }
  Atomics.store(flags, 0, 0);
});
