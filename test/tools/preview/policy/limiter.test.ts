import { createLimiter } from "../../../../tools/preview/policy/limiter";

describe("createLimiter", () => {
  it("never runs more than the limit at once and resolves each call with its own result", async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      [5, 1, 4, 2, 3].map((n, i) =>
        limit(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, n));
          running--;
          return `${i}:${n}`;
        }),
      ),
    );
    expect(results).toEqual(["0:5", "1:1", "2:4", "3:2", "4:3"]);
    expect(peak).toBe(2);
  });

  it("rejects the failed call only, and frees its slot", async () => {
    const limit = createLimiter(1);
    const failed = limit(async () => {
      throw new Error("nope");
    });
    await expect(failed).rejects.toThrow("nope");
    await expect(limit(async () => 1)).resolves.toBe(1);
  });
});
