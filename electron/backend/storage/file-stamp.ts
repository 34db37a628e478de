/** A moment as it appears in the names of files kept aside and of backups: an ISO time with no `:` or `.`. */
export const fileStamp = (date: Date): string => date.toISOString().replace(/[:.]/g, '-');
