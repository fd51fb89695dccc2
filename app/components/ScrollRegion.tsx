/**
 * A wide table's scroll box: keyboard-focusable and named by the table's caption (so people who cannot
 * use a mouse can scroll it), and positioned, so visually hidden text inside it cannot widen the page.
 */
export function ScrollRegion({
  labelledBy,
  className = '',
  children,
}: {
  labelledBy: string
  className?: string
  children: React.ReactNode
}) {
  return (
    // A scrolling region must be reachable by keyboard to be scrolled without a mouse (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby={labelledBy} tabIndex={0} className={`relative overflow-x-auto ${className}`.trim()}>
      {children}
    </div>
  )
}
