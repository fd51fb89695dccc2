/** At least one page, so "page 1 of 1" reads right for an empty list. */
export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize))
