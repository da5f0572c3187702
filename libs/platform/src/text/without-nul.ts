/** Text without NUL characters, which Postgres refuses in text and JSON (a mail's encoded header may carry one). */
export const withoutNul = (text: string): string => text.replace(/\u0000/g, '');
