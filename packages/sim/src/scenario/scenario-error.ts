import { formatIssue, type ValidationIssue } from '../validation/validation-issue.ts';

/** A ValidationIssue with where it sits in the scenario text, when that is known. */
export interface ScenarioIssue extends ValidationIssue {
  /** 1-based line and column in the scenario text. */
  line?: number;
  column?: number;
}

/** A scenario file that could not be read as a valid scenario; lists every issue found. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly code = 'InvalidScenario';
  constructor(
    /** The file name the caller gave, used only in messages. */
    readonly file: string,
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(formatIssues(file, issues));
  }
}

function formatIssues(file: string, issues: readonly ScenarioIssue[]): string {
  return issues
    .map((issue) => {
      const at = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column ?? 1}`;
      return `${at}: ${formatIssue(issue)}`;
    })
    .join('\n');
}

/** One line per issue: `file:line:column: path: expected …, found …`. */
export function formatScenarioError(error: ScenarioError): string {
  return formatIssues(error.file, error.issues);
}
