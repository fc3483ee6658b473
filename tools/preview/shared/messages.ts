/** One-line messages: bad input and failed programs are reported without stack traces. */

/** The first non-empty line of a message, trimmed. */
export function firstLine(message: string): string {
  const line = message.split("\n").find((l) => l.trim() !== "");
  return line?.trim() ?? message;
}

/** The one-line message of anything thrown. */
export function errorLine(err: unknown): string {
  return firstLine(err instanceof Error ? err.message || err.name : String(err));
}

/** The `  - ` lines under a message's first line: one per problem when a program lists several (config validation). */
export function issueLines(err: unknown): string[] {
  const lines = (err instanceof Error ? err.message : String(err)).split("\n").slice(1);
  return lines.filter((l) => /^\s+- /.test(l)).map((l) => l.replace(/^\s+- /, "").trim());
}

/** A process's stderr as trimmed, non-empty lines without colour codes. */
export function stderrLines(stderr: string): string[] {
  // eslint-disable-next-line no-control-regex
  const lines = stderr.replace(/\u001b\[[0-9;]*m/g, "").split(/\r?\n/);
  return lines.map((l) => l.trim()).filter((l) => l !== "");
}

/** Node's own exit codes that say something on their own (nodejs.org/api/process.html#exit-codes). */
const NODE_EXIT_CODES: Record<number, string> = {
  7: "its uncaught-exception handler failed",
  9: "it was given an invalid option",
  12: "its debugger options were invalid",
  13: "it left a top-level await unsettled",
};

/** One line for a Node process (`who`) that crashed: out of memory said plainly, else its stderr's error line, else its signal or code. */
export function crashSummary(who: string, stderr: string, code: number | null, signal: NodeJS.Signals | null): string | undefined {
  const lines = stderrLines(stderr);
  if (lines.some((l) => /JavaScript heap out of memory|<--- Last few GCs --->|Allocation failed/.test(l))) {
    return `${who} ran out of memory (raise the limit with NODE_OPTIONS=--max-old-space-size=<MB>)`;
  }
  const error = lines.find((l) => /^([A-Z]\w*)?Error\b/.test(l) || l.startsWith("error:"));
  if (error) return error;
  if (signal === "SIGKILL") return `${who} was killed (SIGKILL; the system may have run out of memory)`;
  if (signal) return `${who} was killed by ${signal}`;
  if (code !== null && NODE_EXIT_CODES[code]) return `${who} exited with code ${code} (Node's code when ${NODE_EXIT_CODES[code]})`;
  return lines[0];
}

/** A plain object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
