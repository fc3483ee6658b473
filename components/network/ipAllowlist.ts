import * as pulumi from "@pulumi/pulumi";

/**
 * A workspace's public access from selected IP addresses (docs/azure-rules/private-networking.md AZ-PE-10, AZ-PE-11):
 * what Azure accepts, and the Azure CLI steps that apply it. azure-native's `machinelearningservices.Workspace` (API
 * 2025-12-01) has no `ipAllowlist` or `networkAcls` input, and Azure takes the addresses only once the workspace
 * exists, so nothing here is sent: the stack output lists the commands instead.
 */

/** Rules a workspace takes at most. */
export const MAX_IP_RULES = 200;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?:\/(3[0-2]|[12]?\d))?$/;

/** Reserved IPv4 ranges (RFC 6890): not public internet addresses, so Azure refuses them in IP rules. */
const RESERVED: readonly [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

const toNumber = (address: string) => address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);

/** Whether the ranges `a/aBits` and `b/bBits` share an address. */
function overlaps(a: number, aBits: number, b: number, bBits: number): boolean {
  const bits = Math.min(aBits, bBits);
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** Why `value` is not an IP rule Azure takes (an IPv4 address or CIDR range on the public internet), or undefined. */
export function ipRuleProblem(value: string): string | undefined {
  if (!IPV4.test(value)) return "must be an IPv4 address or CIDR range such as 16.17.18.19 or 16.17.18.0/24 (IPv6 is not supported)";
  const [address, bits] = value.split("/");
  const prefix = bits === undefined ? 32 : Number(bits);
  const reserved = RESERVED.find(([range, rangeBits]) => overlaps(toNumber(address), prefix, toNumber(range), rangeBits));
  if (reserved) return `must be a public internet address: ${value} overlaps the reserved range ${reserved[0]}/${reserved[1]}`;
  return undefined;
}

/** The Azure CLI commands that add the rules to a created workspace (`az ml workspace network-rule add`). */
export function ipAllowlistCommands(
  rules: readonly string[],
  workspaceName: pulumi.Input<string>,
  resourceGroupName: pulumi.Input<string>,
): pulumi.Output<string[]> {
  return pulumi
    .all([workspaceName, resourceGroupName])
    .apply(([ws, rg]) =>
      rules.map((ip) => `az ml workspace network-rule add --resource-group ${rg} --workspace-name ${ws} --ip-address ${ip}`),
    );
}
