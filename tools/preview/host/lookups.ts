/** Answers for invokes that read existing resources: a previewed stack's resource, else `--lookups`, else none (the fakes invent one). */
import * as fs from "fs";
import * as path from "path";
import { armLookupKey } from "../shared/armIds";
import type { LookupAnswer } from "../shared/ipc";
import type { RecordedResource } from "../shared/types";
import { isObject } from "../shared/messages";

/** `{ "<ARM id>": { ...props } | null }` (null: "does not exist"), by `armLookupKey`, with the id as written. */
export type LookupsFile = { name: string; entries: Map<string, { id: string; props: Record<string, unknown> | null }> };

export function loadLookupsFile(file: string): LookupsFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(`--lookups: cannot read ${file}`);
  }
  const name = path.basename(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${name}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const bad = isObject(data) ? Object.entries(data).find(([, props]) => props !== null && !isObject(props)) : ["", data];
  if (bad) {
    const where = bad[0] === "" ? "document" : `'${bad[0]}'`;
    throw new Error(`${name}: ${where}: must be an object of ARM id → properties object or null (got ${JSON.stringify(bad[1])})`);
  }
  const entries = Object.entries(data as Record<string, Record<string, unknown> | null>).map(
    ([id, props]) => [armLookupKey(id), { id, props }] as const,
  );
  return { name, entries: new Map(entries) };
}

/** Resources of previewed stacks by id (and storage accounts by their globally unique name), then the file. */
export class LookupIndex {
  private readonly byId = new Map<string, RecordedResource>();
  private readonly storageByName = new Map<string, RecordedResource>();

  constructor(private readonly file?: LookupsFile) {}

  addStack(resources: RecordedResource[]): void {
    for (const resource of resources) {
      if (!resource.custom || !resource.id) continue;
      if (!this.byId.has(armLookupKey(resource.id))) this.byId.set(armLookupKey(resource.id), resource);
      const name = resource.id.split("/").pop()!.toLowerCase();
      if (resource.type === "azure-native:storage:StorageAccount" && !this.storageByName.has(name)) this.storageByName.set(name, resource);
    }
  }

  answer(id: string, globalName?: string): LookupAnswer {
    const recorded = this.byId.get(armLookupKey(id)) ?? (globalName ? this.storageByName.get(globalName.toLowerCase()) : undefined);
    if (recorded) return { kind: "recorded", resource: recorded };
    const entry = this.file?.entries.get(armLookupKey(id));
    if (!entry) return { kind: "none" };
    if (entry.props) return { kind: "props", props: entry.props };
    return { kind: "missing", reason: `resource '${entry.id}' does not exist (${this.file?.name} marks it null)` };
  }
}
