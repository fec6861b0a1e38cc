import { formatIssue, type ValidationIssue } from '../validation/validation-issue.ts';

/** A distribution with impossible parameters, or whose values could not be had. */
export class DistributionError extends Error {
  override readonly name = 'DistributionError';
  readonly code = 'InvalidDistribution';
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}
