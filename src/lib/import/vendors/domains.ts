// Email domains as crosswalk keys: normalised to the registrable domain, and never a free-mail
// provider's (a gmail address says nothing about which customer wrote it).

/** Free-mail and ISP mail domains that never identify a customer (exact registrable domains). */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'passport.com',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aim.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  't-online.de',
  'yandex.com',
  'yandex.ru',
  'ya.ru',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'rambler.ru',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sohu.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'zoho.com',
  'zohomail.com',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'mail.com',
  'email.com',
  'usa.com',
  'hushmail.com',
  'lycos.com',
  'rediffmail.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'earthlink.net',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'libero.it',
  'virgilio.it',
  'terra.com.br',
  'uol.com.br',
  'bol.com.br',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
]);

// Brands that run free mail under many country domains (yahoo.co.uk, hotmail.fr, gmx.at, …).
const FREE_MAIL_BRANDS = new Set([
  'gmail',
  'googlemail',
  'outlook',
  'hotmail',
  'live',
  'msn',
  'yahoo',
  'ymail',
  'icloud',
  'aol',
  'protonmail',
  'gmx',
  'yandex',
  'zoho',
]);

// Second-level suffixes under which the registrable domain has three labels (acme.co.uk).
const TWO_LABEL_SUFFIXES = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'me.uk',
  'ltd.uk',
  'plc.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'org.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.kr',
  'co.in',
  'net.in',
  'org.in',
  'co.za',
  'com.br',
  'net.br',
  'org.br',
  'com.mx',
  'com.ar',
  'com.co',
  'com.cn',
  'net.cn',
  'com.hk',
  'com.sg',
  'com.tr',
  'com.tw',
  'co.il',
  'co.id',
  'com.my',
  'com.ph',
  'com.pl',
  'com.es',
  'com.pt',
  'co.at',
  'or.at',
]);

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/**
 * A host, URL or email address reduced to its registrable domain, lower-case: "https://www.
 * EU.Acme.co.uk/x" → "acme.co.uk", "ann@mail.acme.com" → "acme.com". Null when it is no domain.
 */
export function normalizeDomain(raw: string): string | null {
  let s = raw.normalize('NFKC').trim().toLowerCase();
  if (s === '') return null;
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  if (!DOMAIN.test(s)) return null;
  const labels = s.split('.');
  if (labels.length < 2 || /^\d+$/.test(labels[labels.length - 1])) return null;
  const lastTwo = labels.slice(-2).join('.');
  const keep = TWO_LABEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  if (labels.length < keep) return null;
  return labels.slice(-keep).join('.');
}

/** Whether a (normalised) domain belongs to a free-mail provider. */
export function isFreeMailDomain(domain: string): boolean {
  if (FREE_MAIL_DOMAINS.has(domain)) return true;
  return FREE_MAIL_BRANDS.has(domain.split('.')[0]);
}

/** The customer domain of an email, host or URL: normalised, or null when free mail or none. */
export function customerDomain(raw: string): string | null {
  const d = normalizeDomain(raw);
  return d === null || isFreeMailDomain(d) ? null : d;
}
