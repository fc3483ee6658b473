import { UnknownValueError } from "@pulumi/policy";

/**
 * Guarded reads of resource properties.
 *
 * Policies receive props wrapped in `unknownCheckingProxy`: reading a value that is unknown during
 * preview throws `UnknownValueError`, which the server reports as an advisory "can't run policy".
 * `Object.hasOwn` never throws, so these helpers check presence first and read only what they need.
 * Anything may arrive (missing keys, nulls, wrong types): never assume a shape.
 */
export type PropertyBag = Readonly<Record<string, unknown>>;

export function isBag(value: unknown): value is PropertyBag {
    return typeof value === "object" && value !== null;
}

/** The own property `key`, or undefined when absent. Throws UnknownValueError when unknown. */
export function prop(bag: unknown, key: string): unknown {
    return isBag(bag) && Object.hasOwn(bag, key) ? bag[key] : undefined;
}

/** `prop` along a path: `path(props, "sku", "name")`. */
export function path(bag: unknown, ...keys: string[]): unknown {
    return keys.reduce<unknown>((value, key) => prop(value, key), bag);
}

/** Case-insensitive comparison that is false for non-strings. */
export function sameText(value: unknown, expected: string): boolean {
    return typeof value === "string" && value.toLowerCase() === expected.toLowerCase();
}

export type Read<T> = { known: true; value: T } | { known: false; error: Error };

/**
 * Runs a read and turns UnknownValueError into `{ known: false }`. Use it only where a policy has a
 * better answer than the server's advisory, e.g. "an unknown output is still a value that is set".
 */
export function tryRead<T>(read: () => T): Read<T> {
    try {
        return { known: true, value: read() };
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return { known: false, error: e as Error };
        }
        throw e;
    }
}

/** Whether `key` holds a value (not absent, null or ""). An unknown value counts: it is an output. */
export function isSet(bag: unknown, key: string): boolean {
    if (!isBag(bag) || !Object.hasOwn(bag, key)) {
        return false;
    }
    const read = tryRead(() => bag[key]);
    return !read.known || (read.value !== null && read.value !== undefined && read.value !== "");
}

/** A short rendering of a value for messages (strings quoted). */
export function show(value: unknown): string {
    const text = typeof value === "string" ? `'${value}'` : String(JSON.stringify(value));
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** `show` for a property that may be unknown in preview. */
export function describeValue(bag: unknown, key: string): string {
    const read = tryRead(() => show(prop(bag, key)));
    return read.known ? read.value : "(unknown until deployment)";
}

/** Runs `check` for each item; one item's unknown value must not hide violations of the others. */
export function forEachItem<T>(items: readonly T[], check: (item: T) => void): void {
    let firstUnknown: Error | undefined;
    for (const item of items) {
        const read = tryRead(() => check(item));
        if (!read.known) {
            firstUnknown ??= read.error;
        }
    }
    if (firstUnknown) {
        // Rethrown so the server still reports "can't run policy during preview" as an advisory.
        throw firstUnknown;
    }
}

/**
 * Remediation: set one input and return the props. Mutating the props the server passed (rather than
 * copying them) keeps secrets wrapped and unknown values intact; the server serializes the result.
 */
export function withInput(props: object, key: string, value: unknown): Record<string, unknown> {
    const inputs = props as Record<string, unknown>;
    inputs[key] = value;
    return inputs;
}
