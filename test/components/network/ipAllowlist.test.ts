import { MAX_IP_RULES, ipAllowlistCommands, ipRuleProblem } from "../../../components/network/ipAllowlist";
import { promiseOf } from "../../mockRuntime";

describe("AZ-PE-10: an IP rule is a public IPv4 address or CIDR range", () => {
  it.each(["16.17.18.19", "16.17.18.0/24", "20.0.0.0/8", "8.8.8.8/32"])("accepts %s", (value) =>
    expect(ipRuleProblem(value)).toBeUndefined(),
  );

  it.each(["2001:db8::1", "16.17.18", "16.17.18.256", "16.17.18.0/33", "https://16.17.18.19", "16.17.18.19 "])(
    "refuses malformed %p",
    (value) => expect(ipRuleProblem(value)).toContain("must be an IPv4 address or CIDR range"),
  );

  it.each([
    ["10.1.2.3", "10.0.0.0/8"],
    ["172.20.0.0/16", "172.16.0.0/12"],
    ["192.168.1.0/24", "192.168.0.0/16"],
    ["127.0.0.1", "127.0.0.0/8"],
    ["8.0.0.0/5", "10.0.0.0/8"],
  ])("refuses %s, which overlaps the reserved %s", (value, range) => expect(ipRuleProblem(value)).toContain(`reserved range ${range}`));

  it("caps a workspace at 200 rules", () => expect(MAX_IP_RULES).toBe(200));
});

describe("AZ-PE-11: the allow-list is applied after creation with az ml workspace network-rule add", () => {
  it("gives one command per rule for the created workspace", async () => {
    await expect(promiseOf(ipAllowlistCommands(["16.17.18.0/24", "20.30.40.50"], "mlw-team-a-abc", "rg-team-a"))).resolves.toEqual([
      "az ml workspace network-rule add --resource-group rg-team-a --workspace-name mlw-team-a-abc --ip-address 16.17.18.0/24",
      "az ml workspace network-rule add --resource-group rg-team-a --workspace-name mlw-team-a-abc --ip-address 20.30.40.50",
    ]);
  });
});
