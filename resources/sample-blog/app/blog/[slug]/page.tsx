import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatDate, getAllPosts, getPost } from "../../../lib/posts";

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return getAllPosts().map((post) => ({ slug: post.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = await getPost((await params).slug);
  if (!post) return {};
  return {
    title: post.title,
    description: post.description,
    openGraph: { images: post.cover ? [post.cover] : [] },
  };
}

export default async function PostPage({ params }: Props) {
  const post = await getPost((await params).slug);
  if (!post) notFound();

  return (
    <main className="post-page">
      <article className="post">
        <header className="post-header">
          <p className="post-meta">
            <time className="post-date" dateTime={post.date}>
              {formatDate(post.date)}
            </time>
            <span className="post-author">{post.author}</span>
            <span className="post-reading-time">{`${post.readingTime} min read`}</span>
          </p>
          <h1 className="post-title">{post.title}</h1>
          <p className="post-description">{post.description}</p>
          <ul className="post-tags">
            {post.tags.map((tag) => (
              <li className="post-tag" key={tag}>
                {tag}
              </li>
            ))}
          </ul>
          {post.cover && (
            <figure className="post-cover">
              {/* eslint-disable-next-line @next/next/no-img-element -- static export, SVG covers */}
              <img src={post.cover} alt="" />
            </figure>
          )}
        </header>
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      </article>
    </main>
  );
}
