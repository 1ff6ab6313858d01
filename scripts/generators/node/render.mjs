// Astro's default Markdown pipelines, for scripts/generators/astro.py.
//
// Reads a JSON list of file paths on stdin; writes one JSON line per file:
// {"path", "html", "components": [names], "error"}.
//
// .md: what @astrojs/markdown-remark (Astro 4) runs by default: remark-parse, remark-gfm,
//   remark-smartypants, remark-rehype (allowDangerousHtml), rehype-raw, rehype-stringify.
// .mdx: what @astrojs/mdx 2 runs by default: @mdx-js/mdx 3 with remark-gfm and
//   remark-smartypants, rehype-raw (MDX node types passed through).
// Left out, since the comparison drops what they change: Shiki highlighting (spans and
// classes), heading ids, image optimisation (attributes).
// What only the site can render: `import`/`export` lines are removed (they render nothing), a
// JSX component (<YouTube />, <Image>) becomes <pd-component> around its children, and an
// expression ({x}) that is not a constant becomes a <pd-component>.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { compile, run } from '@mdx-js/mdx';
import { toHtml } from 'hast-util-to-html';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { visit, SKIP } from 'unist-util-visit';

const MDX_NODE_TYPES = ['mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression', 'mdxjsEsm'];
const FRONT_MATTER = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;

const markdown = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkSmartypants)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeStringify, { allowDangerousHtml: true });

function constantValue(source) {
  const code = source.trim();
  if (code === '' || /^\/\*[\s\S]*\*\/$/.test(code)) return { value: '' };
  if (/^(['"`])[\s\S]*\1$/.test(code) || /^-?\d+(\.\d+)?$/.test(code)) {
    try {
      return { value: String(new Function(`return (${code});`)()) };
    } catch {
      return null;
    }
  }
  return null;
}

// Site components and imports → stand-ins any MDX run can evaluate without the site.
function remarkSiteStandIns(components) {
  return (tree) => {
    visit(tree, (node, index, parent) => {
      if (!parent) return;
      if (node.type === 'mdxjsEsm') {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
        const constant = constantValue(node.value);
        if (constant) {
          parent.children.splice(index, 1, ...(constant.value ? [{ type: 'text', value: constant.value }] : []));
          return [SKIP, index];
        }
        components.add('{expression}');
        parent.children[index] = {
          type: node.type === 'mdxFlowExpression' ? 'mdxJsxFlowElement' : 'mdxJsxTextElement',
          name: 'pd-component', attributes: [], children: [],
        };
        return SKIP;
      }
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        if (!node.name) { // <>…</> renders its children
          parent.children.splice(index, 1, ...node.children);
          return [SKIP, index];
        }
        const name = node.name;
        if (name === 'pd-component') return;
        // Attribute values may be expressions naming imports: none is needed for the body.
        node.attributes = (node.attributes || []).filter(
          (attribute) => attribute.type === 'mdxJsxAttribute' && (attribute.value === null || typeof attribute.value === 'string'));
        if (/^[A-Z]|\./.test(name)) {
          components.add(name);
          node.name = 'pd-component';
          node.attributes = [];
        }
      }
    });
  };
}

// A JSX runtime that builds hast: the MDX document's output is then serialised like any page.
const Fragment = Symbol('Fragment');
function children(value, out = []) {
  if (value === null || value === undefined || value === false || value === true) return out;
  if (Array.isArray(value)) {
    for (const item of value) children(item, out);
  } else if (typeof value === 'object' && value.type === 'root') {
    out.push(...value.children);
  } else if (typeof value === 'object' && value.type) {
    out.push(value);
  } else {
    out.push({ type: 'text', value: String(value) });
  }
  return out;
}
function jsx(type, props) {
  const { children: kids, ...rest } = props || {};
  if (type === Fragment) return { type: 'root', children: children(kids) };
  if (typeof type === 'function') return type(props);
  const properties = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value === null || value === undefined || typeof value === 'function' || typeof value === 'object') continue;
    properties[key === 'class' ? 'className' : key] = value;
  }
  return { type: 'element', tagName: type, properties, children: children(kids) };
}
const runtime = { Fragment, jsx, jsxs: jsx };

async function renderMdx(body) {
  const components = new Set();
  const code = await compile(body, {
    outputFormat: 'function-body',
    remarkPlugins: [remarkGfm, remarkSmartypants, () => remarkSiteStandIns(components)],
    rehypePlugins: [[rehypeRaw, { passThrough: MDX_NODE_TYPES }]],
  });
  const module = await run(code, { ...runtime, baseUrl: import.meta.url });
  const tree = module.default({});
  return { html: toHtml(tree, { allowDangerousHtml: true }), components: [...components] };
}

async function renderFile(path) {
  const text = await readFile(path, 'utf8');
  const body = text.replace(FRONT_MATTER, '');
  if (path.endsWith('.mdx')) return renderMdx(body);
  return { html: String(await markdown.process(body)), components: [] };
}

const input = JSON.parse(readFileSync(0, 'utf8'));
for (const path of input) {
  let result;
  try {
    result = { path, ...(await renderFile(path)), error: '' };
  } catch (error) {
    result = { path, html: '', components: [], error: String(error && error.message || error) };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
