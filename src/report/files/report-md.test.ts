/**
 * report.md escaping (issue 16, item 7): a name holding a URL, a www. host or
 * an e-mail address must not become a live link in GitHub-flavoured
 * Markdown. Expected strings are written by hand from the GFM autolink rules
 * (a `scheme://`, `www.` or `@` broken by a backslash escape is no autolink).
 */
import { describe, expect, it } from 'vitest';
import { mdText } from './report-md.js';

describe('mdText', () => {
  it('breaks autolinks in names', () => {
    expect(mdText('Gmina https://evil.example/x')).toBe('Gmina https\\://evil.example/x');
    expect(mdText('see www.evil.example')).toBe('see www\\.evil.example');
    expect(mdText('mail wojt@gmina.pl')).toBe('mail wojt\\@gmina.pl');
    expect(mdText('<http://x.pl>')).toBe('&lt;http\\://x.pl&gt;');
  });

  it('leaves ordinary names alone', () => {
    expect(mdText('Jabłonowo Pomorskie')).toBe('Jabłonowo Pomorskie');
    expect(mdText('Note: 3 km')).toBe('Note: 3 km');
  });
});
