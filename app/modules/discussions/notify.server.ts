/** The notifications area's discussion hooks, in one place so posting code has a single import. */
export { deliver, deliverPlan, notifyNewPost, notifyNewThread, planNewPost } from '~/modules/notifications/discussion.server'
