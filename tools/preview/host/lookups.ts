/**
 * Answers for invokes that read existing resources (`getStorageAccount`, `getResourceGroup`): a resource recorded
 * by an already-previewed stack, else the `--lookups` file, else nothing (the fakes then invent a plausible one).
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { armLookupKey } from "../shared/armIds";
import type { LookupAnswer } from "../shared/ipc";
import { PreviewInputError } from "./project";
import type { RecordedResource } from "../shared/types";

/** `{ "<ARM id>": { ...props } | null }`; null means "does not exist". */
const lookupsFileSchema = z.record(z.string(), z.record(z.string(), z.unknown()).nullable());

export interface LookupsFile {
  /** The file's name, for messages. */
  name: string;
  /** By `armLookupKey`: the id as written and its properties (null: does not exist). */
  entries: Map<string, { id: string; props: Record<string, unknown> | null }>;
}

export function parseLookups(name: string, text: string): LookupsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PreviewInputError(`${name}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = lookupsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `'${issue.path.join(".")}'` : "document";
    throw new PreviewInputError(`${name}: ${where}: must be an object of ARM id → properties object or null (${issue.message})`);
  }
  return { name, entries: new Map(Object.entries(parsed.data).map(([id, props]) => [armLookupKey(id), { id, props }])) };
}

export function loadLookupsFile(file: string): LookupsFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PreviewInputError(`--lookups: cannot read ${file}`);
  }
  return parseLookups(path.basename(file), text);
}

const STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";

/** Resources of previewed stacks by id (and storage accounts by their globally unique name). */
export class LookupIndex {
  private readonly byId = new Map<string, RecordedResource>();
  private readonly storageByName = new Map<string, RecordedResource>();

  constructor(private readonly file?: LookupsFile) {}

  addStack(resources: RecordedResource[]): void {
    for (const resource of resources) {
      if (!resource.custom || !resource.id) continue;
      const key = armLookupKey(resource.id);
      if (!this.byId.has(key)) this.byId.set(key, resource);
      const name = resource.id.split("/").pop()?.toLowerCase();
      if (resource.type === STORAGE_ACCOUNT && name && !this.storageByName.has(name)) this.storageByName.set(name, resource);
    }
  }

  /** A resource a previewed stack recorded under this id (or storage account name), if any. */
  recorded(id: string, globalName?: string): LookupAnswer | undefined {
    const recorded = this.byId.get(armLookupKey(id)) ?? (globalName ? this.storageByName.get(globalName.toLowerCase()) : undefined);
    return recorded ? { kind: "recorded", resource: recorded } : undefined;
  }

  answer(id: string, globalName?: string): LookupAnswer {
    const key = armLookupKey(id);
    const recorded = this.recorded(id, globalName);
    if (recorded) return recorded;
    const entry = this.file?.entries.get(key);
    if (entry) {
      return entry.props
        ? { kind: "props", props: entry.props }
        : { kind: "missing", reason: `resource '${entry.id}' does not exist (${this.file?.name} marks it null)` };
    }
    return { kind: "none" };
  }
}
