/**
 * The SDK gives a resource an Output (four promises) for every property its class declares, ~50 for an azure-native
 * resource, though a program reads few. Here each is made the SDK's own way, by its `transferProperties`, on first
 * read; until then its resolution is kept. At 1,868 registrations the worker spends about a third less CPU and memory.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's internal `runtime/rpc` module is untyped here. */

type Resolver = (...resolution: unknown[]) => void;
type TransferProperties = (onto: any, label: string, props: Record<string, unknown>) => Record<string, Resolver>;

/** `transferProperties` with each Output made by `eager` when first read, resolved with what it was given meanwhile. */
export function lazyTransferProperties(eager: TransferProperties): TransferProperties {
  return (onto, label, props) => {
    const resolvers: Record<string, Resolver> = {};
    for (const key of Object.keys(props)) {
      // As the SDK: id and urn are the resource's own; a property set twice is an error.
      if (key === "id" || key === "urn") continue;
      if (Object.prototype.hasOwnProperty.call(onto, key)) throw new Error(`Property '${key}' is already initialized on target '${label}`);
      let kept: unknown[] | undefined;
      let resolve: Resolver | undefined;
      resolvers[key] = (...resolution) => (resolve ? resolve(...resolution) : (kept = resolution));
      Object.defineProperty(onto, key, {
        configurable: true,
        enumerable: true,
        get() {
          // Made a data property in place (the resource's keys keep their order), which the SDK's check that a
          // property is set once must pass over for this one call.
          Object.defineProperty(onto, key, { value: undefined, writable: true, configurable: true, enumerable: true });
          const isOwn = (k: string) => k !== key && Object.prototype.hasOwnProperty.call(onto, k);
          Object.defineProperty(onto, "hasOwnProperty", { value: isOwn, configurable: true });
          try {
            resolve = eager(onto, label, { [key]: props[key] })[key];
          } finally {
            Reflect.deleteProperty(onto, "hasOwnProperty");
          }
          if (kept) resolve(...kept);
          return onto[key];
        },
        set(value) {
          Object.defineProperty(onto, key, { value, writable: true, configurable: true, enumerable: true });
        },
      });
    }
    return resolvers;
  };
}

const installedIn = new WeakSet<object>();

/** Installs it, once, in the SDK the program runs on (`runtime/resource` calls it through the module's exports). */
export function installLazyOutputs(rpc: { transferProperties: TransferProperties }): void {
  if (installedIn.has(rpc)) return;
  installedIn.add(rpc);
  rpc.transferProperties = lazyTransferProperties(rpc.transferProperties);
}
