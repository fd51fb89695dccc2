/** The choices on the notification settings page (shared with the browser: no server code here). */
export const DISCUSSION_EMAIL = ['IMMEDIATE', 'DAILY', 'WEEKLY', 'NONE'] as const
export type DiscussionEmail = (typeof DISCUSSION_EMAIL)[number]
export const SPACE_EMAIL = ['DEFAULT', 'IMMEDIATE', 'DAILY', 'WEEKLY', 'NONE'] as const
export type SpaceEmailChoice = (typeof SPACE_EMAIL)[number]
/** Moderators: mail about new items to review (reports, posts waiting for approval). Off unless asked. */
export const REVIEW_EMAIL = ['NONE', 'IMMEDIATE'] as const
export type ReviewEmail = (typeof REVIEW_EMAIL)[number]
