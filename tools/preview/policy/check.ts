/**
 * The offline policy check: runs the real policy pack as its own process and drives it over the analyzer gRPC
 * protocol the way the Pulumi engine does during `pulumi preview --policy-pack DIR [--policy-pack-config FILE]`:
 * Handshake → GetAnalyzerInfo → Configure, then per stack ConfigureStack → (Remediate →) Analyze for every
 * registration → AnalyzeStack.
 */
import * as fs from "fs";
import * as path from "path";
import { LOCAL_ORGANIZATION } from "../shared/ipc";
import type { RecordedResource, Remediation, StackResult, Violation } from "../shared/types";
import { applyRemediations, resourceViolations, stackViolations, type PackIdentity } from "./diagnostics";
import { createLimiter } from "./limiter";
import { startPackProcess, type PackProcess } from "./packProcess";
import { needsRemediation, parsePolicyConfig, reconcilePolicyConfig, type PackMetadata, type PolicyConfigMap } from "./policyConfig";
import { AnalyzerConnection, loadStubs } from "./protocol";
import { analyzeRequest, stackResource, type StackIdentity, type WireResource } from "./requests";
import type { AnalyzerResource } from "@pulumi/pulumi/proto/analyzer_pb";

export interface PolicyCheckOptions {
  packDir: string;
  policyConfigFile?: string;
  /** Type-check the pack with ts-node exactly like the CLI (seconds slower). Default: env PREVIEW_POLICY_TYPECHECK=1. */
  typeCheck?: boolean;
  /** How long the pack may take to print its port. Default 60 s. */
  startTimeoutMs?: number;
}

export interface StackCheckResult {
  violations: Violation[];
  remediations: Remediation[];
}

/**
 * One stack's check, fed while its program still runs (the engine, too, analyzes each registration as it comes):
 * `add` registrations in order, then `finish` with the previewed stack, or `abandon` when the program failed.
 */
export interface StackCheck {
  add(resources: RecordedResource[]): void;
  finish(stack: StackResult): Promise<StackCheckResult>;
  abandon(): void;
}

export interface PolicyCheck {
  checkStack(stack: StackResult): Promise<StackCheckResult>;
  /** Stacks are checked one at a time, in the order they are opened. */
  openStack(stack: StackIdentity): StackCheck;
  close(): Promise<void>;
}

/** Requests in flight at once: enough to keep the pack busy without queuing thousands of calls in grpc-js. */
const MAX_IN_FLIGHT = 64;
/** How long a failed call waits for the pack's exit before reporting the transport error instead. */
const PACK_EXIT_GRACE_MS = 1500;

/** Starts the pack once; call `checkStack` per stack and `close` at the end (also after errors). */
export async function startPolicyCheck(opts: PolicyCheckOptions): Promise<PolicyCheck> {
  // Read the config first: a malformed file should fail before a process is started.
  const configFile = opts.policyConfigFile;
  const fileConfig: PolicyConfigMap = configFile ? parsePolicyConfig(readConfigFile(configFile), configFile) : {};

  const packProcess = await startPackProcess({
    packDir: opts.packDir,
    typeCheck: opts.typeCheck ?? process.env.PREVIEW_POLICY_TYPECHECK === "1",
    startTimeoutMs: opts.startTimeoutMs ?? 60_000,
  });
  let connection: AnalyzerConnection | undefined;
  try {
    connection = new AnalyzerConnection(loadStubs(packProcess.pulumiPackageJson), packProcess.port);
    const conn = connection;
    const packDir = path.resolve(opts.packDir);
    await explain(packProcess, "Handshake", () => conn.handshake(packDir));
    const pack = await explain(packProcess, "GetAnalyzerInfo", () => conn.getAnalyzerInfo());
    const config = reconcilePolicyConfig(pack, fileConfig, configFile ? `policy config ${configFile}` : "policy config");
    await explain(packProcess, "Configure", () => conn.configure(config));
    return new RunningPolicyCheck(conn, packProcess, pack, needsRemediation(pack, config));
  } catch (error) {
    connection?.close();
    await packProcess.kill();
    throw error;
  }
}

function readConfigFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`policy config ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
}

/** Runs one RPC; turns a failure into one line, preferring "the pack died" over the transport error it causes. */
async function explain<T>(pack: PackProcess, method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // A dropped connection usually means the pack died: wait briefly for its exit, which explains more.
    await Promise.race([pack.exited, new Promise((resolve) => setTimeout(resolve, PACK_EXIT_GRACE_MS).unref())]);
    const died = pack.exitSummary();
    if (died) throw new Error(died, { cause: error });
    const details = String((error as { details?: string }).details ?? (error as Error).message);
    // The Node server sends "<context>:\n<stack>": keep the context and the error line, drop the frames.
    const lines = details
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("at "));
    throw new Error(`policy pack ${method} failed: ${lines.slice(0, 2).join(" ")}`, { cause: error });
  }
}

class RunningPolicyCheck implements PolicyCheck {
  /** The pack keeps stack tags in a process-wide variable, so stacks are checked one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly identity: PackIdentity;
  /** Requests in flight across the stack being checked. */
  private readonly limit = createLimiter(MAX_IN_FLIGHT);

  constructor(
    private readonly connection: AnalyzerConnection,
    private readonly packProcess: PackProcess,
    /** The pack's name, version and policies, as `GetAnalyzerInfo` reported them. */
    readonly pack: PackMetadata,
    private readonly remediate: boolean,
  ) {
    this.identity = { versionOverride: packProcess.versionOverride };
  }

  checkStack(stack: StackResult): Promise<StackCheckResult> {
    const check = this.openStack(stack);
    check.add(stack.resources);
    return check.finish(stack);
  }

  openStack(id: StackIdentity): StackCheck {
    if (this.closed) {
      const closed = Promise.reject(new Error("policy check is closed"));
      closed.catch(() => undefined);
      return { add: () => undefined, finish: () => closed, abandon: () => undefined };
    }
    let settle!: (stack: StackResult | undefined) => void;
    const outcome = new Promise<StackResult | undefined>((resolve) => (settle = resolve));
    const analyses = new StackAnalyses(id, (request, record) => this.limit(() => this.analyzeOne(request, record)));
    const turn = this.queue.then(() => this.runStack(id, analyses, outcome));
    this.queue = turn.catch(() => undefined);
    return {
      add: (resources) => analyses.add(resources),
      finish: (stack) => {
        settle(stack);
        return turn.then((result) => result ?? { violations: [], remediations: [] });
      },
      abandon: () => settle(undefined),
    };
  }

  private async runStack(
    id: StackIdentity,
    analyses: StackAnalyses,
    outcome: Promise<StackResult | undefined>,
  ): Promise<StackCheckResult | undefined> {
    const conn = this.connection;
    const pack = this.packProcess;
    await explain(pack, "ConfigureStack", () =>
      conn.configureStack({
        stack: id.stack,
        project: id.project,
        organization: LOCAL_ORGANIZATION,
        // The tags the local backend gives every stack of a Node.js project.
        tags: { "pulumi:project": id.project, "pulumi:runtime": "nodejs" },
      }),
    );
    analyses.start();
    const stack = await outcome;
    if (!stack) {
      // The program failed: nothing to report, but the next stack's ConfigureStack must wait for these calls.
      await analyses.settled();
      return undefined;
    }
    const perResource = await analyses.results(stack.resources);
    const violations = perResource.flatMap((r) => r.violations);
    const remediations = perResource.flatMap((r) => r.remediations);

    const resources = perResource.map((r) => r.stackResource);
    const diagnostics = await explain(pack, "AnalyzeStack", () => conn.analyzeStack(resources));
    violations.push(...stackViolations(diagnostics, new Set(stack.resources.map((r) => r.urn)), this.identity));
    return { violations, remediations };
  }

  /**
   * Remediate (when some policy runs at `remediate`), then Analyze the possibly rewritten inputs; the resource's part
   * of the stack-level analysis is built then, not once the stack is done.
   */
  private async analyzeOne(request: WireResource, record: RecordedResource): Promise<AnalyzedResource> {
    const conn = this.connection;
    const violations: Violation[] = [];
    let remediations: Remediation[] = [];
    if (this.remediate) {
      const results = await explain(this.packProcess, `Remediate(${request.urn})`, () => conn.remediate(request));
      const outcome = applyRemediations(results, request.urn, this.identity);
      if (outcome.properties) request = { ...request, properties: outcome.properties };
      violations.push(...outcome.violations);
      remediations = outcome.remediations;
    }
    const diagnostics = await explain(this.packProcess, `Analyze(${request.urn})`, () => conn.analyze(request));
    violations.push(...resourceViolations(diagnostics, request.urn, this.identity));
    return { stackResource: conn.stackResource(stackResource(record, request)), violations, remediations };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connection.close();
    await this.packProcess.kill();
  }
}

type AnalyzedResource = { stackResource: AnalyzerResource; violations: Violation[]; remediations: Remediation[] };

/**
 * The Remediate/Analyze calls of one stack, started per registration as it arrives (once the stack has its turn);
 * a registration that did not arrive early is analyzed from the previewed stack.
 */
class StackAnalyses {
  private readonly byUrn = new Map<string, RecordedResource>();
  private readonly waiting: RecordedResource[] = [];
  private readonly analyzed = new Map<string, Promise<AnalyzedResource>>();
  private started = false;

  constructor(
    private readonly id: StackIdentity,
    private readonly analyze: (request: WireResource, record: RecordedResource) => Promise<AnalyzedResource>,
  ) {}

  add(resources: RecordedResource[]): void {
    // All of a batch first: a request names its explicit provider, registered earlier (or in the same batch).
    for (const r of resources) this.byUrn.set(r.urn, r);
    if (this.started) resources.forEach((r) => this.begin(r));
    else this.waiting.push(...resources);
  }

  start(): void {
    this.started = true;
    this.waiting.splice(0).forEach((r) => this.begin(r));
  }

  /** Every registration's outcome, in the previewed stack's order. */
  results(resources: RecordedResource[]): Promise<AnalyzedResource[]> {
    for (const r of resources) if (!this.byUrn.has(r.urn)) this.byUrn.set(r.urn, r);
    return Promise.all(resources.map((r) => this.analyzed.get(r.urn) ?? this.begin(r)));
  }

  async settled(): Promise<void> {
    await Promise.allSettled(this.analyzed.values());
  }

  private begin(r: RecordedResource): Promise<AnalyzedResource> {
    const result = this.analyze(analyzeRequest(r, this.byUrn, this.id), r);
    // Awaited later, or never for a failed program: a failure must not surface as unhandled meanwhile.
    result.catch(() => undefined);
    this.analyzed.set(r.urn, result);
    return result;
  }
}
