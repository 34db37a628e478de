/** The milliseconds to write `file`'s bytes again (write-floor.mjs). */
export function writeFloor(file: string, work: string): Promise<number>;
