import { StoreError } from '../errors.ts';
import { isViolation } from './executor.ts';

/** Runs a write whose only reference is its tenant, turning a missing tenant into UnknownTenant. */
export async function forTenant<T>(tenantId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isViolation(error, 'foreignKey')) {
      throw new StoreError('UnknownTenant', `no tenant ${tenantId}`, { tenantId });
    }
    throw error;
  }
}
