// Whole pack files kept in memory while a command runs. Reading an object by opening its pack costs three
// system calls; an audit or a diff of a large state reads thousands of objects from the same few packs, and a
// long history has a pack per version whose index is read anyway. Packs never change under a name (their name
// is their content's digest), so a cached pack stays right until it is deleted. The budget bounds memory
// however large the history: the oldest packs are dropped first, and a pack larger than a quarter of the
// budget is never kept (its objects are read one by one).

export class PackCache {
  private readonly packs = new Map<string, Buffer>();
  private bytes = 0;

  constructor(readonly budget: number) {}

  get(name: string): Buffer | undefined {
    return this.packs.get(name);
  }

  fits(size: number): boolean {
    return size <= this.budget / 4;
  }

  put(name: string, data: Buffer): void {
    if (!this.fits(data.length)) return;
    this.delete(name);
    this.packs.set(name, data);
    this.bytes += data.length;
    for (const oldest of this.packs.keys()) {
      if (this.bytes <= this.budget) break;
      this.delete(oldest);
    }
  }

  delete(name: string): void {
    const d = this.packs.get(name);
    if (!d) return;
    this.packs.delete(name);
    this.bytes -= d.length;
  }

  clear(): void {
    this.packs.clear();
    this.bytes = 0;
  }
}
