/**
 * Tests run transpile-only with swc (isolatedModules in tsconfig keeps that sound); `npm test` type-checks with tsc.
 * swc needs no TypeScript compiler in each worker and transpiles faster than ts-jest did, which matters most on a fresh
 * clone: jest transpiles every project module a suite loads until its cache holds it.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Mirrors tsconfig.json: ES2022 output, CommonJS modules with esModuleInterop. @swc/jest hoists jest.mock calls and
  // adds inline source maps, so failures point at TypeScript lines.
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "commonjs" },
      },
    ],
  },
  // Generous: the end-to-end suites start the preview CLI, its workers and the policy pack, which a loaded CI box
  // slows down many times over. No test measures time.
  testTimeout: 300000,
  // Pins the date budgets are checked against (AZURE_ML_WORKSPACES_TODAY), for tests and the previews they start.
  setupFiles: ["<rootDir>/test/setup/frozenClock.ts"],
  // Modules @pulumi/pulumi loads eagerly that tests never use resolve to stand-ins that load them on first use.
  resolver: "<rootDir>/test/setup/resolver.js",
  // Many suites wait on child processes (previews, the policy pack): two workers keep both cores busy.
  maxWorkers: 2,
  // A worker leaves once its event loop is empty; on a loaded machine that takes longer than jest's default 500 ms,
  // after which jest kills it and reports "failed to exit gracefully". No suite leaves a handle open
  // (`npx jest <file> --detectOpenHandles`).
  workerGracefulExitTimeout: 5000,
};
