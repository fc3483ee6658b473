import { mapConcurrent } from "../../../../tools/preview/policy/mapConcurrent";

describe("mapConcurrent", () => {
  it("keeps input order and never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return `${i}:${n}`;
    });
    expect(results).toEqual(["0:5", "1:1", "2:4", "3:2", "4:3"]);
    expect(peak).toBe(2);
  });

  it("handles an empty list and rejects when a call fails", async () => {
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
    await expect(
      mapConcurrent([1, 2], 4, async (n) => {
        if (n === 2) throw new Error("nope");
        return n;
      }),
    ).rejects.toThrow("nope");
  });
});
