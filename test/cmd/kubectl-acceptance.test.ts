// Acceptance: the real kubectl against `cairn cluster serve` over TLS with the kubeconfig `cairn cluster
// kubeconfig` writes, through the everyday workflows (issue 13). Every step is asserted on kubectl's output.
// Skipped, saying why, when kubectl is not installed (.ci/run installs it).
import assert from "node:assert/strict";
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir } from "../providers/cluster/support.js";

const KUBECTL = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0 ? "kubectl" : undefined;
const FIXTURES = fileURLToPath(new URL("../../../test/cmd/fixtures/kubectl/", import.meta.url));
const CAIRN = join(process.cwd(), "bin", "cairn");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe("kubectl against a served cluster core", { skip: KUBECTL ? false : "kubectl is not on the PATH (.ci/run installs Debian's kubectl package): this acceptance test did not run" }, () => {
  const tmp = tempDir("cairn-kubectl-");
  const kubeconfig = join(tmp.dir, "kubeconfig.yaml");
  let server: ChildProcess | undefined;

  function kubectl(args: string[], timeoutMs = 60_000): Promise<Run> {
    return new Promise((resolve) => {
      execFile("kubectl", ["--kubeconfig", kubeconfig, ...args], { timeout: timeoutMs, env: { ...process.env, KUBECONFIG: "" } }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }
  async function ok(args: string[], pattern: RegExp): Promise<string> {
    const r = await kubectl(args);
    assert.equal(r.code, 0, `kubectl ${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stdout, pattern, `kubectl ${args.join(" ")}`);
    return r.stdout;
  }
  async function eventually(args: string[], pattern: RegExp): Promise<string> {
    let last = "";
    for (let i = 0; i < 100; i++) {
      const r = await kubectl(args);
      last = r.stdout + r.stderr;
      if (r.code === 0 && pattern.test(r.stdout)) return r.stdout;
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.fail(`kubectl ${args.join(" ")} never matched ${pattern}: ${last}`);
  }

  before(async () => {
    server = spawn(process.execPath, [CAIRN, "cluster", "serve", "-port", "0", "-data-dir", "core"], { cwd: tmp.dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    server.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    for (let i = 0; i < 400 && !/Press Ctrl-C/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /serving at https:\/\/127\.0\.0\.1:\d+ \(TLS\)/);
    const written = spawnSync(process.execPath, [CAIRN, "cluster", "kubeconfig", "-data-dir", "core", "-out", kubeconfig], { cwd: tmp.dir, encoding: "utf8" });
    assert.equal(written.status, 0, written.stderr);
    assert.equal(statSync(kubeconfig).mode & 0o777, 0o600);
  });

  after(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    tmp.remove();
  });

  it("creates, applies with server-side validation, and rolls out", async () => {
    await ok(["create", "-f", join(FIXTURES, "nodes.yaml")], /node\/n1 created\nnode\/n2 created/);
    await ok(["create", "namespace", "team"], /namespace\/team created/);
    await ok(["create", "configmap", "settings", "-n", "team", "--from-literal=mode=fast"], /configmap\/settings created/);
    await ok(["create", "secret", "generic", "creds", "-n", "team", "--from-literal=password=s3cret"], /secret\/creds created/);
    await ok(["create", "deployment", "web", "-n", "team", "--image=registry.example/web:1", "--replicas=2"], /deployment.apps\/web created/);
    await ok(["apply", "-f", join(FIXTURES, "app.yaml")], /deployment.apps\/api created\nservice\/api created\npoddisruptionbudget.policy\/api created/);
    await ok(["apply", "-f", join(FIXTURES, "app.yaml")], /deployment.apps\/api unchanged/);
    await ok(["apply", "-f", join(FIXTURES, "more-kinds.yaml")], /statefulset.apps\/db created\ndaemonset.apps\/agent created\npersistentvolume\/pv1 created\npersistentvolumeclaim\/claim1 created/);
    const typo = await kubectl(["apply", "-f", join(FIXTURES, "unknown-field.yaml")]);
    assert.notEqual(typo.code, 0);
    assert.match(typo.stderr, /strict decoding error: unknown field "dta"/);
    await ok(["rollout", "status", "deployment/web", "-n", "team", "--timeout=30s"], /deployment "web" successfully rolled out/);
    await ok(["rollout", "status", "deployment/api", "-n", "team", "--timeout=30s"], /deployment "api" successfully rolled out/);
  });

  it("gets every served kind with -o wide columns", async () => {
    const cases: [string[], RegExp][] = [
      [["pods", "-n", "team"], /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n(.*\n)*web-\S+\s+1\/1\s+Running\s+0\s+\S+\s+10\.\S+\s+n[12]\s/],
      [["nodes"], /NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME\nn1\s+Ready\s+<none>\s+\S+\s+10\.0\.0\.1/],
      [["deployments", "-n", "team"], /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\n(.*\n)*web\s+2\/2\s+2\s+2\s+\S+\s+web\s+registry.example\/web:1\s+app=web/],
      [["statefulsets", "-n", "team"], /NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\ndb\s+\d\/1/],
      [["daemonsets", "-n", "team"], /NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nagent\s+2\s/],
      [["namespaces"], /NAME\s+STATUS\s+AGE\n(.*\n)*team\s+Active/],
      [["configmaps", "-n", "team"], /NAME\s+DATA\s+AGE\n(.*\n)*settings\s+1\s/],
      [["secrets", "-n", "team"], /NAME\s+TYPE\s+DATA\s+AGE\ncreds\s+Opaque\s+1\s/],
      [["services", "-n", "team"], /NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR\napi\s+ClusterIP\s+\d+\.\S+\s+<none>\s+80\/TCP\s+\S+\s+app=api/],
      [["endpoints", "-n", "team"], /NAME\s+ENDPOINTS\s+AGE\napi\s+10\.\S+:8080/],
      [["persistentvolumes"], /NAME\s+CAPACITY\s+ACCESS MODES\s+RECLAIM POLICY\s+STATUS\s+CLAIM\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+REASON\s+AGE\s+VOLUMEMODE\npv1\s+1Gi\s+RWO/],
      [["persistentvolumeclaims", "-n", "team"], /NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE\s+VOLUMEMODE\nclaim1\s/],
      [["events", "-n", "team"], /LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME\n(.*\n)*.*Scheduled\s+pod\/web-/],
      [["poddisruptionbudgets", "-n", "team"], /NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\napi\s+1\s+N\/A\s+1\s/],
    ];
    for (const [args, pattern] of cases) await ok(["get", ...args, "-o", "wide"], pattern);
  });

  it("describes with events, explains, answers auth questions", async () => {
    const pods = await ok(["get", "pods", "-n", "team", "-l", "app=web", "-o", "name"], /pod\/web-/);
    const pod = pods.trim().split("\n")[0]!;
    await ok(["describe", "-n", "team", pod], /Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n(.*\n)*\s+Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned team\/web-\S+ to n[12]/);
    await ok(["describe", "configmap", "settings", "-n", "team"], /Name:\s+settings\n(.*\n)*mode:\n----\nfast/);
    await ok(["describe", "deployment", "web", "-n", "team"], /ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-[0-9a-f]+ from 0 to 2/);
    await ok(["explain", "deployment.spec.replicas"], /FIELD: replicas <integer>/);
    await ok(["explain", "pods.spec"], /containers\s+<\[\]Container>/);
    await ok(["auth", "can-i", "create", "pods"], /^yes$/m);
    await ok(["auth", "whoami"], /Username\s+cairn-admin/);
  });

  it("dry-runs on the server without storing anything", async () => {
    await ok(["apply", "--dry-run=server", "-f", join(FIXTURES, "dry-run.yaml")], /configmap\/only-a-dry-run created \(server dry run\)/);
    const got = await kubectl(["get", "configmap", "only-a-dry-run", "-n", "team"]);
    assert.notEqual(got.code, 0);
    assert.match(got.stderr, /configmaps "only-a-dry-run" not found/);
  });

  it("scales, sets the image, labels, and watches", async () => {
    await ok(["scale", "deployment", "web", "-n", "team", "--replicas=3"], /deployment.apps\/web scaled/);
    await eventually(["get", "deployment", "web", "-n", "team"], /web\s+3\/3\s+3\s+3/);
    await ok(["set", "image", "deployment/web", "-n", "team", "web=registry.example/web:2"], /deployment.apps\/web image updated/);
    await ok(["rollout", "status", "deployment/web", "-n", "team", "--timeout=30s"], /successfully rolled out/);
    await ok(["get", "deployment", "web", "-n", "team", "-o", "jsonpath={.spec.template.spec.containers[0].image}"], /^registry.example\/web:2$/);
    await ok(["rollout", "history", "deployment/web", "-n", "team"], /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    await ok(["rollout", "undo", "deployment/web", "-n", "team"], /deployment.apps\/web rolled back/);
    await ok(["rollout", "status", "deployment/web", "-n", "team", "--timeout=30s"], /successfully rolled out/);
    await ok(["get", "deployment", "web", "-n", "team", "-o", "jsonpath={.spec.template.spec.containers[0].image}"], /^registry.example\/web:1$/);
    // The rollback reused revision 1's ReplicaSet, which becomes revision 3.
    await ok(["rollout", "history", "deployment/web", "-n", "team"], /REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/);
    await ok(["label", "deployment", "web", "-n", "team", "tier=front"], /deployment.apps\/web labeled/);
    await ok(["get", "deployments", "-n", "team", "-l", "tier=front", "-o", "name"], /^deployment.apps\/web$/m);
    // A bounded watch: the current objects first, then kubectl is stopped.
    const watched = await kubectl(["get", "deployments", "-n", "team", "-w"], 3_000);
    assert.match(watched.stdout, /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n(.*\n)*web\s+3\/3/);
  });

  it("allocates node ports and refuses a taken one", async () => {
    await ok(["create", "service", "nodeport", "np", "-n", "team", "--tcp=80:8080"], /service\/np created/);
    const got = await ok(["get", "service", "np", "-n", "team"], /np\s+NodePort\s+\S+\s+<none>\s+80:3\d{4}\/TCP/);
    const port = /80:(\d+)\/TCP/.exec(got)![1]!;
    assert.ok(Number(port) >= 30000 && Number(port) <= 32767, port);
    const taken = await kubectl(["create", "service", "nodeport", "np2", "-n", "team", "--tcp=80:8080", `--node-port=${port}`]);
    assert.notEqual(taken.code, 0);
    assert.match(taken.stderr, new RegExp(`failed to create NodePort service: Service "np2" is invalid: spec.ports\\[0\\].nodePort: Invalid value: ${port}: provided port is already allocated`));
    await ok(["delete", "service", "np", "-n", "team"], /service "np" deleted/);
    await ok(["create", "service", "nodeport", "np2", "-n", "team", "--tcp=80:8080", `--node-port=${port}`], /service\/np2 created/);
  });

  it("counts a namespace's quota and refuses what exceeds it", async () => {
    await ok(["create", "namespace", "limited"], /namespace\/limited created/);
    await ok(["create", "quota", "small", "-n", "limited", "--hard=pods=1,configmaps=5"], /resourcequota\/small created/);
    await ok(["run", "one", "-n", "limited", "--image=registry.example/one:1"], /pod\/one created/);
    const refused = await kubectl(["run", "two", "-n", "limited", "--image=registry.example/two:1"]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /Error from server \(Forbidden\): pods "two" is forbidden: exceeded quota: small, requested: pods=1, used: pods=1, limited: pods=1/);
    await eventually(["get", "quota", "-n", "limited"], /NAME\s+AGE\s+REQUEST\s+LIMIT\nsmall\s+\S+\s+configmaps: [01]\/5, pods: 1\/1\s/);
    await ok(["describe", "quota", "small", "-n", "limited"], /Resource\s+Used\s+Hard\n-+\s+-+\s+-+\n(.*\n)*pods\s+1\s+1/);
    // Deleting the pod gives its share back (and leaves no bare pod for the drain below).
    await ok(["delete", "pod", "one", "-n", "limited"], /pod "one" deleted/);
    await eventually(["get", "quota", "small", "-n", "limited"], /small\s+\S+\s+configmaps: [01]\/5, pods: 0\/1\s/);
    await ok(["run", "two", "-n", "limited", "--image=registry.example/two:1", "--dry-run=server"], /pod\/two created \(server dry run\)/);
  });

  it("detects server-side apply conflicts between field managers and forces them", async () => {
    await ok(["apply", "--server-side", "-f", join(FIXTURES, "shared-config.yaml")], /configmap\/shared serverside-applied/);
    const conflict = await kubectl(["apply", "--server-side", "--field-manager=other", "-f", join(FIXTURES, "shared-config-other.yaml")]);
    assert.notEqual(conflict.code, 0);
    assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.data\.mode/);
    await ok(["get", "configmap", "shared", "-n", "team", "-o", "jsonpath={.data.mode}"], /^fast$/);
    await ok(["apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", join(FIXTURES, "shared-config-other.yaml")], /configmap\/shared serverside-applied/);
    await ok(["get", "configmap", "shared", "-n", "team", "-o", "jsonpath={.data.mode}"], /^slow$/);
    await ok(["get", "configmap", "shared", "-n", "team", "-o", "jsonpath={.metadata.managedFields[*].manager}"], /^other$/);
  });

  it("cordons and drains a node within the disruption budget, then deletes", async () => {
    await ok(["cordon", "n1"], /node\/n1 cordoned/);
    await ok(["get", "node", "n1"], /n1\s+Ready,SchedulingDisabled/);
    await ok(["drain", "n1", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=60s"], /node\/n1 drained/);
    await eventually(["get", "pods", "-n", "team", "-l", "app=web", "-o", "wide"], /^(?![\s\S]*\sn1\s)[\s\S]*web-\S+\s+1\/1\s+Running/);
    await ok(["delete", "deployment", "web", "-n", "team"], /deployment.apps "web" deleted/);
    const gone = await kubectl(["get", "deployment", "web", "-n", "team"]);
    assert.match(gone.stderr, /deployments.apps "web" not found/);
  });
});
