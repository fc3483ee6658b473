import type { ResourceValidationPolicy } from "@pulumi/policy";
import { knownTaggableTypes } from "../lib/resourceTypes";
import { isBag, prop } from "../lib/values";

export interface RequiredTagsConfig {
    /** Tag names every taggable azure-native resource must carry (case-insensitive, like Azure). */
    requiredTags?: string[];
}

/**
 * A resource counts as taggable when it is an azure-native resource whose inputs contain `tags`, or whose
 * type is a known taggable one (the SDK drops an omitted `tags` input, so the key alone cannot tell).
 */
export function isTaggable(type: string, props: Record<string, unknown>): boolean {
    return type.startsWith("azure-native:") && (Object.hasOwn(props, "tags") || knownTaggableTypes.has(type));
}

/**
 * @why Tags carry cost allocation and ownership; a resource without them cannot be charged back or traced to a team.
 * Tag names are compared ignoring case, as Azure does; values are not checked.
 * @configExample { "requiredTags": ["costCenter", "owner"] }
 */
export const requiredTags: ResourceValidationPolicy = {
    name: "aml-required-tags",
    description: "Taggable azure-native resources must carry the configured tags (requiredTags; none by default).",
    severity: "low",
    remediationSteps: "Add the missing tags, e.g. through a stack transform that sets default tags.",
    configSchema: {
        properties: {
            requiredTags: {
                type: "array",
                items: { type: "string", minLength: 1 },
                default: [],
                description: 'Tag names each taggable resource must have, e.g. ["environment", "owner", "costcenter"].',
            },
        },
    },
    validateResource: (args, report) => {
        const configured = args.getConfig<RequiredTagsConfig>().requiredTags;
        const required = Array.isArray(configured) ? configured.filter((t): t is string => typeof t === "string") : [];
        if (required.length === 0) {
            return; // nothing configured: every resource passes
        }
        if (!isTaggable(args.type, args.props)) {
            args.notApplicable("Not a taggable azure-native resource.");
        }
        // Only the tag names are read: values may be unknown in preview and do not matter here.
        const tags = prop(args.props, "tags");
        const present = new Set(isBag(tags) ? Object.keys(tags).map((k) => k.toLowerCase()) : []);
        const missing = required.filter((tag) => !present.has(tag.toLowerCase()));
        if (missing.length > 0) {
            report(`Missing tags: ${missing.join(", ")}.`);
        }
    },
};
