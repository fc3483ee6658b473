/**
 * The shipped JSON Schema of stack files (schema/stack-config.schema.json): what `npm run docs` generates from the
 * config schema, referenced from every bundled stack file for the YAML language server, valid for every bundled
 * stack, never stricter than the program and as strict as it can be for shape errors. In step with the config
 * reference: test/docs/configReference.test.ts.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import type { z } from "zod";
import { parseDocument } from "yaml";
import { NAMESPACE, configSchema } from "../../stacks/config";
import { STACK_SCHEMA_MODELINE, STACK_SCHEMA_PATH, stackFileSchema } from "../../tools/docs/stackSchema";

const REPO_ROOT = path.resolve(__dirname, "../..");
const shipped = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, STACK_SCHEMA_PATH), "utf8"));
// Formats (uuid, email, date) are not checked: zod writes a pattern beside each one, which is.
const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(shipped);

type Json = Record<string, unknown>;
const stackFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
    .map((f) => path.join(dir, f));
const bundled = stackFiles(path.join(REPO_ROOT, "stacks"));
// Merge keys applied, as the Pulumi CLI reads stack files.
const parseStack = (file: string) => parseDocument(fs.readFileSync(file, "utf8"), { merge: true });
// Files that are not well-formed YAML (duplicate keys, say) are the reader's to refuse, not a schema's.
const corpus = stackFiles(path.join(REPO_ROOT, "test/stacks/corpus")).filter((f) => parseStack(f).errors.length === 0);
const readStack = (file: string): Json => (parseStack(file).toJS() as Json | null) ?? {};

/** The stack's own keys without their namespace, as the program's config schema sees them. */
function ownConfig(stack: Json): Json {
  const config = (stack.config ?? {}) as Json;
  const prefix = `${NAMESPACE}:`;
  return Object.fromEntries(Object.entries(config).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));
}

describe("the stack file JSON Schema", () => {
  it("is what `npm run docs` generates from the config schema now", () => {
    expect(shipped).toEqual(stackFileSchema());
  });

  it("is a draft-7 schema (the newest draft the YAML language server reads) with every config key", () => {
    expect(shipped.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const keys = Object.keys(shipped.properties.config.properties).filter((k) => k.startsWith(`${NAMESPACE}:`));
    expect(keys.sort()).toEqual(
      Object.keys(configSchema.shape)
        .map((k) => `${NAMESPACE}:${k}`)
        .sort(),
    );
  });

  it.each(bundled.map((f) => path.basename(f)))("is referenced on the first line of %s, which it accepts", (file) => {
    const text = fs.readFileSync(path.join(REPO_ROOT, "stacks", file), "utf8");
    expect(text.split("\n")[0]).toBe(STACK_SCHEMA_MODELINE);
    const target = path.resolve(REPO_ROOT, "stacks", STACK_SCHEMA_MODELINE.split("$schema=")[1]);
    expect(target).toBe(path.join(REPO_ROOT, STACK_SCHEMA_PATH));
    expect(validate(readStack(path.join(REPO_ROOT, "stacks", file))) ? [] : validate.errors).toEqual([]);
  });

  it("refuses a misspelt key of the namespace and leaves other namespaces alone", () => {
    expect(validate({ config: { [`${NAMESPACE}:workspace`]: [] } })).toBe(false);
    expect(validate({ config: { "azure-native:subscriptionId": "x", "pulumi:tags": {} } })).toBe(true);
  });

  describe.each(corpus.map((f) => [path.basename(f), f]))("on the bad-input corpus: %s", (_name, file) => {
    const stack = readStack(file);
    const parsed = configSchema.safeParse(ownConfig(stack));
    const schemaOk = validate(stack);

    it("never refuses what the program's config schema accepts (no false alarm in the editor)", () => {
      if (parsed.success) expect(validate.errors ?? []).toEqual([]);
    });

    it("refuses it too when the program's refusal is a shape the schema can state (type, value, pattern, bound, key)", () => {
      const shapeIssues = parsed.success ? [] : parsed.error.issues.filter(stateable);
      if (shapeIssues.length > 0) expect(schemaOk).toBe(false);
    });
  });
});

/**
 * Whether a JSON Schema can state the rule an issue reports: not a custom refinement (an ARM id's shape, "exactly
 * one of") nor a non-finite number, and for a union, every member fails for such a reason.
 */
function stateable(issue: z.core.$ZodIssue): boolean {
  if (issue.code === "custom") return false;
  // JSON has no infinity (YAML's `.inf`): a JSON Schema cannot refuse what JSON cannot write.
  if (issue.code === "invalid_type" && (issue as { received?: string }).received === "Infinity") return false;
  if (issue.code === "invalid_union") return issue.errors.every((member) => member.some(stateable));
  return true;
}
