/**
 * The policy check as the host drives it: the pack started at once; per stack ConfigureStack, then (Remediate →)
 * Analyze for each registration as the program makes it, then AnalyzeStack with all of them once it is done.
 */
import type { RecordedResource, Remediation, StackResult, Violation } from "../shared/types";
import { startAnalyzer, type Analyzer } from "./analyzer";
import {
  encode,
  remediationOutcome,
  violation,
  writeAnalyzeRequest,
  writeAnalyzeStack,
  writeConfigureStack,
  type StackIdentity,
} from "./wire";

export interface PolicyStage {
  readonly packDir: string;
  /**
   * Registrations a stack's program made so far, in order: the pack analyzes them while the program still runs, as
   * the engine does. Stacks are checked one at a time, in the order of their first registration.
   */
  record(id: StackIdentity, resources: RecordedResource[]): void;
  /** Adds the pack's violations and remediations (and the time it took) to a previewed stack. */
  check(stack: StackResult): Promise<void>;
  /** The stack's program failed: it is not checked. */
  abandon(stack: StackResult["stack"]): void;
  close(): Promise<void>;
}

interface Analyzed {
  record: RecordedResource;
  /** The last Analyze request, which starts the resource's AnalyzeStack entry. */
  request: Uint8Array;
  violations: Violation[];
  remediations: Remediation[];
}

/** One stack's check: `add` registrations as they come, then `finish` with the previewed stack (or none: abandoned). */
class StackCheck {
  private readonly byUrn = new Map<string, RecordedResource>();
  private readonly analyzed = new Map<string, Promise<Analyzed>>();
  private settle!: (stack: StackResult | undefined) => void;
  private readonly outcome = new Promise<StackResult | undefined>((resolve) => (this.settle = resolve));
  /** The analyzer once the stack's turn has come and ConfigureStack is done: registrations wait for it. */
  private readonly configured: Promise<Analyzer>;
  readonly done: Promise<void>;

  constructor(
    private readonly id: StackIdentity,
    turn: Promise<Analyzer>,
  ) {
    this.configured = turn.then(async (analyzer) => {
      await analyzer.call("configureStack", (w) => writeConfigureStack(w, this.id));
      return analyzer;
    });
    this.done = this.configured.then((analyzer) => this.run(analyzer));
  }

  add(resources: RecordedResource[]): void {
    // All of a batch first: a request names its explicit provider, registered earlier or in the same batch.
    for (const r of resources) this.byUrn.set(r.urn, r);
    resources.forEach((r) => this.analyze(r));
  }

  finish(stack: StackResult | undefined): Promise<void> {
    this.settle(stack);
    return this.done;
  }

  private async run(analyzer: Analyzer): Promise<void> {
    try {
      const stack = await this.outcome;
      if (!stack) return;
      // Registrations that did not come early are analyzed from the previewed stack.
      for (const r of stack.resources) if (!this.byUrn.has(r.urn)) this.byUrn.set(r.urn, r);
      const results = await Promise.all(stack.resources.map((r) => this.analyzed.get(r.urn) ?? this.analyze(r)));
      const response = await analyzer.call("analyzeStack", (w) => writeAnalyzeStack(w, results));
      // A URN naming a resource of this stack is kept; anything else is stack-wide, which the contract writes as "".
      const urns = new Set(stack.resources.map((r) => r.urn));
      const stackWide = response
        .getDiagnosticsList()
        .map((d) => violation(d, urns.has(d.getUrn()) ? d.getUrn() : "", analyzer.versionOverride));
      stack.violations = [...results.flatMap((r) => r.violations), ...stackWide];
      stack.remediations = results.flatMap((r) => r.remediations);
    } finally {
      // The next stack's ConfigureStack must wait for this one's calls, also when it failed.
      await Promise.allSettled(this.analyzed.values());
    }
  }

  /** Remediate (when some policy runs at `remediate`), then Analyze the possibly rewritten inputs. */
  private analyze(record: RecordedResource): Promise<Analyzed> {
    const { urn } = record;
    const analyzeRequest = (properties?: Record<string, unknown>): Uint8Array =>
      encode((w) => writeAnalyzeRequest(w, record, this.byUrn, this.id, properties));
    const result = this.configured.then(async (analyzer) => {
      const remediated = analyzer.remediate
        ? remediationOutcome((await analyzer.call("remediate", analyzeRequest(), urn)).getRemediationsList(), urn, analyzer.versionOverride)
        : { properties: undefined, violations: [], remediations: [] };
      const request = analyzeRequest(remediated.properties);
      const response = await analyzer.call("analyze", request, urn);
      const violations = [
        ...remediated.violations,
        ...response.getDiagnosticsList().map((d) => violation(d, urn, analyzer.versionOverride)),
      ];
      return { record, request, violations, remediations: remediated.remediations };
    });
    // Awaited later, or never for a failed program: a failure must not surface as unhandled meanwhile.
    result.catch(() => undefined);
    this.analyzed.set(urn, result);
    return result;
  }
}

/** Starts the pack in the background (`startTimeoutMs`: until it prints its port); a failure to start is reported by `check`. */
export function startPolicyStage(packDir: string, policyConfigFile?: string, startTimeoutMs = 60_000): PolicyStage {
  const analyzer = startAnalyzer(packDir, policyConfigFile, startTimeoutMs);
  analyzer.catch(() => undefined);
  const stacks = new Map<string, StackCheck>();
  /** The pack keeps stack tags in a process-wide variable, so stacks are checked one after another. */
  let turn: Promise<unknown> = analyzer;
  let closed = false;
  const open = (id: StackIdentity): StackCheck => {
    let check = stacks.get(id.stack);
    if (!check) {
      const ready = turn.then(() => analyzer);
      check = new StackCheck(id, ready);
      // Also keeps a failed check's rejection handled until `check` awaits it.
      turn = check.done.catch(() => undefined);
      stacks.set(id.stack, check);
    }
    return check;
  };
  const finish = (name: string, stack?: StackResult): Promise<void> => {
    const check = stack ? open(stack) : stacks.get(name);
    stacks.delete(name);
    return check?.finish(stack) ?? Promise.resolve();
  };
  return {
    packDir,
    record: (id, resources) => open(id).add(resources),
    async check(stack) {
      if (closed) throw new Error("policy check is closed");
      const begun = performance.now();
      await finish(stack.stack, stack);
      if (stack.timings) stack.timings.policyMs = Math.round(performance.now() - begun);
    },
    abandon: (stack) => void finish(stack).catch(() => undefined),
    async close() {
      closed = true;
      await analyzer.then((a) => a.close()).catch(() => undefined);
    },
  };
}
