import { runProgram } from "./program";

// The engine awaits an exported function and publishes what it returns as the stack outputs.
export = runProgram;
