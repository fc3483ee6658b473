import { crashSummary, issueLines } from "../../../tools/preview/shared/messages";

describe("crashSummary", () => {
  it("says out of memory in plain words instead of V8's GC trace", () => {
    const stderr =
      "\n<--- Last few GCs --->\n[123:0x1]  1000 ms: Mark-Compact 4000 MB\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n";
    expect(crashSummary("the program", stderr, null, "SIGABRT")).toBe(
      "the program ran out of memory (raise the limit with NODE_OPTIONS=--max-old-space-size=<MB>)",
    );
  });

  it("prefers the error line, else explains the exit code or signal in one line", () => {
    expect(crashSummary("p", "at x\nTypeError: boom\n    at y", 1, null)).toBe("TypeError: boom");
    expect(crashSummary("policy pack x", "", 7, null)).toBe(
      "policy pack x exited with code 7 (Node's code when its uncaught-exception handler failed)",
    );
    expect(crashSummary("p", "", null, "SIGKILL")).toMatch(/^p was killed \(SIGKILL/);
    expect(crashSummary("p", "", 3, null)).toBeUndefined();
  });
});

describe("issueLines", () => {
  it("reads the '  - ' lines under a message's first line", () => {
    expect(issueLines(new Error("config a: bad (and 1 more issue)\n  - config a: bad\n  - config b: worse"))).toEqual([
      "config a: bad",
      "config b: worse",
    ]);
    expect(issueLines(new Error("one line"))).toEqual([]);
  });
});
