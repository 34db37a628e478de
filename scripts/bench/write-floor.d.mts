/** The milliseconds to write `file`'s bytes again (write-floor.mjs). */
export function writeFloor(file: string, work: string): Promise<number>;
/** Writes what the system holds unwritten to disk before a timed write (write-floor.mjs). */
export function flushWrites(): void;
/** writeFloor in a Node process of its own (write-floor.mjs). */
export function writeFloorApart(file: string, work: string): number;
