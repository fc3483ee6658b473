import * as pulumi from "@pulumi/pulumi";
import { fakeInvoke, fakeResource } from "../tools/preview/worker/fakes";
import { installLazyOutputs } from "../tools/preview/worker/lazyOutputs";

/** What a mocked program registered, and a way to answer invokes differently per test. */
export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

export interface MockRuntime {
  registered: Registered[];
  invokes: { token: string; inputs: Record<string, any> }[];
  /** Per-test answers, by invoke token; falls back to the offline preview's fakes. */
  overrides: Map<string, (inputs: Record<string, any>) => Record<string, any>>;
  reset(): void;
  ofType(type: string): Registered[];
}

// Internal to @pulumi/pulumi (not in its exports' typings); the SDK calls it through this module's exports at each use.
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(promise: Promise<T>) => Promise<T> };

/**
 * The SDK captures a stack trace for each of its internal promises (several per resource; to report unresolved ones at
 * process exit) and a complete one for each resource (its source position, for the engine's diagnostics). Under jest
 * every trace is source-mapped: most of a component's construction time. No test reads either, so the promises pass
 * through unchanged and resources have no source position, as in `npm run preview`'s stack workers, which also make a
 * resource's Outputs only when a property is read.
 */
export function skipStackTraces(): void {
  debuggable.debuggablePromise = (promise) => promise;
  (pulumi.Resource as unknown as { callsites(): object[] }).callsites = () => [];
  installLazyOutputs(require("@pulumi/pulumi/runtime/rpc"));
}

/** Installs Pulumi's mocks with the offline preview's fake data, so tests and `npm run preview` agree. */
export async function installMocks(project = "azure-ml-workspaces", stack = "test"): Promise<MockRuntime> {
  const runtime: MockRuntime = {
    registered: [],
    invokes: [],
    overrides: new Map(),
    reset() {
      this.registered.length = 0;
      this.invokes.length = 0;
      this.overrides.clear();
    },
    ofType(type) {
      return this.registered.filter((r) => r.type === type);
    },
  };
  skipStackTraces();
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        runtime.registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        const fake = fakeResource({
          type: args.type,
          name: args.name,
          urn: `${args.type}::${args.name}`,
          inputs: args.inputs,
          custom: args.custom ?? true,
          id: args.id || undefined,
        });
        return { id: fake.id ?? "", state: fake.state };
      },
      call(args) {
        runtime.invokes.push({ token: args.token, inputs: args.inputs });
        const override = runtime.overrides.get(args.token);
        const result = override ? override(args.inputs) : fakeInvoke(args.token, args.inputs);
        if (!result) throw new Error(`no fake for invoke '${args.token}'`);
        return result;
      },
    },
    project,
    stack,
    false,
  );
  return runtime;
}

export const promiseOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

// Internal to @pulumi/pulumi (not in its exports' typings).
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/** Waits until every registration and invoke started so far has reached the mocks (the runtime's own RPC queue). */
export function settle(): Promise<void> {
  return settings.waitForRPCs();
}
