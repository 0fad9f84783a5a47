/** A LIKE pattern matching `text` anywhere, with the pattern characters of what a person typed escaped. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
