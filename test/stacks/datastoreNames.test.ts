import { workspaceSchema } from "../../stacks/config";

const parse = (name: string) => workspaceSchema.safeParse({ name: "lab", datastores: [{ name, container: "raw", create: {} }] });

describe("AZ-WS-06: datastore names are letters, digits and underscores, compared ignoring case", () => {
  it("accepts upper and lower case letters, digits and underscores", () => {
    for (const name of ["raw_events", "Raw_Events", "RAW2"]) expect(parse(name).success).toBe(true);
  });

  it("refuses hyphens, dots and spaces, and two names that differ only in case", () => {
    for (const name of ["raw-events", "raw.events", "raw events", ""]) expect(parse(name).success).toBe(false);
    const twins = workspaceSchema.safeParse({
      name: "lab",
      datastores: [
        { name: "Raw", container: "raw", create: {} },
        { name: "raw", container: "raw2", create: {} },
      ],
    });
    expect(twins.error?.issues.map((i) => i.message)).toEqual([expect.stringMatching(/ignore case/)]);
  });
});
