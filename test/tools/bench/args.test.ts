import { parseBenchArgs } from "../../../tools/bench/args";
import { median, spread } from "../../../tools/bench/stats";

describe("parseBenchArgs", () => {
  it("defaults to 3 runs of 1, 10, 100 and 1000 workspaces against team-b, as a table", () => {
    expect(parseBenchArgs([])).toEqual({
      json: false,
      runs: 3,
      largeRuns: 3,
      sizes: [1, 10, 100, 1000],
      baselineStack: "team-b",
      keep: false,
      help: false,
    });
  });

  it("reads the options", () => {
    expect(
      parseBenchArgs(["--json", "--runs", "5", "--large-runs", "1", "--sizes", "10,1,10", "--baseline-stack", "team-a", "--keep"]),
    ).toEqual({
      json: true,
      runs: 5,
      largeRuns: 1,
      sizes: [1, 10],
      baselineStack: "team-a",
      keep: true,
      help: false,
    });
  });

  it("refuses bad values in one line naming the option", () => {
    expect(() => parseBenchArgs(["--runs", "0"])).toThrow('--runs = "0": must be a whole number from 1 to 50');
    expect(() => parseBenchArgs(["--sizes", "1,x"])).toThrow('--sizes = "x": must be a whole number from 1 to 2000');
    expect(() => parseBenchArgs(["--fast"])).toThrow(/--fast/);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(spread([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(() => median([])).toThrow("median of no values");
  });
});
