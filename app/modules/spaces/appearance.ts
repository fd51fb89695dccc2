/**
 * The fixed icons and colours a space can have. Isomorphic (the form and the list render them). Every
 * colour is a Tailwind shade whose contrast with white is at least 4.5:1, so it can carry text on white
 * and white text on it; class names are written out in full so Tailwind generates them.
 */

export const SPACE_COLORS = {
  teal: { hex: '#0f766e', text: 'text-teal-700', bg: 'bg-teal-700', border: 'border-teal-700' },
  blue: { hex: '#1d4ed8', text: 'text-blue-700', bg: 'bg-blue-700', border: 'border-blue-700' },
  indigo: { hex: '#4338ca', text: 'text-indigo-700', bg: 'bg-indigo-700', border: 'border-indigo-700' },
  violet: { hex: '#6d28d9', text: 'text-violet-700', bg: 'bg-violet-700', border: 'border-violet-700' },
  rose: { hex: '#be123c', text: 'text-rose-700', bg: 'bg-rose-700', border: 'border-rose-700' },
  orange: { hex: '#9a3412', text: 'text-orange-800', bg: 'bg-orange-800', border: 'border-orange-800' },
  amber: { hex: '#92400e', text: 'text-amber-800', bg: 'bg-amber-800', border: 'border-amber-800' },
  green: { hex: '#047857', text: 'text-emerald-700', bg: 'bg-emerald-700', border: 'border-emerald-700' },
  sky: { hex: '#075985', text: 'text-sky-800', bg: 'bg-sky-800', border: 'border-sky-800' },
  stone: { hex: '#44403c', text: 'text-stone-700', bg: 'bg-stone-700', border: 'border-stone-700' },
} as const
export type SpaceColor = keyof typeof SPACE_COLORS
export const SPACE_COLOR_NAMES = Object.keys(SPACE_COLORS) as [SpaceColor, ...SpaceColor[]]

/** Outline icons on a 24×24 grid (stroke, no fill): each one a list of SVG path definitions. */
export const SPACE_ICONS = {
  chat: ['M4 5h16v11H9l-5 4z'],
  users: ['M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M3 20c0-3.5 2.7-6 6-6s6 2.5 6 6', 'M16 5.5a3 3 0 0 1 0 5.5', 'M18 14c2 .8 3 3 3 6'],
  megaphone: ['M3 10v4h3l9 5V5l-9 5z', 'M18 9a4 4 0 0 1 0 6', 'M6 14l1.5 6h3L9 15'],
  scale: ['M12 4v16', 'M7 20h10', 'M5 7h14', 'M5 7l-3 6a3 3 0 0 0 6 0z', 'M19 7l-3 6a3 3 0 0 0 6 0z'],
  coins: [
    'M4 7c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z',
    'M4 7v5c0 1.7 3.6 3 8 3s8-1.3 8-3V7',
    'M4 12v5c0 1.7 3.6 3 8 3s8-1.3 8-3v-5',
  ],
  leaf: ['M5 19C5 10 11 5 20 4c-1 9-6 15-15 15z', 'M5 19l8-8'],
  heart: ['M12 20s-8-4.7-8-10.5A4.5 4.5 0 0 1 12 7a4.5 4.5 0 0 1 8 2.5C20 15.3 12 20 12 20z'],
  shield: ['M12 3l8 3v6c0 4.7-3.4 8-8 9-4.6-1-8-4.3-8-9V6z', 'M9 12l2 2 4-4'],
  book: ['M4 5c3-1 5-1 8 1v14c-3-2-5-2-8-1z', 'M20 5c-3-1-5-1-8 1v14c3-2 5-2 8-1z'],
  globe: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M3 12h18', 'M12 3c3 3 3 15 0 18', 'M12 3c-3 3-3 15 0 18'],
  lightbulb: ['M9 18h6', 'M10 21h4', 'M12 3a6 6 0 0 0-4 10.5c.7.7 1 1.5 1 2.5h6c0-1 .3-1.8 1-2.5A6 6 0 0 0 12 3z'],
  handshake: ['M2 11l4-4 4 2 3-2 5 1 4 3', 'M6 7l-2 8 5 4 3-1 4 2 5-6', 'M10 9l3 3'],
} as const
export type SpaceIcon = keyof typeof SPACE_ICONS
export const SPACE_ICON_NAMES = Object.keys(SPACE_ICONS) as [SpaceIcon, ...SpaceIcon[]]

export const colorOf = (name: string) => SPACE_COLORS[(name in SPACE_COLORS ? name : 'teal') as SpaceColor]
export const iconPaths = (name: string) => SPACE_ICONS[(name in SPACE_ICONS ? name : 'chat') as SpaceIcon]
