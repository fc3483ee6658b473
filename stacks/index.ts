import { loadConfig } from "./loadConfig";

// The engine awaits an exported function and publishes what it returns as the stack outputs.
export = async (): Promise<Record<string, unknown>> => {
  const config = loadConfig();
  // The components load azure-native modules: a config error is reported before paying for them.
  const { runProgram } = await import("./program");
  return runProgram(config);
};
