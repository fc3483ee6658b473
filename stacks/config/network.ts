import { z } from "zod";
import { ISOLATION_MODES } from "../../components";
import { ruleTypeProblem } from "../../components/internal";
import { ANY_ARM_ID, ANY_ARM_ID_RULE } from "../idRules";
import { documented, exampleIds, optional } from "./primitives";

/** The managed virtual network of compute and its outbound rules (private endpoints and DNS: `../networkConfig.ts`). */

/** A host name, optionally with a leading wildcard label: what an FQDN rule's firewall matches (no scheme, path or port). */
const FQDN = /^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$/;
const fqdnDestination = z.string().regex(FQDN, "must be a host name such as pypi.org or *.anaconda.com (no scheme, path or port)");
const ruleType = <T extends string>(type: T, what: string) => documented(z.literal(type), `Rule kind: \`${type}\` ${what}.`);
const outboundRuleSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: ruleType("FQDN", "allows a host name (needs isolationMode AllowOnlyApprovedOutbound, which bills an Azure Firewall)"),
    destination: documented(fqdnDestination, "Host name the rule allows, optionally with a leading `*.` label; no scheme, path or port.", {
      examples: ["pypi.org", "*.anaconda.com"],
    }),
    category: optional(z.enum(["UserDefined", "Required", "Recommended"]), "Rule category as Azure ML shows it.", {
      default: "UserDefined",
      examples: ["UserDefined"],
    }),
  }),
  z.strictObject({
    type: ruleType("PrivateEndpoint", "reaches an Azure resource through a managed private endpoint"),
    serviceResourceId: documented(z.string().regex(ANY_ARM_ID, ANY_ARM_ID_RULE), "ARM id of the resource the private endpoint targets.", {
      examples: [exampleIds.storageAccount],
    }),
    subresourceTarget: documented(z.string().min(1), "Sub-resource (group id) of the target, e.g. `blob`, `file`, `vault`, `registry`.", {
      examples: ["blob"],
    }),
    sparkEnabled: optional(z.boolean(), "Also open the endpoint to serverless Spark.", { default: false }),
    fqdns: optional(z.array(z.string()), "Host names to map to the endpoint. Defaults to none.", {
      examples: [["mydata.blob.core.windows.net"]],
    }),
  }),
  z.strictObject({
    type: ruleType("ServiceTag", "allows an Azure service tag (needs isolationMode AllowOnlyApprovedOutbound)"),
    serviceTag: documented(z.string().min(1), "Azure service tag.", { examples: ["AzureMachineLearning"] }),
    protocol: documented(z.string().min(1), "Protocol: `TCP`, `UDP`, `ICMP` or `*`.", { examples: ["TCP"] }),
    portRanges: documented(z.string().min(1), "Ports, e.g. `443` or `80,443` or `8000-8999`.", { examples: ["443"] }),
    action: optional(z.enum(["Allow", "Deny"]), "Allow or deny the traffic.", { default: "Allow", examples: ["Allow"] }),
  }),
]);
export const managedNetworkSchema = z
  .strictObject({
    isolationMode: optional(
      z.enum(ISOLATION_MODES),
      "Managed network isolation. It cannot be disabled again once enabled; `AllowOnlyApprovedOutbound` allows only the outbound rules (plus Azure ML's required ones).",
      { default: "AllowInternetOutbound", examples: ["AllowOnlyApprovedOutbound"] },
    ),
    outboundRules: documented(
      z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "rule names are 1-64 letters, digits, _ or -"), outboundRuleSchema).optional(),
      "Outbound rules by name (1-64 letters, digits, `_` or `-`). Defaults to none.",
      { examples: [{ pypi: { type: "FQDN", destination: "pypi.org" } }] },
    ),
  })
  .superRefine((network, ctx) => {
    for (const [ruleName, rule] of Object.entries(network.outboundRules ?? {})) {
      // docs/azure-rules/private-networking.md AZ-PE-03
      const mode = network.isolationMode ?? "AllowInternetOutbound";
      const problem = ruleTypeProblem(rule.type, mode);
      const path = mode === "Disabled" ? ["outboundRules", ruleName] : ["outboundRules", ruleName, "type"];
      if (problem) ctx.addIssue({ code: "custom", path, message: problem });
    }
  });
