/** The policy check as the host drives it: started at once, fed registrations as they come, loaded only with policies on. */
import type { PolicyCheck, StackCheck } from "./check";
import type { StackIdentity } from "./requests";
import type { RecordedResource, StackResult } from "../shared/types";

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

/** Starts the pack in the background; a failure to start is reported by `check`. */
export function startPolicyStage(packDir: string, policyConfigFile?: string, startTimeoutMs?: number): PolicyStage {
  const started: Promise<PolicyCheck> = import("./check").then(({ startPolicyCheck }) =>
    startPolicyCheck({ packDir, policyConfigFile, startTimeoutMs }),
  );
  started.catch(() => undefined);
  const open = new Map<string, Promise<StackCheck>>();
  const stackCheck = ({ project, stack }: StackIdentity): Promise<StackCheck> => {
    let check = open.get(stack);
    if (!check) {
      check = started.then((policy) => policy.openStack({ project, stack }));
      check.catch(() => undefined);
      open.set(stack, check);
    }
    return check;
  };
  const recordedEarly = new Set<string>();
  return {
    packDir,
    record(id, resources) {
      recordedEarly.add(id.stack);
      void stackCheck(id).then(
        (check) => check.add(resources),
        () => undefined,
      );
    },
    async check(stack) {
      const begun = performance.now();
      const check = await stackCheck(stack);
      if (!recordedEarly.has(stack.stack)) check.add(stack.resources);
      const { violations, remediations } = await check.finish(stack);
      stack.violations = violations;
      stack.remediations = remediations;
      if (stack.timings) stack.timings.policyMs = Math.round(performance.now() - begun);
    },
    abandon(stack) {
      void open.get(stack)?.then(
        (check) => check.abandon(),
        () => undefined,
      );
    },
    close: () =>
      started.then(
        (policy) => policy.close(),
        () => undefined,
      ),
  };
}
