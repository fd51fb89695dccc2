import { Link, useLocation } from '@remix-run/react'

export interface NavItem {
  to: string
  label: string
  /** active only on exactly this path, not on the pages below it */
  end?: boolean
  /**
   * A small count beside the label, and a word after it for screen readers only: the link is named
   * "Moderation 3 waiting", which contains what is seen ("Moderation 3") so voice control finds it too.
   */
  badge?: { text: string; label: string }
}

/** The section a path belongs to: "/orgs/x/members" is in "/orgs". */
export const isInSection = (pathname: string, to: string) => pathname === to || pathname.startsWith(`${to}/`)

/**
 * A list of navigation links with the current one marked (aria-current and a visible underline, not
 * colour alone). One location check for the whole list rather than a NavLink's route matching per item.
 */
export function NavList({ items, className }: { items: NavItem[]; className: string }) {
  const pathname = useLocation().pathname.replace(/(.)\/$/, '$1')
  return (
    <ul className={className}>
      {items.map((item) => {
        const active = item.end ? pathname === item.to : isInSection(pathname, item.to)
        return (
          <li key={item.to}>
            <Link
              to={item.to}
              aria-current={active ? 'page' : undefined}
              className={`flex min-h-11 items-center rounded-md px-3 font-medium no-underline hover:bg-brand-50 ${
                active ? 'bg-brand-50 text-brand-800 underline decoration-2 underline-offset-4' : 'text-stone-800'
              }`}
            >
              {item.label}
              {item.badge && (
                <>
                  <span
                    data-testid={`nav-badge-${item.to.slice(1)}`}
                    className="ml-1.5 min-w-5 rounded-full bg-accent-600 px-1 text-center text-xs font-bold leading-5 text-white no-underline"
                  >
                    {item.badge.text}
                  </span>
                  <span className="sr-only"> {item.badge.label}</span>
                </>
              )}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
