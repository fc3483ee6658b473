/**
 * The policy check and the report formats owned by the policy-check module, loaded lazily so that `--no-policy`
 * and `--format text|json` never load them.
 */
import type { PreviewResult, StackResult } from "./types";

export interface PolicyStage {
  /** Adds the pack's violations and remediations (and the time it took) to a previewed stack. */
  check(stack: StackResult): Promise<void>;
  close(): Promise<void>;
}

export async function startPolicyStage(packDir: string, policyConfigFile?: string): Promise<PolicyStage> {
  const { startPolicyCheck } = await import("./policy/check");
  const policyCheck = await startPolicyCheck({ packDir, policyConfigFile });
  return {
    async check(stack) {
      const started = performance.now();
      const { violations, remediations } = await policyCheck.checkStack(stack);
      stack.violations = violations;
      stack.remediations = remediations;
      if (stack.timings) stack.timings.policyMs = Math.round(performance.now() - started);
    },
    close: () => policyCheck.close(),
  };
}

export async function renderWithReportModule(format: "markdown" | "sarif", result: PreviewResult): Promise<string> {
  if (format === "markdown") return (await import("./report/markdown")).renderMarkdown(result);
  return (await import("./report/sarif")).renderSarif(result);
}
