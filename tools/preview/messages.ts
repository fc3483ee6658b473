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
