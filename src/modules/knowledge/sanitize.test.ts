import { describe, expect, it } from 'vitest';
import { plainText, sanitizeArticleHtml, summaryOf } from './sanitize.js';

describe('article bodies', () => {
  it('keep formatting and site images, drop scripts, handlers and remote images', () => {
    const html = sanitizeArticleHtml(
      '<h1>Title</h1><p onclick="x()">Hi <b>there</b></p><script>alert(1)</script>' +
        '<img src="https://evil.example/p.gif"><img src="/help/files/0b6f7a9e-3f0c-4c4e-9a51-1c2d3e4f5a6b" alt="chart">',
    );
    expect(html).toBe(
      '<h2>Title</h2><p>Hi <b>there</b></p><img src="/help/files/0b6f7a9e-3f0c-4c4e-9a51-1c2d3e4f5a6b" alt="chart" />',
    );
  });

  it('mark external links nofollow and keep site links as they are', () => {
    expect(sanitizeArticleHtml('<a href="https://x.example">x</a><a href="/help/en/a">a</a>')).toBe(
      '<a href="https://x.example" rel="noopener noreferrer nofollow">x</a><a href="/help/en/a">a</a>',
    );
  });

  it('read as plain text with every kind of character reference decoded', () => {
    expect(plainText('<p>Fees&nbsp;&amp; limits&hellip;</p><p>&#1605;&#x631;&#x62D;&#x628;&#x627;</p>')).toBe(
      // the no-break space is whitespace, collapsed like any other
      'Fees & limits… مرحبا',
    );
  });

  it('never produce a lone surrogate or NUL from a crafted reference', () => {
    const text = plainText('<p>a&#xD800;b&#0;c</p>');
    expect(text).not.toMatch(/[\uD800-\uDFFF\0]/);
    expect(text).toBe('a\uFFFDb\uFFFDc');
  });

  it('cut summaries at a word boundary', () => {
    expect(summaryOf('one two three four', 10)).toBe('one two…');
    expect(summaryOf('short', 10)).toBe('short');
  });
});
