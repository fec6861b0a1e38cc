import { WfmError } from '@relais/wfm';
import { InputError } from '../simulate/scenario-files.ts';

/**
 * Runs a WFM command's work; an input it cannot use (a WfmError from the maths, an unreadable
 * or malformed file) is reported on stderr with exit code 2, anything else is a bug and thrown.
 */
export function reportingInputErrors(command: string, work: () => number): number {
  try {
    return work();
  } catch (error) {
    if (error instanceof WfmError || error instanceof InputError) {
      console.error(`relais ${command}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
