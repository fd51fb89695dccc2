/** Limits of the profile settings form, for the form (browser) and its schema (server) alike. */
export const ABOUT_MAX = 2000
export const CITY_MAX = 80
