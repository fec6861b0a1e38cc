/** Scenario text (YAML, or JSON, which YAML 1.2 reads too) → a validated Scenario. */
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { IssuePath, ValidationIssue } from '../validation/validation-issue.ts';
import { safeParseWithIssues } from '../validation/zod-issues.ts';
import { scenarioIssues } from './scenario-checks.ts';
import { ScenarioError, type ScenarioIssue } from './scenario-error.ts';
import { scenarioSchema } from './scenario-schema.ts';
import type { Scenario } from './scenario.ts';

/** Line and column of the deepest node on `path` that the document has (a missing field's parent). */
function locate(
  document: Document,
  lines: LineCounter,
  path: IssuePath,
): { line: number; column: number } | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as { range?: [number, ...number[]] };
    if (node?.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

function located(
  issues: readonly ValidationIssue[],
  document: Document,
  lines: LineCounter,
): ScenarioIssue[] {
  return issues.map((issue) => ({ ...issue, ...locate(document, lines, issue.path) }));
}

/**
 * Parses and validates scenario `text`; `file` names it in errors. Throws a ScenarioError that
 * lists every issue with its path, and its line when known.
 */
export function parseScenario(text: string, file: string): Scenario {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ScenarioError(
      file,
      document.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { path: [], expected: 'YAML or JSON', found: error.message, line, column: col };
      }),
    );
  }
  const parsed = safeParseWithIssues(scenarioSchema, document.toJS());
  if (!parsed.ok) throw new ScenarioError(file, located(parsed.issues, document, lines));
  const inconsistent = scenarioIssues(parsed.value);
  if (inconsistent.length > 0)
    throw new ScenarioError(file, located(inconsistent, document, lines));
  return parsed.value;
}
