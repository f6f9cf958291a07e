import { describe, expect, it } from 'vitest';
import { metaRefresh, readForms, type PageForms } from '../../../src/http/forms.js';

const PAGE = 'https://tool.example/lti/login/start';

describe('readForms', () => {
  it.each<[string, string, PageForms]>([
    ['no form at all', '<p>hello</p><script>document.forms[0].submit()</script>', { forms: [], autoSubmit: false }],
    ['hidden inputs of an LTI auto-post page (onload)',
      '<body onload="document.forms[0].submit()"><form method="post" action="https://tool.example/launch">'
      + '<input type="hidden" name="id_token" value="a.b.c"><input type="hidden" name="state" value="s&amp;1"></form></body>',
      { forms: [{ action: 'https://tool.example/launch', method: 'POST', fields: [['id_token', 'a.b.c'], ['state', 's&1']] }], autoSubmit: true }],
    ['a script calling .submit()',
      '<form method="POST" action="/auth"><input type="hidden" name="a" value="1"></form><script>document.getElementById("f").submit();</script>',
      { forms: [{ action: 'https://tool.example/auth', method: 'POST', fields: [['a', '1']] }], autoSubmit: true }],
    ['a script calling requestSubmit()',
      '<form method="POST" action="/auth"></form><script>document.forms[0].requestSubmit()</script>',
      { forms: [{ action: 'https://tool.example/auth', method: 'POST', fields: [] }], autoSubmit: true }],
    ['a form nobody submits',
      '<form method="POST" action="/auth"><input name="q" value="x"><button type="submit">Go</button></form>',
      { forms: [{ action: 'https://tool.example/auth', method: 'POST', fields: [['q', 'x']] }], autoSubmit: false }],
    ['default method GET and relative action resolved against the page',
      '<form action="../next?x=1"><input name="q" value="1"></form>',
      { forms: [{ action: 'https://tool.example/lti/next?x=1', method: 'GET', fields: [['q', '1']] }], autoSubmit: false }],
    ['no action submits to the page itself',
      '<form method="get"><input name="q"></form>',
      { forms: [{ action: PAGE, method: 'GET', fields: [['q', '']] }], autoSubmit: false }],
    ['an unparsable action is kept as written', '<form method="post" action="http://[::1"></form>',
      { forms: [{ action: 'http://[::1', method: 'POST', fields: [] }], autoSubmit: false }],
    ['an unknown method is GET', '<form method="dialog" action="/a"></form>',
      { forms: [{ action: 'https://tool.example/a', method: 'GET', fields: [] }], autoSubmit: false }],
  ])('%s', (_name, html, expected) => {
    expect(readForms(html, PAGE)).toEqual(expected);
  });

  it('reads textarea text, skips unchecked boxes and radios, buttons, files, nameless and disabled inputs', () => {
    const html = `<form method="post" action="/x">
      <textarea name="msg">line one
line two</textarea>
      <input type="checkbox" name="unchecked" value="no">
      <input type="checkbox" name="checked" value="yes" checked>
      <input type="radio" name="r" value="a"><input type="radio" name="r" value="b" checked>
      <input type="submit" name="go" value="Go"><input type="button" name="b"><input type="image" name="i">
      <input type="reset" name="rs"><input type="file" name="f">
      <input value="nameless"><input name="off" value="1" disabled>
      <input type="TEXT" name="t" value="v"><input type="email" name="e" value="a@b">
    </form>`;
    expect(readForms(html, PAGE).forms[0]?.fields).toEqual([
      ['msg', 'line one\nline two'], ['checked', 'yes'], ['r', 'b'], ['t', 'v'], ['e', 'a@b'],
    ]);
  });

  it('keeps field order and repeated names', () => {
    const html = '<form><input type="hidden" name="a" value="1"><input type="hidden" name="b" value="2"><input type="hidden" name="a" value="3"></form>';
    expect(readForms(html, PAGE).forms[0]?.fields).toEqual([['a', '1'], ['b', '2'], ['a', '3']]);
  });

  it('reads every form in document order; auto-submit is about the page', () => {
    const html = '<form action="/one"></form><form action="/two" method="post"></form><body onload="document.forms[1].submit()">';
    const page = readForms(html, PAGE);
    expect(page.forms.map((f) => [f.action, f.method])).toEqual([['https://tool.example/one', 'GET'], ['https://tool.example/two', 'POST']]);
    expect(page.autoSubmit).toBe(true);
  });

  it('a script that mentions submit without calling it is not auto-submit', () => {
    expect(readForms('<form action="/a"></form><script>var submitted = false;</script>', PAGE).autoSubmit).toBe(false);
  });
});

describe('metaRefresh', () => {
  it.each<[string, string, string | undefined]>([
    ['a relative url', '<meta http-equiv="refresh" content="0; url=/lti/launch">', 'https://tool.example/lti/launch'],
    ['an absolute url, upper case URL=, no space', '<meta http-equiv="Refresh" content="3;URL=https://other.example/x?a=1">', 'https://other.example/x?a=1'],
    ['single quotes around attributes', "<meta http-equiv='refresh' content='0; url=next'>", 'https://tool.example/lti/login/next'],
    ['unquoted attributes', '<meta http-equiv=refresh content="0; url=/a">', 'https://tool.example/a'],
    ['a refresh without a url', '<meta http-equiv="refresh" content="30">', undefined],
    ['no meta refresh', '<meta charset="utf-8"><p>hi</p>', undefined],
  ])('%s', (_name, html, expected) => {
    expect(metaRefresh(html, PAGE)).toBe(expected);
  });
});

describe('readForms script redirects', () => {
  it.each([
    ['<script>window.location.href = "/next?a=1";</script>', 'https://tool.example/next?a=1'],
    ["<script>location.replace('https://other.example/x')</script>", 'https://other.example/x'],
    ["<script>top.location = '/top'</script>", 'https://tool.example/top'],
  ])('%s -> %s', (html, target) => {
    expect(readForms(html, 'https://tool.example/page').scriptRedirect).toBe(target);
  });

  it('ignores scripts that compute the target', () => {
    expect(readForms('<script>location.href = base + "/x"</script>', 'https://tool.example/').scriptRedirect).toBeUndefined();
  });
});
