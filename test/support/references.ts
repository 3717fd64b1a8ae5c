/**
 * What a reference in the repository may point to: the project's own files. A `docs/core/<file>.md#<heading>`
 * reference (code comments, schema descriptions, check sources, README) must name an existing file and
 * heading; a relative Markdown link must resolve the same way; nothing may send a reader to the team's
 * research notes outside the repository.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Names of documents that live outside the repository (built from parts, so this file does not match itself). */
const OUTSIDE = new RegExp(['shared/' + 'spec', '\\.\\./' + 'shared/', '/work/' + 'shared', 'capabilities' + '\\.md', 'interfaces' + '\\.md'].join('|'));
const CORE_DOC_REFERENCE = /docs\/core\/([\w.-]+\.md)(?:#([\w-]+))?/g;
const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;

export interface BrokenReference {
  file: string;
  line: number;
  reference: string;
  problem: string;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
export function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings (outside code blocks). */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (heading?.[1]) anchors.add(slugOf(heading[1]));
  }
  return anchors;
}

/** Why `target#anchor` (a path from the repository root) does not resolve, or undefined when it does. */
export function unresolved(root: string, target: string, anchor: string | undefined): string | undefined {
  const file = path.join(root, target);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return `no file ${target}`;
  if (anchor === undefined) return undefined;
  return anchorsOf(fs.readFileSync(file, 'utf8')).has(anchor) ? undefined : `no heading #${anchor} in ${target}`;
}

/** Every broken reference in one file's text; `file` is its path from the repository root. */
export function brokenReferences(root: string, file: string, text: string): BrokenReference[] {
  const broken: BrokenReference[] = [];
  text.split('\n').forEach((line, index) => {
    const at = (reference: string, problem: string): void => void broken.push({ file, line: index + 1, reference, problem });
    const outside = OUTSIDE.exec(line);
    if (outside) at(outside[0], 'points outside the repository; cite docs/core/ instead');
    for (const match of line.matchAll(CORE_DOC_REFERENCE)) {
      const problem = unresolved(root, `docs/core/${match[1]}`, match[2]);
      if (problem) at(match[0], problem);
    }
    if (!file.endsWith('.md')) return;
    for (const match of line.matchAll(MARKDOWN_LINK)) {
      const link = match[1] ?? '';
      if (/^[a-z][\w+.-]*:/i.test(link) || link.startsWith('#') || link.includes('docs/core/')) continue;
      const [target = '', anchor] = link.split('#');
      const problem = unresolved(root, path.join(path.dirname(file), target), anchor);
      if (problem) at(link, problem);
    }
  });
  return broken;
}

/** Text files under the given paths (files or folders), as paths from the root. */
export function textFiles(root: string, entries: readonly string[], extensions: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (relative: string): void => {
    const full = path.join(root, relative);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full)) if (!['node_modules', '__pycache__'].includes(name)) visit(path.join(relative, name));
    } else if (extensions.some((extension) => relative.endsWith(extension))) {
      found.push(relative);
    }
  };
  entries.forEach(visit);
  return found.sort();
}
