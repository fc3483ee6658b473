import { loadConfig } from "./loadConfig";

// The engine awaits an exported function and publishes what it returns as the stack outputs.
export = async (): Promise<Record<string, unknown>> => {
  const config = loadConfig();
  // The components load azure-native modules: a config error is reported before paying for them. A plain
  // require, not import(): under a loader that keeps import() native, it would bypass ts-node.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runProgram } = require("./program") as typeof import("./program");
  return runProgram(config);
};
