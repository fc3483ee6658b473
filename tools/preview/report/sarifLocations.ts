/**
 * Where a SARIF result points: the line that caused it.
 * - A config key (`config azure-ml-workspaces:workspaces[0].storage.skuName = ...` in a config error): that key's
 *   line in the stack file, or its nearest existing parent's.
 * - A resource: the stack file's entry named like the resource or its nearest named ancestor (a `name:` key, e.g. a
 *   workspace entry), else where the program constructed it or its nearest ancestor inside the project (the SDK's
 *   source position), else the stack file's first config key.
 */
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { RecordedResource, StackResult } from "../shared/types";

export interface SourceLine {
  /** Relative to the repository root, forward slashes. */
  uri: string;
  line: number;
}

type Key = string | number;

interface StackFile {
  uri: string;
  doc: Document;
  lines: LineCounter;
  /** Line of each `name: <value>` entry under `config:`. */
  names: Map<string, number>;
  firstKeyLine: number;
}

const lineOf = (file: { lines: LineCounter }, offset: number) => file.lines.linePos(offset).line;

function readStackFile(uri: string, repoRoot: string): StackFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(repoRoot, uri), "utf8");
  } catch {
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const file: StackFile = { uri, doc, lines, names: new Map(), firstKeyLine: 1 };
  const config = doc.get("config", true);
  if (isMap(config) && config.items[0]?.key && isScalar(config.items[0].key) && config.items[0].key.range) {
    file.firstKeyLine = lineOf(file, config.items[0].key.range[0]);
  }
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === "name" && isScalar(pair.value) && pair.key.range) {
          const name = String(pair.value.value);
          if (!file.names.has(name)) file.names.set(name, lineOf(file, pair.key.range[0]));
        }
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      node.items.forEach(visit);
    }
  };
  visit(config);
  return file;
}

/** `ns:key[0].a.b` → ["ns:key", 0, "a", "b"]. */
export function parseConfigPath(text: string): Key[] {
  const match = /^([^\s.[]+)(.*)$/.exec(text);
  if (!match) return [];
  const keys: Key[] = [match[1]];
  for (const part of match[2].matchAll(/\.([^.[\s]+)|\[(\d+)\]/g)) keys.push(part[2] !== undefined ? Number(part[2]) : part[1]);
  return keys;
}

/** The config key a config-error line names (`config <key path> = value: rule` or `config <key path>: rule`). */
export function configKeyOf(issue: string): Key[] | undefined {
  const match = /^config (\S+?)(?: = |: |$)/.exec(issue);
  return match ? parseConfigPath(match[1]) : undefined;
}

/** The line of `keys` under `config:`, or of its deepest existing parent. */
function keyLine(file: StackFile, keys: Key[]): number {
  let node: unknown = file.doc.get("config", true);
  let line = file.firstKeyLine;
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      line = lineOf(file, pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number" && node.items[key]) {
      const item = node.items[key] as { range?: [number, number, number] };
      if (item.range) line = lineOf(file, item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return line;
}

/** Locates results of one stack; built once per stack. */
export class StackLocator {
  private readonly file?: StackFile;
  private readonly byUrn: Map<string, RecordedResource>;
  private readonly projectDir: string;

  constructor(
    private readonly stack: StackResult,
    private readonly repoRoot: string,
  ) {
    this.file = stack.configFile ? readStackFile(stack.configFile, repoRoot) : undefined;
    this.byUrn = new Map(stack.resources.map((r) => [r.urn, r] as const));
    this.projectDir = path.dirname(path.join(repoRoot, stack.configFile ?? stack.programFile ?? ""));
  }

  /** The fallback: the stack file's first config key (or the program's first line). */
  stackLine(): SourceLine {
    if (this.file) return { uri: this.file.uri, line: this.file.firstKeyLine };
    return { uri: this.stack.programFile ?? this.stack.configFile ?? `Pulumi.${this.stack.stack}.yaml`, line: 1 };
  }

  configKey(issue: string): SourceLine | undefined {
    const keys = configKeyOf(issue);
    if (!keys || !this.file) return undefined;
    return { uri: this.file.uri, line: keyLine(this.file, keys) };
  }

  resource(urn: string): SourceLine {
    const chain: RecordedResource[] = [];
    for (let r = this.byUrn.get(urn); r && chain.length < 50; r = this.byUrn.get(r.parent ?? "")) chain.push(r);
    if (this.file) {
      const line = this.entryLine(chain.map((r) => r.name));
      if (line !== undefined) return { uri: this.file.uri, line };
    }
    const positions = chain.flatMap((r) => (r.sourcePosition ? [this.source(r.sourcePosition)] : [])).filter((p) => p !== undefined);
    return positions.find((p) => !p.uri.startsWith("..") && this.inProject(p.uri)) ?? positions[0] ?? this.stackLine();
  }

  /**
   * The entry a chain of resource names belongs to: one named exactly like a resource, else the longest entry name
   * that a resource's name starts with, followed by `-` (children are named after their component's entry, e.g.
   * `team-a-fs-access` for the entry `team-a-fs`).
   */
  private entryLine(names: string[]): number | undefined {
    const entries = this.file?.names;
    if (!entries) return undefined;
    for (const name of names) if (entries.has(name)) return entries.get(name);
    for (const name of names) {
      const owner = [...entries.keys()].filter((entry) => name.startsWith(`${entry}-`)).sort((a, b) => b.length - a.length)[0];
      if (owner !== undefined) return entries.get(owner);
    }
    return undefined;
  }

  private inProject(uri: string): boolean {
    const file = path.join(this.repoRoot, uri);
    return !path.relative(this.projectDir, file).startsWith("..") && !file.includes(`${path.sep}node_modules${path.sep}`);
  }

  private source(pos: { uri: string; line: number }): SourceLine | undefined {
    try {
      const file = pos.uri.startsWith("file:") ? fileURLToPath(pos.uri) : pos.uri;
      const relative = path.relative(this.repoRoot, file).split(path.sep).join("/");
      return relative.startsWith("..") ? undefined : { uri: relative, line: pos.line };
    } catch {
      return undefined;
    }
  }
}
