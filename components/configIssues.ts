import type { z } from "zod";

/**
 * Config issues and one-line messages, shared by the components' argument checks and the program's config
 * validation: an issue names a config path, the value found there and the rule it breaks. Pure: no Pulumi.
 */

export interface ConfigIssue {
  path: (string | number)[];
  value: unknown;
  rule: string;
}

/** Parse `input`, returning config issues (paths prefixed with `basePath`) instead of throwing. @internal (takes a zod schema) */
export function parseWithIssues<T>(
  schema: z.ZodType<T>,
  input: unknown,
  basePath: (string | number)[] = [],
): { value?: T; issues: ConfigIssue[] } {
  const result = schema.safeParse(input);
  if (result.success) return { value: result.data, issues: [] };
  const issues = result.error.issues.flatMap((issue): ConfigIssue[] => {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    // Point at each unknown key itself, so the message names the typo rather than its parent object.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: [...basePath, ...path, key],
        value: valueAt(input, [...path, key]),
        rule: `unknown key "${key}"`,
      }));
    }
    return [{ path: [...basePath, ...path], value: valueAt(input, path), rule: issue.message }];
  });
  return { issues };
}

/** One line per issue: `bindings[2].role = "Foo": unknown role …`. */
export function formatIssue(issue: ConfigIssue): string {
  const shown = JSON.stringify(issue.value) ?? "undefined";
  const value = shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
  return `${formatPath(issue.path)} = ${value}: ${issue.rule}`;
}

export function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("") || "(root)";
}

/** ` (and 2 more issues)` after the first of `count` issues; empty for one. */
export function moreIssues(count: number): string {
  return count > 1 ? ` (and ${count - 1} more issue${count > 2 ? "s" : ""})` : "";
}

/** The first non-blank line of a message, trimmed: what a one-line error quotes of an underlying one. */
export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? ""
  );
}

/** A config value as the engine hands it over (objects as JSON text), parsed; a plain string that is not JSON stays a string. */
export function parseJsonOrString(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function valueAt(input: unknown, path: (string | number)[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
