import { Link } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/**
 * "We sent you a mail" after a form: the heading takes focus so a screen reader announces the new page,
 * and the message is a status region.
 */
export function CheckInbox({ title, paragraphs, link }: { title: string; paragraphs: string[]; link: { to: string; label: string } }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <div className="mx-auto max-w-xl">
      <h1 ref={heading} tabIndex={-1} className="mb-4 text-3xl font-bold outline-none">
        {title}
      </h1>
      <div role="status" className="card space-y-3">
        {paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      <p className="mt-6">
        <Link to={link.to}>{link.label}</Link>
      </p>
    </div>
  )
}
