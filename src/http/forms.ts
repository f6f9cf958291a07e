import { parse } from 'parse5';

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string };

export interface HtmlForm {
  action: string;
  method: 'GET' | 'POST';
  fields: [string, string][];
}

export interface PageForms {
  forms: HtmlForm[];
  /** A script or onload handler submits the first form, as LTI auto-post pages do. */
  autoSubmit: boolean;
  /** Target of a `<meta http-equiv="refresh" content="N; url=...">`, resolved against the page. */
  refresh?: string;
  /** Target of a script that only sets `location` to a string literal (a common JS redirect). */
  scriptRedirect?: string;
}

const JS_REDIRECT = /(?:window\.|top\.|self\.|document\.)?location(?:\.href)?\s*=\s*(['"])([^'"]+)\1|location\.(?:replace|assign)\(\s*(['"])([^'"]+)\3\s*\)/;

/** `0; url='/next'` -> `/next` (quotes optional, as browsers parse it). */
function refreshTarget(content: string): string | undefined {
  const m = /^\s*\d*(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?(.+)$/i.exec(content);
  const raw = m?.[1]?.trim().replace(/^(['"])(.*)\1$/, '$2').trim();
  return raw ? raw : undefined;
}

const attr = (n: Node, name: string): string | undefined => n.attrs?.find((a) => a.name === name)?.value;

/** Resolves like a browser; an unparsable URL is kept as written so the browser can say what was wrong. */
function resolveUrl(raw: string, base: string): string {
  try {
    return new URL(raw, base).toString();
  } catch {
    return raw;
  }
}

/** Visits nodes in document order without recursion: a hostile page can nest elements 100 000 deep. */
function walk(root: Node, visit: (n: Node) => void): void {
  const stack: Node[] = [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    visit(n);
    const content = (n as { content?: Node }).content;
    if (content) stack.push(content);
    const kids = n.childNodes ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

function text(n: Node): string {
  let out = '';
  walk(n, (c) => {
    if (c !== n && c.nodeName === '#text') out += c.value ?? '';
  });
  return out;
}

/** Reads forms the way a browser would submit them (hidden and text inputs, textareas). */
export function readForms(html: string, pageUrl: string): PageForms {
  const doc = parse(html) as unknown as Node;
  const forms: HtmlForm[] = [];
  let scripts = '';
  let refresh: string | undefined;
  walk(doc, (n) => {
    if (n.nodeName === 'script') scripts += text(n);
    if (n.nodeName === 'meta' && refresh === undefined && attr(n, 'http-equiv')?.toLowerCase() === 'refresh') {
      const target = refreshTarget(attr(n, 'content') ?? '');
      if (target) refresh = resolveUrl(target, pageUrl);
    }
    if (n.nodeName === 'body') scripts += attr(n, 'onload') ?? '';
    if (n.nodeName !== 'form') return;
    const fields: [string, string][] = [];
    walk(n, (c) => {
      const name = attr(c, 'name');
      if (!name || attr(c, 'disabled') !== undefined) return;
      if (c.nodeName === 'input') {
        const type = (attr(c, 'type') ?? 'text').toLowerCase();
        if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) return;
        const checkable = type === 'checkbox' || type === 'radio';
        if (checkable && attr(c, 'checked') === undefined) return;
        fields.push([name, attr(c, 'value') ?? (checkable ? 'on' : '')]);
      } else if (c.nodeName === 'textarea') fields.push([name, text(c)]);
    });
    const action = resolveUrl(attr(n, 'action') || pageUrl, pageUrl);
    forms.push({ action, method: (attr(n, 'method') ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET', fields });
  });
  const js = JS_REDIRECT.exec(scripts);
  const jsTarget = js?.[2] ?? js?.[4];
  return {
    forms,
    autoSubmit: forms.length > 0 && /\.submit\s*\(|requestSubmit\s*\(/.test(scripts),
    ...(refresh ? { refresh } : {}),
    ...(jsTarget ? { scriptRedirect: resolveUrl(jsTarget, pageUrl) } : {}),
  };
}

/** A `<meta http-equiv="refresh" content="0; url=...">` target, if the page has one. */
export function metaRefresh(html: string, pageUrl: string): string | undefined {
  return readForms(html, pageUrl).refresh;
}
