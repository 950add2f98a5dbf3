import { describe, expect, it } from 'vitest';
import { readAppEnv } from '../../config/app-env.ts';
import { readEnv, text, wholeNumber } from '../../config/env-schema.ts';
import { lineAndColumn, parseNetwork, parseNetworkJson } from '../../config/load-network.ts';
import { thrown } from '../support/thrown.ts';


describe('environment schema', () => {
  it('should say what range a number must be in and what it got when PORT is malformed', () => {
    const error = thrown(() => readAppEnv({ PORT: 'x' }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', variable: 'PORT', message: 'PORT must be a whole number from 0 to 65535, got "x"' });
  });

  it('should name every missing variable at once when several required ones are unset', () => {
    const error = thrown(() => readEnv({ A_URL: text(), B_ID: text(), C_PORT: wholeNumber().default(1) }, {}, 'to do the thing'));
    expect(error).toMatchObject({ code: 'CONFIG_MISSING', variable: 'A_URL', message: 'A_URL and B_ID are required to do the thing' });
  });

  it('should never echo a database url when it is malformed', () => {
    const error = thrown(() => readAppEnv({ DATABASE_URL: 'postgresql://heimo:hunter2@[bad' }));
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).not.toContain('hunter2');
  });

  it('should treat a blank value as unset when a variable has a default', () => {
    expect(readAppEnv({ PORT: '  ', LOG_LEVEL: '' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });

  it('should accept a log level in any case when LOG_LEVEL is set', () => {
    expect(readAppEnv({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(thrown(() => readAppEnv({ LOG_LEVEL: 'loud' })).message).toBe('LOG_LEVEL must be one of debug, info, warn, error, silent, got "loud"');
  });
});

describe('network file JSON', () => {
  it('should give line and column when the JSON has a syntax error', () => {
    const text = '{\n  "communities": [\n    { "id": "acme", "routes": [1,] }\n  ]\n}';
    const error = thrown(() => parseNetworkJson(text, '/etc/heimo/network.json'));
    expect(error.variable).toBe('HEIMO_CONFIG');
    expect(error.message).toBe("HEIMO_CONFIG: /etc/heimo/network.json is not valid JSON at line 3, column 34: Unexpected token ']'");
  });

  it('should point past the last character when the file ends too early', () => {
    expect(thrown(() => parseNetworkJson('{\n  "communities": [', 'n.json')).message).toContain('at line 2, column 19: Unexpected end of JSON input');
  });

  it('should read a file that starts with a byte order mark', () => {
    expect(parseNetworkJson('\uFEFF{"communities": []}', 'n.json')).toEqual({ communities: [] });
  });

  it('should count lines and columns from one', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('should name the root when the file is not an object and keep unknown keys out', () => {
    expect(thrown(() => parseNetwork([1])).message).toBe('HEIMO_CONFIG: (root) must be an object');
    expect(parseNetwork({ $comment: 'x' })).toEqual({ communities: [], internalMarkers: ['//', 'note:'] });
  });

  it('should name the list when communities is not an array', () => {
    expect(thrown(() => parseNetwork({ communities: {} })).message).toBe('HEIMO_CONFIG: communities must be an array');
  });
});
