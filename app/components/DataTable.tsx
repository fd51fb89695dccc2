import { ScrollRegion } from './ScrollRegion'

/**
 * A list table: a visible caption that names its scroll region, column headers with scope, and the
 * rows the caller renders (each row's first cell a `<th scope="row">`).
 */
export function DataTable({
  id,
  caption,
  columns,
  small = false,
  boxed = false,
  minWidth = '',
  children,
}: {
  id: string
  caption: React.ReactNode
  columns: string[]
  small?: boolean
  /** a white card around the table (settings pages) rather than a bare list (admin pages) */
  boxed?: boolean
  /** e.g. 'min-w-[40rem]': below it the region scrolls instead of squeezing the columns */
  minWidth?: string
  children: React.ReactNode
}) {
  return (
    <ScrollRegion labelledBy={id} className={boxed ? 'rounded-lg border border-stone-300 bg-white' : ''}>
      <table className={`w-full border-collapse text-left ${small ? 'text-sm' : ''} ${minWidth}`}>
        <caption id={id} className={boxed ? 'px-4 pt-4 text-left font-semibold' : 'mb-2 text-left text-base font-medium'}>
          {caption}
        </caption>
        <thead>
          <tr className={boxed ? 'border-b border-stone-300' : 'border-b-2 border-stone-400'}>
            {columns.map((c) => (
              <th key={c} scope="col" className={boxed ? 'px-4 py-2' : 'p-2'}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  )
}
