import { StoreError } from '@relais/store';
import { describe, expect, it } from 'vitest';
import { toApiError } from './errors.ts';

describe('store refusals as HTTP answers', () => {
  it('a conflict is 409, a bad value 422 (LIVE13), the rest the server’s fault', () => {
    const status = (code: ConstructorParameters<typeof StoreError>[0]): number =>
      toApiError(new StoreError(code, `refused: ${code}`)).status;
    expect(status('VersionConflict')).toBe(409);
    expect(status('Duplicate')).toBe(409);
    expect(status('InvalidValue')).toBe(422);
    expect(status('LogGap')).toBe(500);
    expect(status('MigrationOrder')).toBe(500);
    const answer = toApiError(new StoreError('InvalidValue', 'atMs is NaN'));
    expect(answer).toMatchObject({ code: 'InvalidValue', message: 'atMs is NaN' });
  });
});
