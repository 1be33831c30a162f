// Child process for the kill -9 test: writes ConfigMaps one by one and acknowledges each on stdout only after
// the store returned (i.e. after the transaction committed).
import { Store } from "../../../cluster/store/index.js";

const dir = process.argv[2]!;
const count = Number(process.argv[3] ?? "100000");
const store = Store.open(dir);
process.stdout.write("ready\n");
for (let i = 0; i < count; i++) {
  const name = `cm-${i}`;
  store.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data: { i: String(i) } } as never);
  if (i % 7 === 0 && i > 0) {
    const prev = store.peek("ConfigMap", "default", `cm-${i - 1}`)!;
    store.update({ ...prev, metadata: { ...prev.metadata }, data: { i: `${i - 1}-updated` } } as never);
  }
  process.stdout.write(`ack ${name}\n`);
}
store.close();
