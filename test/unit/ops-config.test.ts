import { describe, expect, it } from 'vitest';
import { readAppEnv } from '../../config/app-env.ts';

describe('METRICS_PORT and HEIMO_ADMIN_TOKEN', () => {
  it('should leave both off when they are unset', () => {
    expect(readAppEnv({})).toMatchObject({ metricsPort: null, adminToken: null });
  });

  it('should read the metrics port and the admin token when they are set', () => {
    expect(readAppEnv({ METRICS_PORT: '9464', HEIMO_ADMIN_TOKEN: ' 0123456789abcdef ' })).toMatchObject({ metricsPort: 9464, adminToken: '0123456789abcdef' });
  });

  it('should name the variable without echoing the token when a value is bad', () => {
    expect(() => readAppEnv({ METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT must be a whole number/);
    expect(() => readAppEnv({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
    let message = '';
    try {
      readAppEnv({ HEIMO_ADMIN_TOKEN: 'short-secret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('HEIMO_ADMIN_TOKEN must be at least 16 characters long');
  });
});
