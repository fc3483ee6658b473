/** One-line messages: errors for bad input and failed programs are reported without stack traces. */

/** The first non-empty line of a message, trimmed. */
export function firstLine(message: string): string {
  return (
    message
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? message
  );
}

/** The one-line message of anything thrown (for ts-node's compile errors, the first diagnostic). */
export function errorLine(err: unknown): string {
  const diagnosticText = (err as { diagnosticText?: unknown } | undefined)?.diagnosticText;
  if (typeof diagnosticText === "string" && diagnosticText.trim() !== "") return firstLine(diagnosticText);
  if (err instanceof Error) return firstLine(err.message || err.name);
  return firstLine(String(err));
}

/**
 * The `  - ` lines under a message's first line: a program that finds several problems (the stack config's
 * validation) lists each there, one line per issue.
 */
export function issueLines(err: unknown): string[] {
  const message = err instanceof Error ? err.message : String(err);
  return message
    .split("\n")
    .slice(1)
    .filter((l) => /^\s+- /.test(l))
    .map((l) => l.replace(/^\s+- /, "").trim());
}

// eslint-disable-next-line no-control-regex
const ANSI_COLOR = /\u001b\[[0-9;]*m/g;

/** A process's stderr as trimmed, non-empty lines without colour codes. */
export function stderrLines(stderr: string): string[] {
  return stderr
    .replace(ANSI_COLOR, "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** Node's own exit codes that say something on their own (nodejs.org/api/process.html#exit-codes). */
const NODE_EXIT_CODES: Record<number, string> = {
  7: "its uncaught-exception handler failed",
  9: "it was given an invalid option",
  12: "its debugger options were invalid",
  13: "it left a top-level await unsettled",
};

/**
 * One line for a Node process (`who`) that ended unexpectedly: out of memory said plainly (V8 prints a GC trace that
 * means little to a reader), else the `SomeError: message` line of its stderr, else what its exit code means.
 */
export function crashSummary(who: string, stderr: string, code: number | null, signal: NodeJS.Signals | null): string | undefined {
  const lines = stderrLines(stderr);
  if (lines.some((l) => /JavaScript heap out of memory|<--- Last few GCs --->|Allocation failed/.test(l))) {
    return `${who} ran out of memory (raise the limit with NODE_OPTIONS=--max-old-space-size=<MB>)`;
  }
  const error = lines.find((l) => /^([A-Z]\w*)?Error\b/.test(l) || l.startsWith("error:"));
  if (error) return error;
  if (signal === "SIGKILL") return `${who} was killed (SIGKILL; the system may have run out of memory)`;
  if (signal) return `${who} was killed by ${signal}`;
  // The process may have picked the code itself: say what Node means by it, as a hint.
  if (code !== null && NODE_EXIT_CODES[code]) return `${who} exited with code ${code} (Node's code when ${NODE_EXIT_CODES[code]})`;
  return lines[0];
}
