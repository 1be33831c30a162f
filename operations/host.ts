// Where an operation runs: the working directory (after -chdir) and the environment. Every path an operation
// reads or writes is resolved against cwd; nothing in Cairn changes the process's working directory.

export interface Host {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}
