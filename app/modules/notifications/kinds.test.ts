import { describe, expect, it } from 'vitest'
import { translate } from '~/lib/i18n'
import { describeNotification, DISCUSSION_KINDS, MODERATION_KINDS, notificationText, NOTIFICATION_KINDS, REVIEW_KINDS } from './kinds'

const org = { orgId: 'o1', orgSlug: 'kuzey-ekoloji', orgName: 'Kuzey Ekoloji' }

describe('describeNotification', () => {
  it('gives every kind a sentence and a link on this site', () => {
    const discussion = [...DISCUSSION_KINDS, ...MODERATION_KINDS, ...REVIEW_KINDS] as readonly string[]
    for (const kind of NOTIFICATION_KINDS.filter((k) => !discussion.includes(k))) {
      const d = describeNotification(kind, { ...org, userName: 'Ayşe', role: 'ADMIN' })
      expect(d.key).toMatch(/^notifications\.kinds\./)
      expect(d.key).not.toBe('notifications.kinds.unknown')
      expect(d.href).toMatch(kind === 'org.submitted' ? /^\/admin\/orgs$/ : /^\/orgs\/kuzey-ekoloji/)
    }
    expect(describeNotification('membership.requested', org).href).toBe('/orgs/kuzey-ekoloji/members')
  })

  it('picks the variant with a reason when there is one', () => {
    expect(describeNotification('membership.declined', { ...org, reason: 'x' }).key).toBe('notifications.kinds.membership.declinedReason')
    expect(describeNotification('org.rejected', org).key).toBe('notifications.kinds.org.rejected')
    expect(describeNotification('membership.roleChanged', { ...org, role: 'MEMBER' }).key).toBe(
      'notifications.kinds.membership.roleChangedMember',
    )
  })

  it('never links off-site, whatever the stored data says', () => {
    for (const orgSlug of ['//evil.example', '../admin', 'https://evil.example', 'a b', '']) {
      expect(describeNotification('org.approved', { ...org, orgSlug }).href).toBe('/orgs')
      expect(describeNotification('membership.requested', { ...org, orgSlug }).href).toBe('/notifications')
    }
    expect(describeNotification('unheard.of', null)).toMatchObject({ key: 'notifications.kinds.unknown', href: '/notifications' })
    expect(describeNotification('org.approved', ['not', 'an', 'object']).href).toBe('/orgs')
  })
})

const post = {
  threadId: 'cthread1',
  threadTitle: 'Barajlar',
  spaceSlug: 'su-haklari',
  spaceNameTr: 'Su Hakları',
  spaceNameEn: 'Water Rights',
  safe: false,
  postNumber: 7,
  userName: 'Ayşe',
}
const sentence = (locale: 'tr' | 'en', kind: string, data: object) =>
  notificationText((key, vars) => translate(locale, key, vars), describeNotification(kind, data, locale))

describe('discussion notifications', () => {
  it('read as whole sentences in both languages for every kind, variant and safe space, with a link to the post or thread', () => {
    for (const kind of [...DISCUSSION_KINDS, ...MODERATION_KINDS]) {
      for (const variant of [{}, { reason: 'Kural 3' }, { safe: true, threadTitle: '' }, { userName: '' }, { outcome: 'hidden' }]) {
        const data = { ...post, ...org, ...variant }
        for (const locale of ['tr', 'en'] as const) {
          const text = sentence(locale, kind, data)
          expect(text, `${kind} ${locale}`).not.toMatch(/\{|notifications\./)
        }
        const d = describeNotification(kind, data)
        expect(d.href).toMatch(kind === 'moderation.warned' ? /^\/spaces\/su-haklari$/ : /^\/threads\/cthread1(\/posts\/7)?$/)
      }
    }
  })

  it('name the space in the reader’s language, the title only outside safe spaces, and anonymous authors as such', () => {
    expect(sentence('en', 'post.replied', post)).toBe('Ayşe replied to your post in “Barajlar” in Water Rights.')
    expect(sentence('tr', 'post.replied', post)).toBe('Ayşe, Su Hakları alanındaki “Barajlar” konusundaki gönderinize yanıt verdi.')
    expect(sentence('tr', 'post.mentioned', { ...post, userName: '' })).toBe(
      'Anonim bir üye, Su Hakları alanındaki “Barajlar” konusunda sizden bahsetti.',
    )
    const safe = { ...post, safe: true, threadTitle: 'Should never show' }
    // A safe space names neither the title nor who wrote, even when an older notification stored the name.
    expect(sentence('en', 'thread.created', safe)).toBe('A member started a new thread in the safe space Water Rights.')
    expect(sentence('tr', 'post.replied', safe)).toBe('Bir üye, Su Hakları güvenli alanındaki gönderinize yanıt verdi.')
    expect(sentence('en', 'post.replied', safe)).not.toContain('Should never show')
    expect(sentence('en', 'post.replied', safe)).not.toContain('Ayşe')
    expect(sentence('en', 'org.mentioned', { ...post, ...org })).toBe('Ayşe mentioned Kuzey Ekoloji in “Barajlar” in Water Rights.')
    expect(sentence('tr', 'moderation.threadLocked', { ...post, reason: 'Kapandı' })).toBe(
      'Bir moderatör Su Hakları alanındaki “Barajlar” konunuzu kilitledi: “Kapandı”',
    )
    expect(sentence('en', 'report.resolved', { ...post, outcome: 'kept' })).toBe(
      'A moderator reviewed the post you reported in “Barajlar” in Water Rights and kept it.',
    )
  })

  it('never link off-site from stored thread ids', () => {
    for (const threadId of ['//evil.example', '../admin', 'a/b', '']) {
      expect(describeNotification('post.replied', { ...post, threadId }).href).toBe('/notifications')
    }
    expect(describeNotification('post.replied', { ...post, postNumber: '7' }).href).toBe('/threads/cthread1')
  })
})

describe('moderator alerts (moderation.review)', () => {
  const review = (cause: 'report' | 'pending', extra: object = {}) => ({ ...post, postId: 'cpost1', cause, ...extra })

  it('say what waits and where, in both languages, and lead to the item’s own moderation page', () => {
    expect(sentence('en', 'moderation.review', review('report'))).toBe(
      'A post in “Barajlar” in Water Rights was reported and waits for your review.',
    )
    expect(sentence('tr', 'moderation.review', review('report'))).toBe(
      'Su Hakları alanındaki “Barajlar” konusundaki bir gönderi şikâyet edildi ve incelemenizi bekliyor.',
    )
    expect(sentence('en', 'moderation.review', review('pending'))).toBe('A new post in “Barajlar” in Water Rights waits for your approval.')
    expect(sentence('tr', 'moderation.review', review('pending', { postNumber: 1 }))).toBe(
      'Su Hakları alanında yeni bir konu onayınızı bekliyor.',
    )
    expect(describeNotification('moderation.review', review('report')).href).toBe('/threads/cthread1/posts/7/moderate')
    expect(describeNotification('moderation.review', review('report', { threadId: '//evil.example' })).href).toBe('/moderation')
  })

  it('name no author, and no title in a safe space', () => {
    for (const locale of ['tr', 'en'] as const) {
      for (const cause of ['report', 'pending'] as const) {
        const text = sentence(
          locale,
          'moderation.review',
          review(cause, { safe: true, threadTitle: 'Should never show', userName: 'Ayşe' }),
        )
        expect(text).not.toMatch(/Should never show|Ayşe|\{|notifications\./)
        expect(sentence(locale, 'moderation.review', review(cause))).not.toContain('Ayşe')
      }
    }
  })
})
