/**
 * Side effects of a write (notifications, mail, space counts) happen in the job worker after commit
 * (docs/decisions/014-event-outbox.md). A test that checks them runs the outbox until nothing is left.
 */
import { settleOutbox } from '../../app/modules/events/dispatcher.server.ts'

export { settleOutbox }
