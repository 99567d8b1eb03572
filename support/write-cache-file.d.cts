/** Writes a file of .authflow-cache whole (a partial file of its own, then a rename); the error when it could not. */
export function writeCacheFile(file: string, data: string | Uint8Array): Error | undefined;
