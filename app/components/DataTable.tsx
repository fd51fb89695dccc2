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
  children,
}: {
  id: string
  caption: React.ReactNode
  columns: string[]
  small?: boolean
  children: React.ReactNode
}) {
  return (
    <ScrollRegion labelledBy={id}>
      <table className={`w-full border-collapse text-left ${small ? 'text-sm' : ''}`}>
        <caption id={id} className="mb-2 text-left text-base font-medium">
          {caption}
        </caption>
        <thead>
          <tr className="border-b-2 border-stone-400">
            {columns.map((c) => (
              <th key={c} scope="col" className="p-2">
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
