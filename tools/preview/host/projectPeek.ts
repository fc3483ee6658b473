/**
 * What the CLI reads from Pulumi.yaml before anything else loads, to fork the right workers early: node flags
 * (`runtime.options.nodeargs`) and how many stacks there are. Best effort: the full project loader reports problems.
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";

export function splitNodeArgs(nodeargs: unknown): string[] {
  return typeof nodeargs === "string" ? nodeargs.split(/\s+/).filter(Boolean) : [];
}

export interface ProjectPeek {
  nodeArgs: string[];
  /** Names of the `Pulumi.<stack>.yaml` files. */
  stacks: string[];
}

export function peekProject(dir: string): ProjectPeek {
  for (const name of ["Pulumi.yaml", "Pulumi.yml"]) {
    try {
      const file = parseYaml(fs.readFileSync(path.join(dir, name), "utf8"));
      const stackDir = path.resolve(dir, typeof file?.stackConfigDir === "string" ? file.stackConfigDir : ".");
      const stacks = fs.readdirSync(stackDir).flatMap((n) => /^Pulumi\.(.+)\.ya?ml$/.exec(n)?.[1] ?? []);
      return { nodeArgs: splitNodeArgs(file?.runtime?.options?.nodeargs), stacks };
    } catch {
      continue;
    }
  }
  return { nodeArgs: [], stacks: [] };
}
