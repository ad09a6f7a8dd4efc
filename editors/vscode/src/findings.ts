// Small pure helpers over diagnostics, typed structurally so they work on both
// `vscode.Diagnostic` and plain test objects.

export interface PositionLike {
  line: number;
  character: number;
}

export interface DiagnosticLike {
  source?: string;
  code?: string | number | { value: string | number; target?: unknown };
  range: { start: PositionLike; end: PositionLike };
}

export const VIGIL_SOURCE = "vigil";

/** Counts vigil's diagnostics over every document. */
export function countFindings(perDocument: ReadonlyArray<readonly [unknown, readonly DiagnosticLike[]]>): number {
  let count = 0;
  for (const [, diagnostics] of perDocument) {
    count += diagnostics.filter((d) => d.source === VIGIL_SOURCE).length;
  }
  return count;
}

/** The rule id of a diagnostic: its `code`, which VS Code may wrap as `{ value, target }`. */
export function ruleIdOf(diagnostic: DiagnosticLike): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) {
    return undefined;
  }
  if (typeof code === "object") {
    return String(code.value);
  }
  return String(code);
}

/**
 * The rule ids of vigil's diagnostics that contain the cursor, narrowest range first.
 * A cursor touching either end of a range counts, as it does for hover.
 */
export function rulesAtCursor(diagnostics: readonly DiagnosticLike[], cursor: PositionLike): string[] {
  const hits = diagnostics
    .filter((d) => d.source === VIGIL_SOURCE && contains(d.range, cursor))
    .sort((a, b) => span(a.range) - span(b.range));
  const ids: string[] = [];
  for (const d of hits) {
    const id = ruleIdOf(d);
    if (id && !ids.includes(id)) {
      ids.push(id);
    }
  }
  return ids;
}

/** The status bar text for a finding count. */
export function statusText(count: number): string {
  return count === 0 ? "$(shield) vigil" : `$(shield) vigil: ${count}`;
}

function contains(range: { start: PositionLike; end: PositionLike }, p: PositionLike): boolean {
  return compare(range.start, p) <= 0 && compare(p, range.end) <= 0;
}

function compare(a: PositionLike, b: PositionLike): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

function span(range: { start: PositionLike; end: PositionLike }): number {
  // Lines dominate; a multi-line range is always wider than a single-line one.
  return (range.end.line - range.start.line) * 1_000_000 + (range.end.character - range.start.character);
}
