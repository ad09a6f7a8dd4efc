// Which documents the client sends to the server. Pure of `vscode` so it is unit-tested
// against editors/languages.json, the list every editor config is checked against.

/** The languages the server parses (VS Code language ids). */
export const PARSED_LANGUAGES = [
  "rust",
  "python",
  "javascript",
  "javascriptreact",
  "typescript",
  "typescriptreact",
] as const;

export interface DocumentFilterLike {
  scheme: string;
  language?: string;
}

/**
 * The parsed languages, saved or not, then every file on disk: secrets can be in any file,
 * and the server checks unknown languages as plain text.
 */
export function documentSelector(): DocumentFilterLike[] {
  return [
    ...PARSED_LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    { scheme: "file" },
  ];
}
