import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../bots/app/report-cli/csv.ts';
import { parseReportArgs } from '../../../bots/app/report-cli/report-args.ts';

describe('report CSV', () => {
  it('should leave plain text and numbers as they are', () => {
    expect(csvField('Ann Example')).toBe('Ann Example');
    expect(csvField(42)).toBe('42');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });

  it('should quote a field and double its quotes when it holds a comma, a quote or a line break', () => {
    expect(csvField('Smith, Ann')).toBe('"Smith, Ann"');
    expect(csvField('Ann "the helper" Smith')).toBe('"Ann ""the helper"" Smith"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('should prefix a text a spreadsheet would run as a formula with an apostrophe', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+5')).toBe("'+5");
    expect(csvField('-')).toBe("'-");
  });

  it('should end every line with CRLF and read back the same fields when parsed as RFC 4180', () => {
    const csv = toCsv(['name', 'why'], [['Smith, Ann', 'said "thanks"\nthree times'], ['Bob', '']]);
    expect(csv).toBe('name,why\r\n"Smith, Ann","said ""thanks""\nthree times"\r\nBob,\r\n');
    expect(parseCsv(csv)).toEqual([['name', 'why'], ['Smith, Ann', 'said "thanks"\nthree times'], ['Bob', '']]);
  });
});

describe('heimo report arguments', () => {
  it('should read the format, days and community when they are given', () => {
    expect(parseReportArgs('ambassadors', ['--format', 'csv'])).toEqual({ format: 'csv', days: 7 });
    expect(parseReportArgs('ambassadors', ['--format=json', '--days', '30', '--community', 'acme'])).toEqual({ format: 'json', days: 30, community: 'acme' });
  });

  it('should refuse a missing or unknown format, bad days and unknown reports with the usage', () => {
    expect(() => parseReportArgs('ambassadors', [])).toThrow(/--format must be csv or json, got ""/);
    expect(() => parseReportArgs('ambassadors', ['--format', 'xml'])).toThrow(/--format must be csv or json, got "xml"\nusage: heimo report ambassadors/);
    expect(() => parseReportArgs('ambassadors', ['--format', 'csv', '--days', '0'])).toThrow(/--days must be a whole number from 1 to 366/);
    expect(() => parseReportArgs('ambassadors', ['--format', 'csv', '--days', 'week'])).toThrow(/--days must be/);
    expect(() => parseReportArgs('helpers', ['--format', 'csv'])).toThrow(/unknown report "helpers"/);
    expect(() => parseReportArgs('ambassadors', ['--format', 'csv', '--verbose'])).toThrow(/Unknown option '--verbose'/);
  });
});

// A small RFC 4180 reader, to show the writer's output reads back as written.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  return rows;
}
