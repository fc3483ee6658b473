#!/usr/bin/env node
/**
 * The stacks of this project, read from stacks/Pulumi.<stack>.yaml, printed as a JSON array for a workflow matrix.
 * Ordered so a stack comes after every stack it reads by StackReference (`sharedResources.stack`), which is the
 * order `pulumi up` must follow on a fresh organisation. Nothing is hard-coded: a new stack file is picked up.
 */
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");

const STACKS_DIR = path.resolve(__dirname, "../../stacks");

/** Stack names referenced as `sharedResources: { stack: ... }` anywhere in a stack's config ("org/proj/x" → "x"). */
function referencedStacks(config) {
  const found = new Set();
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "sharedResources" && child && typeof child.stack === "string") found.add(child.stack.split("/").pop());
      visit(child);
    }
  };
  visit(config);
  return found;
}

/** Stack names in dependency order (ties by name); a reference to a stack without a file is ignored. */
function orderedStacks(dir = STACKS_DIR) {
  const names = fs
    .readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
    .filter(Boolean)
    .sort();
  const needs = new Map(
    names.map((name) => {
      const file = fs.existsSync(path.join(dir, `Pulumi.${name}.yaml`)) ? `Pulumi.${name}.yaml` : `Pulumi.${name}.yml`;
      const doc = YAML.parse(fs.readFileSync(path.join(dir, file), "utf8")) ?? {};
      return [name, [...referencedStacks(doc.config ?? {})].filter((n) => n !== name && names.includes(n))];
    }),
  );
  const ordered = [];
  const visiting = new Set();
  const place = (name) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`stacks reference each other in a cycle through "${name}"`);
    visiting.add(name);
    needs.get(name).forEach(place);
    visiting.delete(name);
    ordered.push(name);
  };
  names.forEach(place);
  return ordered;
}

module.exports = { orderedStacks, referencedStacks };
if (require.main === module) console.log(JSON.stringify(orderedStacks()));
