/*
 * Jest's moduleNameMapper target for modules `@pulumi/pulumi` requires eagerly but tests never use: `typescript`
 * (through its closure serializer's shim) and `@npmcli/arborist` (closure code paths). Jest compiles every module a
 * test file loads again for each file, so these two were most of the cost of loading `@pulumi/pulumi` in a test.
 * Each is loaded, unchanged, the first time anything reads from it (the preview's workers do the same for arborist:
 * tools/preview/deferredModules.js).
 */
"use strict";

/** A stand-in that loads `request` (resolved from @pulumi/pulumi, as the real require would) on first use. */
module.exports = function deferred(request) {
  let real;
  const target = () => (real ??= require(require.resolve(request, { paths: [require.resolve("@pulumi/pulumi")] })));
  // `__esModule` lets TypeScript's `__importStar` hand the proxy through instead of copying (and so loading) it.
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" && real === undefined ? true : Reflect.get(target(), key)),
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(target(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
};
