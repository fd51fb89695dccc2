/** The notifications area's discussion hooks, in one place so posting code has a single import. */
export { deliver, notifyNewPost, notifyNewThread } from '~/modules/notifications/discussion.server'
