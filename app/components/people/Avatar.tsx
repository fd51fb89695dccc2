/**
 * A person's picture: their uploaded avatar, or their initials on a circle whose colour comes from their
 * id. Beside the person's name (post author lines, member lists) it is decorative: `alt=""` and the
 * initials hidden from screen readers, so the name is not read twice. Alone, `label` names it.
 */
import { avatarColour, initials } from '~/modules/people/initials'

// Sizes as classes: the CSP (style-src 'self') drops inline style attributes.
const SIZES = {
  28: { box: 'size-7', text: 'text-xs' },
  40: { box: 'size-10', text: 'text-sm' },
  96: { box: 'size-24', text: 'text-3xl' },
} as const

export function Avatar({
  person,
  url,
  size = 40,
  label,
}: {
  person: { id: string; name: string }
  url: string | null
  size?: keyof typeof SIZES
  /** what a screen reader hears; none: decorative */
  label?: string
}) {
  const s = SIZES[size]
  if (url) {
    return (
      <img
        src={url}
        alt={label ?? ''}
        width={size}
        height={size}
        loading="lazy"
        className={`${s.box} shrink-0 rounded-full border border-stone-200 bg-white object-cover`}
      />
    )
  }
  return (
    <span
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      className={`${s.box} ${s.text} ${avatarColour(person.id)} inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white`}
    >
      {initials(person.name)}
    </span>
  )
}
