import { createHash } from 'node:crypto';
import type { InstrumentProfile, RespondentField } from '../../domain/profiles/profile.ts';
import type { Locale } from '../../shared/i18n/index.ts';

/**
 * Server-rendered public survey form (DOMAIN 5.2.2-5.2.4): one page, one fieldset per step, working
 * without JavaScript; a small inline script turns it into a one-step-at-a-time wizard. No external
 * asset: CSS and JS are inline and allowed by hash in the Content-Security-Policy.
 */

export const esc = (s: unknown): string =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

// Colours: text #1b1b1b, primary #0b4f8a and error #a4001d on white all exceed 7:1 (WCAG AA needs 4.5:1).
const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f3f5f8}main{max-width:44rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}h1{font-size:1.35rem;line-height:1.3;margin:.25rem 0 1rem}.unit{margin:0;color:#3d4752;font-weight:600}.lang{float:right;margin:0 0 .5rem 1rem}a{color:#0b4f8a}fieldset{border:1px solid #c3cad3;border-radius:6px;margin:0 0 1rem;padding:.75rem}legend{font-weight:700;padding:0 .25rem}fieldset fieldset{border:0;border-top:1px solid #dde2e8;border-radius:0;margin:0;padding:.75rem 0 .5rem}fieldset fieldset legend{font-weight:600;padding:0}.f{margin:0 0 .9rem}.f>label,.lbl{display:block;font-weight:600;margin-bottom:.25rem}input[type=text],input[type=tel],input[type=number],select,textarea{width:100%;font:inherit;padding:.55rem;border:1px solid #6b7580;border-radius:4px;background:#fff;color:#1b1b1b}textarea{min-height:6rem}.opt{display:flex;gap:.5rem;align-items:flex-start;padding:.35rem 0}.opt input{width:1.25rem;height:1.25rem;margin:.15rem 0 0;flex:none}.opt label{font-weight:400}:focus-visible{outline:3px solid #b35c00;outline-offset:2px}button{font:inherit;font-weight:600;padding:.65rem 1.1rem;border-radius:4px;border:2px solid #0b4f8a;cursor:pointer;margin:.25rem .5rem .25rem 0}.primary{background:#0b4f8a;color:#fff}.secondary{background:#fff;color:#0b4f8a}.err{color:#a4001d;font-weight:600;margin:.25rem 0}.err-sum{border:3px solid #a4001d;border-radius:6px;padding:.75rem;margin:0 0 1rem}.err-sum h2{font-size:1.1rem;margin:0 0 .5rem;color:#a4001d}.note{font-size:.95rem;background:#eef3f8;border-radius:6px;padding:.75rem;margin:0 0 1rem}.note h2{font-size:1rem;margin:0 0 .25rem}.note p{margin:.25rem 0}.hp{display:none}.req{color:#a4001d}.prompt{margin:.25rem 0 .5rem;font-style:italic}.nav{margin-top:1rem}.progress{font-weight:600;color:#3d4752}`;

// Progressive enhancement: one step at a time with "Selanjutnya >"/"< Kembali"; each step's own
// controls are checked before moving on. With a server error summary, every step stays visible.
const JS = `(function(){var f=document.getElementById('survey');if(!f||document.getElementById('errors'))return;var s=[].slice.call(f.querySelectorAll('fieldset.step'));if(s.length<2)return;var L=JSON.parse(f.getAttribute('data-nav'));var i=0;function show(n){i=n;s.forEach(function(x,k){x.hidden=k!==n});var l=s[n].querySelector('legend');if(l){l.setAttribute('tabindex','-1');l.focus()}}function ok(x){var c=[].slice.call(x.querySelectorAll('input,select,textarea'));for(var k=0;k<c.length;k++){if(!c[k].checkValidity()){c[k].reportValidity();return false}}return true}s.forEach(function(x,k){var d=document.createElement('div');d.className='nav';if(k>0){var b=document.createElement('button');b.type='button';b.className='secondary';b.textContent=L.back;b.onclick=function(){show(k-1)};d.appendChild(b)}if(k<s.length-1){var n=document.createElement('button');n.type='button';n.className='primary';n.textContent=L.next;n.onclick=function(){if(ok(x))show(k+1)};d.appendChild(n)}var sub=x.querySelector('.submit');if(sub)x.insertBefore(d,sub);else x.appendChild(d)});s.forEach(function(x,k){x.hidden=k!==0})})();`;

const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
export const STYLE_HASH = hash(CSS);
export const SCRIPT_HASH = hash(JS);

/** `frame-ancestors 'none'` unless the campaign explicitly allows embedding from listed origins. */
export function contentSecurityPolicy(frameAncestors: readonly string[] | null): string {
  const fa = frameAncestors?.length ? frameAncestors.join(' ') : "'none'";
  return `default-src 'none'; style-src ${STYLE_HASH}; script-src ${SCRIPT_HASH}; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors ${fa}`;
}

const TEXT = {
  id: {
    lang: 'English',
    langCode: 'en',
    stepOf: 'Langkah {n} dari {total}',
    steps: ['RESPONDEN – Keterangan Identitas', 'PELAYANAN – Jenis Layanan', 'KUESIONER', 'SARAN & MASUKAN'],
    choose: '— Pilih —',
    errorsTitle: 'Periksa kembali isian berikut',
    privacyTitle: 'Perlindungan data pribadi',
    privacy: [
      'Yang disimpan: jawaban Anda, identitas (nama, No. HP, instansi – disimpan terenkripsi), umur, jenis kelamin, pendidikan, pekerjaan, serta waktu pengisian. Alamat IP tidak disimpan, hanya sidik kuncinya untuk mencegah penyalahgunaan.',
      'Tujuan: mengukur Indeks Kepuasan Masyarakat (SKM) dan persepsi layanan serta antikorupsi, dan memeriksa isian ganda.',
      'Lama penyimpanan: {retention}; setelah itu data pribadi dihapus, jawaban tetap disimpan tanpa identitas.',
      'Yang dapat melihat: petugas SKM unit layanan dan koordinator SKM BPOM. Hasil yang diumumkan hanya berupa angka gabungan.',
    ],
    retentionDays: '{days} hari setelah survei ditutup',
    retentionDefault: 'sampai pengolahan survei selesai dan survei ditutup',
    consent: 'Saya telah membaca keterangan di atas dan setuju data saya diproses untuk survei ini.',
    service: 'Jenis pelayanan yang diterima',
    honeypot: 'Jangan isi kolom ini',
    captcha: 'Kode keamanan: berapa {a} + {b}?',
    submit: 'Simpan',
    next: 'Selanjutnya >',
    back: '< Kembali',
    required: 'wajib',
  },
  en: {
    lang: 'Bahasa Indonesia',
    langCode: 'id',
    stepOf: 'Step {n} of {total}',
    steps: ['RESPONDENT – Identity', 'SERVICE – Type of service', 'QUESTIONNAIRE', 'SUGGESTIONS & FEEDBACK'],
    choose: '— Choose —',
    errorsTitle: 'Please check the following',
    privacyTitle: 'Personal data protection',
    privacy: [
      'What is kept: your answers, your identity (name, mobile number, institution – stored encrypted), age, sex, education, occupation and the time of submission. Your IP address is not stored, only a keyed fingerprint to prevent abuse.',
      'Why: to measure the Community Satisfaction Index (SKM) and the perception of service and anti-corruption, and to check for duplicate entries.',
      'How long: {retention}; then the personal data is deleted and the answers are kept without identity.',
      "Who sees it: the service unit's SKM officers and BPOM's SKM coordinator. Published results are aggregate figures only.",
    ],
    retentionDays: '{days} days after the survey closes',
    retentionDefault: 'until the survey has been processed and closed',
    consent: 'I have read the information above and agree that my data is processed for this survey.',
    service: 'Service received',
    honeypot: 'Leave this field empty',
    captcha: 'Security code: what is {a} + {b}?',
    submit: 'Save',
    next: 'Next >',
    back: '< Back',
    required: 'required',
  },
} as const;

const fill = (s: string, p: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));

export interface ServiceOption {
  id: string;
  name: string;
}

export interface FormView {
  locale: Locale;
  profile: InstrumentProfile;
  campaignName: string;
  unitName: string;
  /** Unit-level link: the respondent chooses; service-level: one fixed service. */
  services: ServiceOption[];
  fixedService: ServiceOption | null;
  action: string;
  langSwitchHref: string;
  retentionDays: number | null;
  values: Record<string, string>;
  /** Form field name → message, in order. */
  errors: { name: string; message: string }[];
  clientSubmissionId: string;
  challenge: string;
  captcha: { a: number; b: number } | null;
}

/** The id of the control an error links to. */
export function fieldId(name: string, profile: InstrumentProfile): string {
  if (name.startsWith('q_')) return `${name}_1`;
  const f = profile.respondentFields.find((x) => x.code === name);
  if (f?.type === 'choice' && (f.options?.length ?? 0) <= 3) return `f-${name}-${f.options?.[0]?.code ?? ''}`;
  return `f-${name}`;
}

export function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}</main><script>${JS}</script></body></html>`;
}

export function renderForm(v: FormView): string {
  const T = TEXT[v.locale];
  const L = v.locale;
  const p = v.profile;
  const err = new Map(v.errors.map((e) => [e.name, e.message]));
  const val = (n: string) => v.values[n] ?? '';
  const errAttr = (n: string) => (err.has(n) ? ` aria-invalid="true" aria-describedby="e-${n}"` : '');
  const errMsg = (n: string) => (err.has(n) ? `<p class="err" id="e-${n}">${esc(err.get(n))}</p>` : '');
  const reqMark = (r: boolean) => (r ? ` <span class="req">(${T.required})</span>` : '');

  const field = (f: RespondentField): string => {
    const n = f.code;
    const id = `f-${n}`;
    const label = `${esc(f.label[L])}${reqMark(f.required)}`;
    const req = f.required ? ' required' : '';
    if (f.type === 'choice') {
      const opts = f.options ?? [];
      if (opts.length <= 3) {
        const radios = opts
          .map(
            (o) =>
              `<div class="opt"><input type="radio" id="${id}-${o.code}" name="${n}" value="${o.code}"${val(n) === o.code ? ' checked' : ''}${req}${errAttr(n)}><label for="${id}-${o.code}">${esc(o.label[L])}</label></div>`,
          )
          .join('');
        return `<fieldset class="f"><legend>${label}</legend>${errMsg(n)}${radios}</fieldset>`;
      }
      const options = opts
        .map((o) => `<option value="${o.code}"${val(n) === o.code ? ' selected' : ''}>${esc(o.label[L])}</option>`)
        .join('');
      return `<div class="f"><label for="${id}">${label}</label>${errMsg(n)}<select id="${id}" name="${n}"${req}${errAttr(n)}><option value="">${T.choose}</option>${options}</select></div>`;
    }
    if (f.type === 'integer') {
      const range = `${f.min !== undefined ? ` min="${f.min}"` : ''}${f.max !== undefined ? ` max="${f.max}"` : ''}`;
      return `<div class="f"><label for="${id}">${label}</label>${errMsg(n)}<input type="number" inputmode="numeric" id="${id}" name="${n}" value="${esc(val(n))}"${range}${req}${errAttr(n)}></div>`;
    }
    if (f.type === 'textarea')
      return `<div class="f"><label for="${id}">${label}</label>${errMsg(n)}<textarea id="${id}" name="${n}" maxlength="4000"${req}${errAttr(n)}>${esc(val(n))}</textarea></div>`;
    const kind = n === 'phone' ? 'tel' : 'text';
    const ac =
      n === 'fullName'
        ? ' autocomplete="name"'
        : n === 'phone'
          ? ' autocomplete="tel"'
          : n === 'institution'
            ? ' autocomplete="organization"'
            : '';
    return `<div class="f"><label for="${id}">${label}</label>${errMsg(n)}<input type="${kind}" id="${id}" name="${n}" value="${esc(val(n))}" maxlength="${n === 'phone' ? 30 : 200}"${ac}${req}${errAttr(n)}></div>`;
  };

  const serviceField = (f: RespondentField): string => {
    const n = f.code;
    if (v.fixedService)
      return `<div class="f"><p class="lbl">${esc(f.label[L])}</p><p>${esc(v.fixedService.name)}</p><input type="hidden" name="${n}" value="${esc(v.fixedService.id)}"></div>`;
    const options = v.services
      .map((s) => `<option value="${esc(s.id)}"${val(n) === s.id ? ' selected' : ''}>${esc(s.name)}</option>`)
      .join('');
    return `<div class="f"><label for="f-${n}">${esc(f.label[L])}${reqMark(true)}</label>${errMsg(n)}<select id="f-${n}" name="${n}" required${errAttr(n)}><option value="">${T.choose}</option>${options}</select></div>`;
  };

  const question = (q: InstrumentProfile['questions'][number]): string => {
    const n = `q_${q.code}`;
    const labels = p.optionSets.find((s) => s.code === q.optionSet)?.labels ?? [];
    const radios = labels
      .map((lab, i) => {
        const score = p.scaleMin + i;
        const id = `${n}_${i + 1}`;
        return `<div class="opt"><input type="radio" id="${id}" name="${n}" value="${score}"${val(n) === String(score) ? ' checked' : ''} required${errAttr(n)}><label for="${id}">${esc(lab[L])}</label></div>`;
      })
      .join('');
    return `<fieldset><legend>${esc(q.code)}. ${esc(q.text[L])}</legend>${errMsg(n)}${radios}</fieldset>`;
  };

  const byStep = (step: number) => p.respondentFields.filter((f) => (f.step ?? 1) === step);
  const total = 3 + p.sections.length;
  const legend = (n: number, title: string) => `<legend>${fill(T.stepOf, { n, total })}: ${esc(title)}</legend>`;

  const retention = v.retentionDays ? fill(T.retentionDays, { days: v.retentionDays }) : T.retentionDefault;
  const privacy = `<div class="note"><h2>${T.privacyTitle}</h2>${T.privacy.map((x) => `<p>${esc(fill(x, { retention }))}</p>`).join('')}</div>`;
  const consent = `<div class="f">${errMsg('consent')}<div class="opt"><input type="checkbox" id="f-consent" name="consent" value="1"${val('consent') ? ' checked' : ''} required${errAttr('consent')}><label for="f-consent">${T.consent}</label></div></div>`;

  const steps: string[] = [];
  steps.push(`<fieldset class="step">${legend(1, T.steps[0])}${privacy}${byStep(1).map(field).join('')}${consent}</fieldset>`);
  steps.push(
    `<fieldset class="step">${legend(2, T.steps[1])}${byStep(2)
      .map((f) => (f.type === 'service' ? serviceField(f) : field(f)))
      .join('')}</fieldset>`,
  );
  p.sections.forEach((s, i) => {
    const prompt = s.prompt ? `<p class="prompt">${esc(s.prompt[L])}</p>` : '';
    const qs = p.questions
      .filter((q) => q.section === s.code)
      .map(question)
      .join('');
    steps.push(`<fieldset class="step">${legend(3 + i, `${T.steps[2]} ${s.code} – ${s.title[L]}`)}${prompt}${qs}</fieldset>`);
  });
  const captcha = v.captcha
    ? `<div class="f"><label for="f-kode">${fill(T.captcha, v.captcha)}</label>${errMsg('kode')}<input type="text" inputmode="numeric" id="f-kode" name="kode" autocomplete="off" maxlength="3" required${errAttr('kode')}></div>`
    : '';
  steps.push(
    `<fieldset class="step">${legend(total, T.steps[3])}${byStep(5).map(field).join('')}${captcha}<div class="hp"><label for="f-website">${T.honeypot}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div><div class="submit"><button type="submit" class="primary">${T.submit}</button></div></fieldset>`,
  );

  const summary = v.errors.length
    ? `<div class="err-sum" id="errors" role="alert" tabindex="-1"><h2>${T.errorsTitle}</h2><ul>${v.errors
        .map((e) => `<li><a href="#${fieldId(e.name, p)}">${esc(e.message)}</a></li>`)
        .join('')}</ul></div>`
    : '';
  const nav = esc(JSON.stringify({ next: T.next, back: T.back }));
  const body = `<a class="lang" href="${esc(v.langSwitchHref)}" lang="${T.langCode}">${T.lang}</a><p class="unit">${esc(v.unitName)}</p><h1>${esc(v.campaignName)}</h1>${summary}<form id="survey" method="post" action="${esc(v.action)}" novalidate data-nav="${nav}"><input type="hidden" name="csid" value="${esc(v.clientSubmissionId)}"><input type="hidden" name="ch" value="${esc(v.challenge)}">${steps.join('')}</form>`;
  return page(L, `${v.campaignName} – ${v.unitName}`, body);
}

export function renderMessage(locale: Locale, title: string, paragraphs: string[], extra = ''): string {
  return page(locale, title, `<h1>${esc(title)}</h1>${paragraphs.map((x) => `<p>${esc(x)}</p>`).join('')}${extra}`);
}
