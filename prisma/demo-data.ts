/** The demo community loaded into an empty database. Names of Turkish CSOs are invented. */

export const THEMES = [
  ['legal-financial', 'Hukuki ve mali düzenlemeler', 'Legal and financial rules'],
  ['funding', 'Fon ve kaynak geliştirme', 'Funding and resource development'],
  ['grant-applications', 'Hibe başvuruları', 'Grant applications'],
  ['project-development', 'Proje geliştirme', 'Project development'],
  ['project-implementation', 'Proje uygulama', 'Project implementation'],
  ['communication', 'İletişim ve görünürlük', 'Communication and visibility'],
  ['digital', 'Dijitalleşme', 'Digital'],
  ['advocacy', 'Savunuculuk', 'Advocacy'],
  ['networking', 'Ağ kurma ve iş birlikleri', 'Networking and partnerships'],
  ['volunteers', 'Gönüllülerle çalışma', 'Working with volunteers'],
  ['human-resources', 'İnsan kaynakları ve çalışma ilişkileri', 'Human resources and work relations'],
  ['governance', 'İyi yönetişim', 'Good governance'],
  ['leadership', 'Liderlik', 'Leadership'],
  ['data-systems', 'Veri sistemleri', 'Data systems'],
  ['rights-based', 'Hak temelli çalışma', 'Rights-based work'],
] as const

type OrgType = 'MEMBER_CSO' | 'INTERNATIONAL_PARTNER' | 'COORDINATING_CENTRE'

export interface DemoOrg {
  slug: string
  name: string
  type: OrgType
  city: string
  country: string
  website?: string
  themes: string[]
  tr: string
  en: string
}

export const ORGS: DemoOrg[] = [
  {
    slug: 'stgm',
    name: 'Sivil Toplum Geliştirme Merkezi (STGM)',
    type: 'COORDINATING_CENTRE',
    city: 'Ankara',
    country: 'TR',
    themes: ['governance', 'networking', 'rights-based', 'funding'],
    tr: 'Öğrenme topluluğunu koordine eden merkez: buluşmaları, webinarları ve çalışma ziyaretlerini düzenler.',
    en: 'The centre that coordinates the learning community: it convenes meetings, webinars and study visits.',
  },
  {
    slug: 'the-wheel',
    name: 'The Wheel',
    type: 'INTERNATIONAL_PARTNER',
    city: 'Dublin',
    country: 'IE',
    themes: ['networking', 'advocacy', 'governance', 'leadership'],
    tr: "İrlanda'nın sivil toplum ağı; İrlandalı akran kuruluşlarla bağlantı kurar ve deneyimini paylaşır.",
    en: "Ireland's network of community and voluntary organizations, connecting peers and sharing practice.",
  },
  {
    slug: 'kuzey-ekoloji',
    name: 'Kuzey Ekoloji Derneği',
    type: 'MEMBER_CSO',
    city: 'Trabzon',
    country: 'TR',
    themes: ['advocacy', 'volunteers', 'communication'],
    tr: 'Karadeniz kıyısındaki dereler ve yaylalar için yerel halkla birlikte izleme ve savunuculuk yapar.',
    en: 'Monitors Black Sea rivers and highlands with local people and advocates for their protection.',
  },
  {
    slug: 'kadin-emegi-izmir',
    name: 'Kadın Emeği Dayanışma Derneği',
    type: 'MEMBER_CSO',
    city: 'İzmir',
    country: 'TR',
    themes: ['rights-based', 'human-resources', 'advocacy'],
    tr: 'Kayıt dışı çalışan kadınların haklarına erişimi için danışmanlık ve eğitim verir.',
    en: 'Offers counselling and training so that women in informal work can claim their rights.',
  },
  {
    slug: 'engelsiz-erisim',
    name: 'Engelsiz Erişim Vakfı',
    type: 'MEMBER_CSO',
    city: 'İstanbul',
    country: 'TR',
    themes: ['rights-based', 'digital', 'advocacy'],
    tr: 'Dijital hizmetlerin ve kamusal alanların engelli bireyler için erişilebilir olması için çalışır.',
    en: 'Works to make digital services and public spaces accessible to disabled people.',
  },
  {
    slug: 'genc-gonulluler-diyarbakir',
    name: 'Genç Gönüllüler Derneği',
    type: 'MEMBER_CSO',
    city: 'Diyarbakır',
    country: 'TR',
    themes: ['volunteers', 'leadership', 'project-implementation'],
    tr: 'Gençlerin gönüllülük yoluyla kentlerinin yaşamına katılmasını destekler.',
    en: 'Helps young people take part in the life of their city through volunteering.',
  },
  {
    slug: 'multeci-destek-gaziantep',
    name: 'Mülteci Destek ve Dayanışma Derneği',
    type: 'MEMBER_CSO',
    city: 'Gaziantep',
    country: 'TR',
    themes: ['rights-based', 'project-implementation', 'grant-applications'],
    tr: 'Mültecilere hukuki bilgilendirme, dil kursları ve psikososyal destek sunar.',
    en: 'Provides refugees with legal information, language courses and psychosocial support.',
  },
  {
    slug: 'acik-veri-ankara',
    name: 'Açık Veri ve Şeffaflık Derneği',
    type: 'MEMBER_CSO',
    city: 'Ankara',
    country: 'TR',
    themes: ['data-systems', 'digital', 'governance'],
    tr: 'Kamu verisinin açılması ve sivil toplumun veriyle çalışma kapasitesi üzerine çalışır.',
    en: 'Works on open public data and on the data skills of civil-society organizations.',
  },
  {
    slug: 'kirsal-kalkinma-konya',
    name: 'Kırsal Kalkınma Kooperatifleri Birliği',
    type: 'MEMBER_CSO',
    city: 'Konya',
    country: 'TR',
    themes: ['project-development', 'funding', 'networking'],
    tr: 'Kırsaldaki kadın kooperatiflerinin proje geliştirme ve pazarlama kapasitesini güçlendirir.',
    en: "Strengthens rural women's cooperatives in project development and marketing.",
  },
  {
    slug: 'cocuk-haklari-eskisehir',
    name: 'Çocuk Hakları Girişimi',
    type: 'MEMBER_CSO',
    city: 'Eskişehir',
    country: 'TR',
    themes: ['rights-based', 'advocacy', 'communication'],
    tr: 'Çocukların katılım hakkını yerel yönetimlerle birlikte hayata geçirmeye çalışır.',
    en: "Works with local governments to put children's right to participate into practice.",
  },
  {
    slug: 'kultur-sanat-mardin',
    name: 'Mardin Kültür ve Sanat Kolektifi',
    type: 'MEMBER_CSO',
    city: 'Mardin',
    country: 'TR',
    themes: ['communication', 'volunteers', 'grant-applications'],
    tr: 'Çok dilli kültürel mirası atölyeler ve festivallerle görünür kılar.',
    en: 'Makes multilingual cultural heritage visible through workshops and festivals.',
  },
  {
    slug: 'saglik-hakki-adana',
    name: 'Sağlık Hakkı Platformu',
    type: 'MEMBER_CSO',
    city: 'Adana',
    country: 'TR',
    themes: ['rights-based', 'legal-financial', 'data-systems'],
    tr: 'Sağlık hizmetlerine erişimdeki engelleri belgeler ve çözüm önerileri geliştirir.',
    en: 'Documents barriers to health care and develops proposals to remove them.',
  },
]

export const DEMO_PASSWORD = 'Birlikte-Demo-2026'

export const DEMO_USERS = [
  { email: 'admin@birlikte.local', name: 'Ayşe Yönetici', role: 'ADMIN', org: 'stgm', orgRole: 'ADMIN', locale: 'tr' },
  { email: 'moderator@birlikte.local', name: 'Mehmet Moderatör', role: 'MODERATOR', org: 'stgm', orgRole: 'MEMBER', locale: 'tr' },
  { email: 'orgadmin@birlikte.local', name: 'Zeynep Kaya', role: 'MEMBER', org: 'kuzey-ekoloji', orgRole: 'ADMIN', locale: 'tr' },
  { email: 'member@birlikte.local', name: 'Emre Demir', role: 'MEMBER', org: 'kuzey-ekoloji', orgRole: 'MEMBER', locale: 'tr' },
  { email: 'partner@birlikte.local', name: 'Siobhán Murphy', role: 'MEMBER', org: 'the-wheel', orgRole: 'ADMIN', locale: 'en' },
] as const
