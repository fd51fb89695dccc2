/**
 * Demo topic spaces and conversations, in Turkish and English as the community writes. Authors are the
 * demo accounts (by e-mail); every thread has nested replies so the thread page shows its structure.
 */

export type DemoAuthor =
  'admin@birlikte.local' | 'moderator@birlikte.local' | 'orgadmin@birlikte.local' | 'member@birlikte.local' | 'partner@birlikte.local'

export interface DemoSpace {
  slug: string
  nameTr: string
  nameEn: string
  descriptionTr: string
  descriptionEn: string
  icon: string
  color: string
  visibility: 'PUBLIC' | 'MEMBERS' | 'PRIVATE'
  safeSpace?: boolean
  approveNewPosts?: boolean
  allowAnonymous?: boolean
  themes: string[]
  /** private spaces: organizations invited by slug */
  invitedOrgs?: string[]
  /** space moderators (demo accounts) */
  moderators?: DemoAuthor[]
}

export interface DemoReply {
  author: DemoAuthor
  body: string
  anonymous?: boolean
  replies?: DemoReply[]
}

export interface DemoThread {
  space: string
  author: DemoAuthor
  title: string
  body: string
  themes: string[]
  pinned?: boolean
  anonymous?: boolean
  replies: DemoReply[]
}

const SAFE_RULES_TR = `**Gizlilik.** Burada yazılanlar bu alanın dışına taşınmaz: alıntı, ekran görüntüsü ya da e-posta ile paylaşım yok.
**Saygı.** Kişileri değil fikirleri tartışırız. Deneyimini paylaşan kimseyi yargılamayız.
**Kimlik.** Başkalarının ya da kurumların kimliğini açık edecek ayrıntı yazmayız.
**Destek.** Zor bir durumdan söz eden birine önce dinlediğimizi gösteririz.`

const SAFE_RULES_EN = `**Confidentiality.** What is written here stays here: no quoting, screenshots or forwarding by e-mail.
**Respect.** We discuss ideas, not people. Nobody who shares an experience is judged for it.
**Identity.** We leave out details that would identify other people or organizations.
**Support.** When someone describes a hard situation, we first show that we have listened.`

export const SAFE_SPACE_RULES = { tr: SAFE_RULES_TR, en: SAFE_RULES_EN }

export const DEMO_SPACES: DemoSpace[] = [
  {
    slug: 'funding-and-grants',
    nameTr: 'Fon geliştirme ve hibeler',
    nameEn: 'Funding and grants',
    descriptionTr: 'Hibe çağrıları, bütçe hazırlığı, raporlama ve bağışçılarla ilişkiler üzerine deneyim paylaşımı.',
    descriptionEn: 'Experience with calls for proposals, budgeting, reporting and relations with donors.',
    icon: 'coins',
    color: 'teal',
    visibility: 'PUBLIC',
    themes: ['funding', 'grant-applications', 'project-development'],
  },
  {
    slug: 'volunteers',
    nameTr: 'Gönüllülerle çalışma',
    nameEn: 'Working with volunteers',
    descriptionTr: 'Gönüllü bulmak, yönlendirmek ve onları kurumda tutmak için neler işe yarıyor?',
    descriptionEn: 'What works for finding, guiding and keeping volunteers in small organizations?',
    icon: 'users',
    color: 'indigo',
    visibility: 'MEMBERS',
    themes: ['volunteers', 'human-resources'],
    moderators: ['orgadmin@birlikte.local'],
  },
  {
    slug: 'civil-space-safe-room',
    nameTr: 'Sivil alan: güvenli oda',
    nameEn: 'Civil space: safe room',
    descriptionTr: 'Daralan sivil alan, baskı ve kurumsal güvenlik üzerine gizli, güvenli bir konuşma alanı.',
    descriptionEn: 'A confidential, safe room to talk about the shrinking civil space, pressure and organizational security.',
    icon: 'shield',
    color: 'rose',
    visibility: 'MEMBERS',
    safeSpace: true,
    approveNewPosts: true,
    allowAnonymous: true,
    themes: ['rights-based', 'advocacy', 'legal-financial'],
  },
  {
    slug: 'on-the-job-learning',
    nameTr: 'Yerinde öğrenme ziyaretleri',
    nameEn: 'On-the-job learning visits',
    descriptionTr: '10–15 günlük çalışma ziyaretleri: ev sahibi kurum bulmak, hazırlık ve dönüşte ortak projeler.',
    descriptionEn: '10–15 day study visits: finding a host, preparing, and the joint projects that follow.',
    icon: 'globe',
    color: 'amber',
    visibility: 'PUBLIC',
    themes: ['networking', 'project-implementation'],
  },
  {
    slug: 'partners-room',
    nameTr: 'Ortaklar odası',
    nameEn: "Partners' room",
    descriptionTr: 'Programı yürüten kurumlar ve Avrupalı ortakları için kapalı çalışma alanı.',
    descriptionEn: 'A closed working room for the organizations running the programme and their European partners.',
    icon: 'handshake',
    color: 'sky',
    visibility: 'PRIVATE',
    themes: ['networking', 'governance'],
    invitedOrgs: ['stgm', 'the-wheel', 'kuzey-ekoloji'],
  },
]

export const DEMO_THREADS: DemoThread[] = [
  {
    space: 'funding-and-grants',
    author: 'orgadmin@birlikte.local',
    title: 'İlk AB hibe başvurumuz için bütçe nasıl hazırlanır?',
    themes: ['grant-applications', 'funding'],
    pinned: true,
    body: `Merhaba, derneğimiz ilk kez bir AB çağrısına başvuracak. Özellikle **personel maliyetleri** ve **dolaylı giderler** konusunda kararsızız.

- Personel saatlerini nasıl gerekçelendiriyorsunuz?
- Dolaylı gider oranını hangi aşamada hesaplıyorsunuz?

Deneyimlerinizi duymak isterim.`,
    replies: [
      {
        author: 'admin@birlikte.local',
        body: `Önce faaliyetleri ve kimin ne kadar süre çalışacağını bir tabloya dökün; bütçe bu tablodan çıksın. Dolaylı giderleri en sonda, çağrının izin verdiği oranla ekleyin.`,
        replies: [
          {
            author: 'orgadmin@birlikte.local',
            body: 'Teşekkürler! Tabloyu faaliyet bazında mı yoksa ay bazında mı tutuyorsunuz?',
            replies: [
              {
                author: 'admin@birlikte.local',
                body: 'Faaliyet bazında başlayıp sonra aylara bölüyoruz. Raporlama dönemine gelince çok işe yarıyor.',
              },
            ],
          },
        ],
      },
      {
        author: 'member@birlikte.local',
        body: 'Biz geçen yıl gönüllü katkısını da ayni katkı olarak yazdık, değerlendiriciler olumlu buldu. @zeynep-kaya bu sizin çağrıda da mümkün mü bakmak gerek.',
      },
      {
        author: 'partner@birlikte.local',
        body: `A tip from Ireland: keep a one-page *budget narrative* next to the spreadsheet. Reviewers read it first, and it forces you to explain every line in plain words.`,
        replies: [
          {
            author: 'member@birlikte.local',
            body: 'Great idea — do you have a template you could share in the resources section?',
          },
        ],
      },
    ],
  },
  {
    space: 'funding-and-grants',
    author: 'partner@birlikte.local',
    title: 'Reporting to several donors at once without burning out',
    themes: ['funding', 'project-implementation'],
    body: `Many of our partners report to three or four donors, each with its own template and calendar. How do you keep one source of truth for activities and spending?`,
    replies: [
      {
        author: 'orgadmin@birlikte.local',
        body: 'We keep a shared activity log that every staff member fills in weekly; each donor report is then a filtered view of the same log.',
        replies: [{ author: 'partner@birlikte.local', body: 'Which tool do you use for the log — a spreadsheet or something else?' }],
      },
    ],
  },
  {
    space: 'volunteers',
    author: 'member@birlikte.local',
    title: 'Gönüllüleri ilk üç ayda kaybetmemek için ne yapıyorsunuz?',
    themes: ['volunteers'],
    body: 'Gönüllülerimizin yarısı ilk üç ay içinde ayrılıyor. Oryantasyon ve takip için neler deniyorsunuz?',
    replies: [
      {
        author: 'orgadmin@birlikte.local',
        body: 'Her yeni gönüllüye deneyimli bir "yol arkadaşı" eşleştiriyoruz. İlk ay haftada bir kısa görüşme yapıyorlar.',
        replies: [
          {
            author: 'member@birlikte.local',
            body: 'Yol arkadaşları için ayrı bir eğitim veriyor musunuz?',
            replies: [
              {
                author: 'orgadmin@birlikte.local',
                body: 'Yarım günlük bir buluşma yapıyoruz; gerisi deneyim paylaşımı.',
                replies: [{ author: 'moderator@birlikte.local', body: 'Bu buluşmanın akışını kaynaklara eklerseniz çok kişi yararlanır.' }],
              },
            ],
          },
        ],
      },
      {
        author: 'partner@birlikte.local',
        body: 'We lost fewer volunteers once every role had a clear, written end date. People commit more easily to something finite.',
      },
    ],
  },
  {
    space: 'civil-space-safe-room',
    author: 'orgadmin@birlikte.local',
    title: 'Denetim sürecinde yaşadıklarımız ve öğrendiklerimiz',
    themes: ['legal-financial', 'rights-based'],
    body: 'Geçen ay kapsamlı bir denetim geçirdik. Hazırlık sürecinde işimize yarayan kontrol listesini ve zorlandığımız noktaları paylaşmak istiyorum.',
    replies: [
      {
        author: 'member@birlikte.local',
        anonymous: true,
        body: 'Biz de benzer bir süreçten geçtik. En çok belgelerin farklı yerlerde tutulması zorladı; artık her şeyi tek klasörde topluyoruz.',
        replies: [{ author: 'orgadmin@birlikte.local', body: 'Aynı sorunu yaşadık. Klasör yapınızı anlatır mısınız?' }],
      },
      {
        author: 'moderator@birlikte.local',
        body: 'Hatırlatma: lütfen kurum ve kişi adı vermeden yazalım. Hukuki destek noktasının iletişim bilgileri kaynaklar bölümünde.',
      },
    ],
  },
  {
    space: 'on-the-job-learning',
    author: 'partner@birlikte.local',
    title: 'What to prepare before a 12-day study visit',
    themes: ['networking'],
    body: `We are hosting two colleagues from Turkey next spring. What helped you most when you visited or hosted?

1. A named buddy for each visitor
2. A written learning plan agreed beforehand
3. Time to write the visit report *during* the visit, not after`,
    replies: [
      {
        author: 'member@birlikte.local',
        body: 'Ziyaretten önce iki kurumun ortak bir hedef yazması çok işe yaradı. Dönüşte ortak proje fikri o hedeften çıktı.',
        replies: [
          {
            author: 'partner@birlikte.local',
            body: 'Agreed — a shared goal made our follow-up project almost write itself.',
            replies: [{ author: 'admin@birlikte.local', body: 'Bu deneyimi bir sonraki webinarda anlatmak ister misiniz?' }],
          },
        ],
      },
    ],
  },
  {
    space: 'partners-room',
    author: 'admin@birlikte.local',
    title: 'Ortak yayın takvimi / Joint publication timeline',
    themes: ['governance'],
    body: 'Sivil alan tartışmalarının yayını için taslak takvimi buraya ekliyorum. / I am posting the draft timeline for the Civil Space Discussions publication here.',
    replies: [
      {
        author: 'partner@birlikte.local',
        body: 'Thanks! We can review the English chapters in the second half of the month.',
        replies: [{ author: 'admin@birlikte.local', body: 'Harika, o zaman çeviri için ayın 20sini hedefleyelim.' }],
      },
    ],
  },
]
