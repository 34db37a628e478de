/** The kinds of file a document can be imported from (the backend's extractors, the file picker's filter). */
export const IMPORTABLE_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.docx', '.pdf'] as const;
