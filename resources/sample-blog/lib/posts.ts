import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import remarkHtml from "remark-html";

const POSTS_DIR = path.join(process.cwd(), "posts");
const WORDS_PER_MINUTE = 220;

export type PostMeta = {
  slug: string;
  title: string;
  description: string;
  date: string; // ISO yyyy-mm-dd
  tags: string[];
  cover: string | null;
  draft: boolean;
  author: string;
  readingTime: number; // minutes
};

export type Post = PostMeta & { html: string };

// Drafts are visible in `next dev` and left out of production builds.
const includeDrafts = process.env.NODE_ENV !== "production";

function toIsoDate(value: unknown): string {
  // js-yaml (used by gray-matter) turns unquoted dates into Date objects.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

function readingTime(markdown: string): number {
  const words = markdown.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** Editors may link images relative to the post file ("../public/images/x.svg");
 *  on the site those files are served from the web root ("/images/x.svg"). */
function rewriteRelativeImages() {
  type Node = { type: string; url?: string; children?: Node[] };
  const walk = (node: Node) => {
    if (node.type === "image" && node.url?.startsWith("../public/")) {
      node.url = node.url.slice("../public".length);
    }
    node.children?.forEach(walk);
  };
  return (tree: Node) => walk(tree);
}

function readPostFile(slug: string): { meta: PostMeta; content: string } {
  const source = fs.readFileSync(path.join(POSTS_DIR, `${slug}.md`), "utf8");
  const { data, content } = matter(source);
  const meta: PostMeta = {
    slug,
    title: String(data.title ?? slug),
    description: String(data.description ?? ""),
    date: toIsoDate(data.date),
    tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
    cover: data.cover ? String(data.cover) : null,
    draft: data.draft === true,
    author: String(data.author ?? "The Insights team"),
    readingTime: readingTime(content),
  };
  return { meta, content };
}

export function getPostSlugs(): string[] {
  return fs
    .readdirSync(POSTS_DIR)
    .filter((file) => file.endsWith(".md"))
    .map((file) => file.replace(/\.md$/, ""));
}

export function getAllPosts(): PostMeta[] {
  return getPostSlugs()
    .map((slug) => readPostFile(slug).meta)
    .filter((post) => includeDrafts || !post.draft)
    .sort((a, b) => b.date.localeCompare(a.date));
}

export async function getPost(slug: string): Promise<Post | null> {
  if (!getPostSlugs().includes(slug)) return null;
  const { meta, content } = readPostFile(slug);
  if (meta.draft && !includeDrafts) return null;

  const file = await remark()
    .use(remarkGfm)
    .use(rewriteRelativeImages)
    .use(remarkHtml)
    .process(content);

  return { ...meta, html: String(file) };
}

export function formatDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}
