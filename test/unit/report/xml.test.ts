import { describe, expect, it } from 'vitest';
import { el, escapeAttr, escapeText, renderXml, xmlSafe } from '../../../src/report/xml.js';

describe('xml writer', () => {
  it('escapes markup in text and attributes', () => {
    expect(escapeText(`a & b < c > d ]]> "q" 'a'`)).toBe(`a &amp; b &lt; c &gt; d ]]&gt; "q" 'a'`);
    expect(escapeAttr(`"q" 'a' <&>\tx\ny`)).toBe('&quot;q&quot; &apos;a&apos; &lt;&amp;&gt;&#9;x&#10;y');
  });

  it('strips ANSI sequences, control characters and lone surrogates, keeps real text', () => {
    expect(xmlSafe('\u001b[1;31mred\u001b[0m \u001b]8;;https://x\u0007link\u001b]8;;\u0007')).toBe('red link');
    expect(xmlSafe('a\u0000b\u0001c\u0008d\u000be\u000cf\u007fg\u0085h\ufffei')).toBe('abcdefghi');
    expect(xmlSafe('tab\tnl\ncr\r\nend')).toBe('tab\tnl\ncr\nend');
    expect(xmlSafe('lone \ud800 pair \u{1f600} é')).toBe('lone  pair \u{1f600} é');
  });

  it('renders nested elements with indentation and text content verbatim', () => {
    const doc = renderXml(el('a', { x: 1, skip: undefined, y: 'v' }, [el('b'), el('c', undefined, ['line 1\n  line 2'])]));
    expect(doc).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1" y="v">\n  <b/>\n  <c>line 1\n  line 2</c>\n</a>\n');
  });
});
