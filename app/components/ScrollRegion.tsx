/**
 * A wide table's scroll box: keyboard-focusable and named by the table's caption (so people who cannot
 * use a mouse can scroll it), and positioned, so visually hidden text inside it cannot widen the page.
 */
export function ScrollRegion({ labelledBy, className = '', children }: { labelledBy: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-labelledby={labelledBy} tabIndex={0} className={`relative overflow-x-auto ${className}`.trim()}>
      {children}
    </div>
  )
}
