/** Tests run transpile-only (isolatedModules in tsconfig); `npm test` type-checks with tsc first. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testTimeout: 60000,
  // Many suites wait on child processes (previews, the policy pack): two workers keep both cores busy.
  maxWorkers: 2,
};
