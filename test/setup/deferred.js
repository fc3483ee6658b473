/*
 * Stand-ins for modules `@pulumi/pulumi` requires eagerly but tests rarely use (test/setup/resolver.js says which and
 * writes one file per module that calls these). Each loads the real module, unchanged, the first time anything uses it.
 */
"use strict";

/** Loads the module at `file` (an absolute path) once, on the first call. */
function loader(file) {
  let real;
  const load = () => (real ??= require(file));
  load.loaded = () => real !== undefined;
  return load;
}

/** A module that loads `file` on first use: for modules the SDK keeps whole (`import * as m`, `const m = require`). */
function deferred(file) {
  const load = loader(file);
  // `__esModule` lets TypeScript's `__importStar` hand the proxy through instead of copying (and so loading) it.
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" && !load.loaded() ? true : Reflect.get(load(), key)),
      has: (_, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/**
 * A module of functions `names` that load `file` when first called: for modules whose functions the SDK copies onto
 * its own exports as it loads (`exports.f = m.f`), which would load a proxy at once.
 */
function deferredFunctions(file, names) {
  const load = loader(file);
  const stub = { __esModule: true };
  for (const name of names) {
    stub[name] = function (...args) {
      return load()[name].apply(this, args);
    };
  }
  return stub;
}

module.exports = { deferred, deferredFunctions };
