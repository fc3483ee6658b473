import * as path from "path";
import { runningPackPids, startPack, summarizeStderr } from "../../../../tools/preview/policy/pack";

const PACKS = path.resolve(__dirname, "../../../fixtures/packs");

describe("summarizeStderr", () => {
  it("skips run.js's generic preamble and colour codes", () => {
    const stderr =
      "error: [runtime] Running program '/p' failed with an unhandled exception:\n    Error: boom\n\u001b[90m    at x\u001b[39m\n";
    expect(summarizeStderr(stderr)).toBe("Error: boom");
  });

  it("joins a line ending in a colon with the next one", () => {
    expect(summarizeStderr("TSError: ⨯ Unable to compile TypeScript:\nindex.ts(1,7): error TS2322: nope\n")).toBe(
      "TSError: ⨯ Unable to compile TypeScript: index.ts(1,7): error TS2322: nope",
    );
  });

  it("is empty for empty stderr", () => {
    expect(summarizeStderr("\n  \n")).toBe("");
  });
});

describe("startPack", () => {
  const start = (packDir: string) => startPack(packDir, 30_000);

  it("reports a pack that dies while loading with its own error, in one line, and leaves nothing running", async () => {
    const error = await start(path.join(PACKS, "broken")).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^policy pack .*broken exited with code \d+: Error: fixture pack refuses to load$/);
    expect(runningPackPids()).toEqual([]);
  });

  it("rejects a directory that is not a policy pack before starting anything", async () => {
    await expect(start(PACKS)).rejects.toThrow(/^policy pack .*packs: no package\.json/);
    await expect(start(path.resolve(__dirname))).rejects.toThrow(/no package\.json/);
    expect(runningPackPids()).toEqual([]);
  });

  it("times out in one line and kills a pack that never prints its port", async () => {
    await expect(startPack(path.join(PACKS, "mini"), 1)).rejects.toThrow(/^policy pack .*mini did not print its port within 1 ms$/);
    expect(runningPackPids()).toEqual([]);
  });
});
