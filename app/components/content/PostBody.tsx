/**
 * A post's rendered body. The HTML comes from renderMarkdown/renderPost (sanitized when the post was
 * written) and is inserted as is; this component only styles it, since posts carry no classes of their
 * own apart from mentions.
 */
export const POST_BODY_CLASS = [
  'post-body break-words leading-relaxed text-stone-900',
  '[&_p]:my-2 [&_p:first-child]:mt-0 [&_p:last-child]:mb-0',
  '[&_h4]:mt-4 [&_h4]:mb-2 [&_h4]:text-lg [&_h4]:font-semibold',
  '[&_h5]:mt-3 [&_h5]:mb-1 [&_h5]:font-semibold [&_h6]:mt-3 [&_h6]:mb-1 [&_h6]:font-semibold [&_h6]:text-stone-700',
  '[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:my-1',
  '[&_blockquote]:my-2 [&_blockquote]:border-l-4 [&_blockquote]:border-stone-400 [&_blockquote]:pl-3 [&_blockquote]:text-stone-700',
  '[&_code]:rounded [&_code]:bg-stone-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.95em]',
  '[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-stone-100 [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0',
  '[&_table]:my-2 [&_table]:block [&_table]:overflow-x-auto [&_th]:border [&_th]:border-stone-400 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left',
  '[&_td]:border [&_td]:border-stone-400 [&_td]:px-2 [&_td]:py-1',
  '[&_img]:my-2 [&_img]:h-auto [&_img]:max-w-full [&_img]:rounded [&_hr]:my-4 [&_hr]:border-stone-300',
  '[&_.mention]:font-semibold [&_span.mention]:text-brand-800',
].join(' ')

export function PostBody({ html, className = '' }: { html: string; className?: string }) {
  // The HTML was sanitized on the server when the post was written (app/modules/content/markdown.server.ts).
  return <div className={`${POST_BODY_CLASS} ${className}`} dangerouslySetInnerHTML={{ __html: html }} />
}
