/**
 * Limits of the readers, documented in docs/data-files.md. A file beyond a limit is refused with
 * a typed error naming the file, the line or byte offset and the limit, before the reader spends
 * memory or time on it. None of them depends on a count the file gives about itself.
 */

/**
 * Variables (columns) of a CSV file or a .sav file. Reading is linear in the columns, but each
 * column is an object with its own dictionary: 100,000 columns read in seconds, 1,000,000 took
 * 20 s (CSV) to 70 s (.sav) and 2.6 GB (`npm run bench -- wide`), so a file that wide is refused
 * at once instead.
 */
export const MAX_COLUMNS = 100_000;

/** Characters of a column name in a CSV header (SPSS allows 64 bytes; codebooks longer names). */
export const MAX_NAME_CHARS = 1024;

/** Characters of one CSV field (SPSS strings hold at most 32,767 bytes). */
export const MAX_FIELD_CHARS = 16 * 1024 * 1024;
