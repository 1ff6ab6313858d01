import Link from "next/link";
import { formatDate, getAllPosts } from "../lib/posts";

export default function HomePage() {
  const posts = getAllPosts();

  return (
    <main className="home">
      <section className="hero">
        <p className="hero-eyebrow">Engineering · Design · Digital Craft</p>
        <h1 className="hero-title">
          Insights on <br />
          <em>engineering.</em>
        </h1>
        <p className="hero-lede">
          Deep dives into system architecture, modern web development, and the philosophy behind
          high-performance digital products.
        </p>
      </section>

      <section className="post-grid" aria-label="Articles">
        {posts.map((post) => (
          <article className="post-card" key={post.slug}>
            <Link href={`/blog/${post.slug}/`} className="post-card-link">
              {post.cover && (
                // eslint-disable-next-line @next/next/no-img-element -- static export, SVG covers
                <img className="post-card-cover" src={post.cover} alt="" />
              )}
              <div className="post-card-body">
                <p className="post-card-meta">
                  <time dateTime={post.date}>{formatDate(post.date)}</time>
                  <span>{`${post.readingTime} min read`}</span>
                  {post.draft && <span className="post-card-draft">Draft</span>}
                </p>
                <h2 className="post-card-title">{post.title}</h2>
                <p className="post-card-description">{post.description}</p>
              </div>
            </Link>
          </article>
        ))}
      </section>

      <section className="newsletter" id="newsletter">
        <h2 className="newsletter-title">
          Join the <br />
          <em>inner circle.</em>
        </h2>
        <p>Weekly insights on system design and digital craft. 2,000+ developers already subscribed.</p>
        <form className="newsletter-form" action="https://buttondown.com/api/emails/embed-subscribe/insights" method="post">
          <input type="email" name="email" placeholder="you@example.com" aria-label="Email address" required />
          <button type="submit">Subscribe</button>
        </form>
        <p className="newsletter-note">No spam. Unsubscribe anytime.</p>
      </section>
    </main>
  );
}
