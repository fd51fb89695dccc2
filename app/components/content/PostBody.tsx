/**
 * A post's rendered body. The HTML comes from renderMarkdown/renderPost (sanitized when the post was
 * written) and is inserted as is; this component only styles it, since posts carry no classes of their
 * own apart from mentions. The styles are one class (`post-body`, app/styles/discussions.css): a thread
 * page shows twenty of these, and a utility list per body was half of its HTML.
 */
export function PostBody({ html, className }: { html: string; className?: string }) {
  // The HTML was sanitized on the server when the post was written (app/modules/content/markdown.server.ts).
  return <div className={className ? `post-body ${className}` : 'post-body'} dangerouslySetInnerHTML={{ __html: html }} />
}
