/** Writes a file of .authflow-cache whole (partial file, then rename); false when it could not. */
export function writeCacheFile(file: string, data: string | Uint8Array): boolean;
