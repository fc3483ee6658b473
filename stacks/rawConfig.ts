import * as pulumi from "@pulumi/pulumi";
import { parseJsonOrString } from "../components/internal";
import { NAMESPACE } from "./namespace";

/**
 * This project's config keys without the namespace, with structured values parsed. The engine hands every
 * value over as a string (objects as JSON), so a plain string that is not JSON stays a string.
 */
/** Keys whose values are strings even when they look like numbers (`nameSeed: 2026`). */
const STRING_KEYS = new Set(["nameSeed"]);

export function readRawConfig(): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (!key.startsWith(`${NAMESPACE}:`)) continue;
    const name = key.slice(NAMESPACE.length + 1);
    raw[name] = STRING_KEYS.has(name) ? value : parseJsonOrString(value);
  }
  return raw;
}
