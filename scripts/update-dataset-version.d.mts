/** Types of update-dataset-version.mjs, for the test that checks the recorded digests. */
export function dataFiles(): string[];
export function digests(): Record<string, string>;
