import { stripAnsi } from './scrub.js';

// A tiny XML writer: enough for JUnit. No CDATA (a `]]>` inside would end it); everything is escaped.

export type XmlAttrs = Record<string, string | number | boolean | undefined>;

export interface XmlElement {
  name: string;
  attrs?: XmlAttrs;
  children?: XmlChild[];
}

export type XmlChild = XmlElement | string;

// Characters XML 1.0 forbids outright, plus C1 controls and unpaired surrogates (the `u` flag sees them).
const ILLEGAL = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text made safe to embed: no ANSI sequences, no characters XML cannot carry. */
export function xmlSafe(s: string): string {
  return stripAnsi(s).replace(/\r\n?/g, '\n').replace(ILLEGAL, '');
}

export function escapeText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also keep their tabs and newlines (a parser would normalise them to spaces). */
export function escapeAttr(s: string): string {
  return escapeText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

export function el(name: string, attrs?: XmlAttrs, children?: XmlChild[]): XmlElement {
  return { name, ...(attrs ? { attrs } : {}), ...(children ? { children } : {}) };
}

function attrText(attrs: XmlAttrs | undefined): string {
  if (!attrs) return '';
  return Object.entries(attrs)
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
}

function render(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const open = `${pad}<${node.name}${attrText(node.attrs)}`;
  const kids = node.children ?? [];
  if (kids.length === 0) {
    out.push(`${open}/>`);
  } else if (kids.some((k) => typeof k === 'string')) {
    // Mixed or text content is written as is: indentation would change the text.
    out.push(`${open}>${kids.map((k) => (typeof k === 'string' ? escapeText(k) : renderInline(k))).join('')}</${node.name}>`);
  } else {
    out.push(`${open}>`);
    for (const k of kids) render(k as XmlElement, depth + 1, out);
    out.push(`${pad}</${node.name}>`);
  }
}

function renderInline(node: XmlElement): string {
  const out: string[] = [];
  render(node, 0, out);
  return out.join('');
}

/** Serialises a document with an XML declaration and two-space indentation. */
export function renderXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, 0, out);
  return `${out.join('\n')}\n`;
}
