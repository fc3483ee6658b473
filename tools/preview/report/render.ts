/** The report in the chosen `--format`; markdown and SARIF load only when asked for. */
import type { OutputFormat } from "../host/args";
import { type PreviewResult, withoutSecretValues } from "../shared/types";
import { renderText, textStyle } from "./text";

/** `repoRoot`: SARIF uris are relative to it, and stack files are read from it to locate results. */
export async function renderReport(format: OutputFormat, result: PreviewResult, repoRoot: string, noColor: boolean): Promise<string> {
  if (format === "json") return `${JSON.stringify(result, withoutSecretValues, 2)}\n`;
  if (format === "text") return renderText(result, textStyle(noColor));
  if (format === "markdown") return (await import("./markdownReport")).renderMarkdown(result);
  return (await import("./sarif")).renderSarif(result, repoRoot);
}
