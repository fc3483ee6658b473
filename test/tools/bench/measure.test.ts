import { previewProcess } from "../../../tools/bench/measure";

describe("previewProcess", () => {
  it("names the CLI, a stack worker (in this repo or installed) and the policy pack by their command lines", () => {
    const repo = "/work/main";
    expect(previewProcess(`node ${repo}/tools/preview/bin.js --cwd /tmp/p --format json`, true)).toBe("host");
    const worker = `/usr/bin/node -r ${repo}/tools/preview/boot/preload.js --max-old-space-size=4096 ${repo}/tools/preview/worker/main.ts`;
    expect(previewProcess(worker, false)).toBe("worker");
    expect(previewProcess("node -r x/preload.js /p/node_modules/azure-ml-workspaces-preview/worker/main.js", false)).toBe("worker");
    const pack = `/usr/bin/node -r ${repo}/tools/preview/policy/packPreload.js ${repo}/node_modules/@pulumi/pulumi/cmd/run-policy-pack/index.js 127.0.0.1:0 .`;
    expect(previewProcess(pack, false)).toBe("pack");
    expect(previewProcess("/bin/sh -c trap '' INT TERM HUP", false)).toBe("other");
    // A project whose own path merely contains the words is not taken for a worker or a pack.
    expect(previewProcess("node /home/u/worker/mainframe.ts", false)).toBe("other");
    expect(previewProcess("node /home/u/run-policy-pack-notes.js", false)).toBe("other");
  });
});
