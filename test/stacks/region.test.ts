import regionData from "../../stacks/azureRegions.json";
import { REGIONS, regionName, regionProblem } from "../../stacks/region";

describe("AZ-NAME-01 the region", () => {
  it("keeps Microsoft's list with its source and date", () => {
    expect(regionData.source).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(regionData.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(REGIONS).length).toBeGreaterThan(50);
    for (const name of Object.keys(REGIONS)) expect(name).toMatch(/^[a-z0-9]+$/);
  });

  it("accepts programmatic and display names, ignoring case and spaces", () => {
    for (const [name, display] of Object.entries(REGIONS)) {
      expect(regionProblem(name)).toBeUndefined();
      expect(regionName(display)).toBe(name);
      expect(regionName(display.toUpperCase())).toBe(name);
    }
  });

  it("refuses a value that is not a string, naming what it got", () => {
    expect(regionProblem(42)).toMatch(/got number$/);
    expect(regionProblem({ name: "westeurope" })).toMatch(/got an object$/);
    expect(regionProblem(["westeurope"])).toMatch(/got a list$/);
    expect(regionProblem(null)).toMatch(/got nothing$/);
  });

  it("refuses an unknown name, suggesting the nearest region only when one is near", () => {
    expect(regionProblem("westeuropa")).toMatch(/^"westeuropa" is not an Azure region \(did you mean "westeurope"\?\)/);
    expect(regionProblem("west-us-2")).toContain('did you mean "westus2"');
    expect(regionProblem("moon")).not.toContain("did you mean");
    expect(regionProblem("europe")).toMatch(/is not an Azure region/);
  });
});
