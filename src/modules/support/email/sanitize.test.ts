import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './sanitize.js';

// Nothing in a mail's HTML may make the agent's browser fetch anything: no tracking pixel, no inline
// cid: image (those are kept as files instead), no stylesheet or CSS url().
describe('sanitizeEmailHtml: nothing is fetched', () => {
  it.each([
    ['remote image', '<img src="https://t.example/p.gif" width="1" height="1">'],
    ['cid image', '<img src="cid:logo@x">'],
    ['srcset', '<img srcset="https://t.example/a.png 2x">'],
    ['picture', '<picture><source srcset="https://t.example/a.webp"></picture>'],
    ['css background', '<div style="background:url(https://t.example/b.png)">x</div>'],
    ['background attribute', '<table background="https://t.example/c.png"><tr><td>x</td></tr></table>'],
    ['td background', '<table><tr><td background="cid:bg">x</td></tr></table>'],
    ['stylesheet', '<link rel="stylesheet" href="https://t.example/s.css">'],
    ['style import', '<style>@import url(https://t.example/s.css)</style>'],
    ['svg image', '<svg><image href="https://t.example/s.png"/></svg>'],
    ['video poster', '<video poster="https://t.example/v.png"></video>'],
    ['input image', '<input type="image" src="https://t.example/i.png">'],
    ['object', '<object data="https://t.example/o.swf"></object>'],
  ])('%s', (_name, html) => {
    const out = sanitizeEmailHtml(`<p>Hi</p>${html}`);
    expect(out).not.toMatch(/t\.example|cid:|url\(|src|background|<img|<svg|<link|<style|<video|<object/i);
    expect(out).toContain('Hi');
  });

  it('keeps a link, without a referrer', () => {
    expect(sanitizeEmailHtml('<a href="https://ok.example/x">ok</a>')).toBe(
      '<a href="https://ok.example/x" target="_blank" rel="noopener noreferrer nofollow">ok</a>',
    );
  });
});
