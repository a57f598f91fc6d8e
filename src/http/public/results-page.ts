import { createHash } from 'node:crypto';
import type { PublicBpomView, PublicScope, PublicUnitView } from '../../modules/reports/public-results/public-results.service.ts';
import { GRADE_COLOURS, GRADES, type Grade, gradeLegendLabel } from '../../shared/charts/skm-charts.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { esc } from './form-page.ts';

/**
 * The public results pages `/hasil` and `/hasil/<unit code>` (issue 5 item 6): server-rendered HTML,
 * no JavaScript, one small inline stylesheet allowed by hash. Frozen figures only, no personal data.
 * Grade cells carry the letter as text as well as the colour (colour is never the only signal); the
 * grade colours give at least 4.5:1 against white text.
 */

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f3f5f8}main{max-width:60rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}h1{font-size:1.4rem;line-height:1.3;margin:.25rem 0 .75rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}a{color:#0b4f8a}.lang{float:right;margin:0 0 .5rem 1rem}.big{font-size:2.2rem;font-weight:700;margin:0}.kpi{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0 1rem}.kpi div{border:1px solid #c3cad3;border-radius:6px;padding:.5rem .9rem;min-width:9rem}.kpi dt{font-size:.9rem;color:#3d4752}.kpi dd{margin:0;font-weight:700;font-size:1.2rem}table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}th,td{border:1px solid #c3cad3;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#e8edf3}td.n{text-align:right;white-space:nowrap}.g{color:#fff;font-weight:700;text-align:center;white-space:nowrap}.gA{background:${GRADE_COLOURS.A}}.gB{background:${GRADE_COLOURS.B}}.gC{background:${GRADE_COLOURS.C}}.gD{background:${GRADE_COLOURS.D}}.muted{color:#3d4752;font-size:.95rem}.wrap{overflow-x:auto}:focus-visible{outline:3px solid #b35c00;outline-offset:2px}footer{margin-top:2rem;font-size:.9rem;color:#3d4752}`;
const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`;

export const RESULTS_PAGE_CSP = `default-src 'none'; style-src ${STYLE_HASH}; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`;

const T = (locale: Locale, key: string, p?: Record<string, string | number>) => t(locale, `reports.public.${key}`, p);

const qs = (locale: Locale, extra: Record<string, string | number | undefined> = {}) => {
  const parts = Object.entries({ ...extra, lang: locale === 'en' ? 'en' : undefined })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

function shell(locale: Locale, title: string, body: string, switchHref: string): string {
  const other: Locale = locale === 'en' ? 'id' : 'en';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${CSS}</style></head><body><main><p class="lang"><a href="${esc(switchHref)}" lang="${other}" hreflang="${other}">${other === 'en' ? 'English' : 'Bahasa Indonesia'}</a></p>${body}<footer><p>${esc(T(locale, 'footer'))}</p></footer></main></body></html>`;
}

const gradeCell = (display: string, grade: { code: string; label: string } | null, tag: 'td' | 'dd' = 'td') =>
  grade && (GRADES as readonly string[]).includes(grade.code)
    ? `<${tag} class="g g${grade.code}">${esc(display)} (${esc(grade.code)})</${tag}>`
    : `<${tag} class="n">${esc(display)}</${tag}>`;

function kpis(locale: Locale, s: PublicScope): string {
  return `<dl class="kpi"><div><dt>${esc(T(locale, 'ikm'))}</dt>${gradeCell(s.ikm.display, s.grade, 'dd')}</div><div><dt>${esc(T(locale, 'grade'))}</dt><dd>${esc(s.grade ? `${s.grade.code} – ${s.grade.label}` : '–')}</dd></div><div><dt>${esc(T(locale, 'respondents'))}</dt><dd>${s.counted}</dd></div><div><dt>${esc(T(locale, 'ci'))}</dt><dd>${esc(s.ci95)}</dd></div></dl>`;
}

function legend(locale: Locale): string {
  return `<p class="muted">${esc(T(locale, 'legend'))}: ${GRADES.map((g: Grade) => esc(gradeLegendLabel(g, locale))).join('; ')}</p>`;
}

function elementsTable(locale: Locale, s: PublicScope, caption: string): string {
  const rows = s.elements
    .map((e) => `<tr><th scope="row">${esc(e.code)}</th><td>${esc(e.name)}</td>${gradeCell(e.value.display, e.grade)}</tr>`)
    .join('');
  return `<div class="wrap" role="region" tabindex="0" aria-label="${esc(caption)}"><table><caption>${esc(caption)}</caption><thead><tr><th scope="col">${esc(T(locale, 'code'))}</th><th scope="col">${esc(T(locale, 'element'))}</th><th scope="col">${esc(T(locale, 'value'))}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function renderBpomResults(locale: Locale, v: PublicBpomView): string {
  const title = T(locale, 'bpomTitle', { year: v.year });
  const units = v.units
    .map(
      (u) =>
        `<tr><th scope="row"><a href="/hasil/${encodeURIComponent(u.code)}${qs(locale)}">${esc(u.name)}</a></th>${gradeCell(u.scope.ikm.display, u.scope.grade)}<td class="n">${u.scope.counted}</td></tr>`,
    )
    .join('');
  const years =
    v.years.length > 1
      ? `<p>${esc(T(locale, 'otherYears'))}: ${v.years
          .map((y) => (y === v.year ? `<strong>${y}</strong>` : `<a href="/hasil${qs(locale, { tahun: y })}">${y}</a>`))
          .join(' · ')}</p>`
      : '';
  const body = `<h1>${esc(title)}</h1><p>${esc(T(locale, 'bpomIntro', { year: v.year }))}</p>${kpis(locale, v.bpom)}${years}<h2>${esc(T(locale, 'elementsHeading'))}</h2>${elementsTable(locale, v.bpom, T(locale, 'elementsCaption', { scope: 'Badan POM', year: v.year }))}${legend(locale)}<h2>${esc(T(locale, 'unitsHeading'))}</h2><div class="wrap" role="region" tabindex="0" aria-label="${esc(T(locale, 'unitsCaption', { year: v.year }))}"><table><caption>${esc(T(locale, 'unitsCaption', { year: v.year }))}</caption><thead><tr><th scope="col">${esc(T(locale, 'unit'))}</th><th scope="col">${esc(T(locale, 'ikm'))}</th><th scope="col">${esc(T(locale, 'respondents'))}</th></tr></thead><tbody>${units}</tbody></table></div>`;
  return shell(locale, title, body, `/hasil${qs(locale === 'en' ? 'id' : 'en', { tahun: v.year })}`);
}

export function renderUnitResults(locale: Locale, v: PublicUnitView): string {
  const title = T(locale, 'unitTitle', { unit: v.unit.name });
  const back = `<p><a href="/hasil${qs(locale)}">${esc(T(locale, 'back'))}</a></p>`;
  const switchHref = `/hasil/${encodeURIComponent(v.unit.code)}${qs(locale === 'en' ? 'id' : 'en')}`;
  if (!v.scope || v.year === null) {
    const trendOnly = v.trend.length ? trendTable(locale, v) : '';
    return shell(locale, title, `${back}<h1>${esc(title)}</h1><p>${esc(T(locale, 'noResults'))}</p>${trendOnly}`, switchHref);
  }
  const weakest = v.weakest.length
    ? `<p>${esc(T(locale, 'weakest'))}: ${v.weakest.map((w) => `${esc(w.code)} ${esc(w.name)} (${esc(w.display)})`).join('; ')}.</p>`
    : '';
  const actions = v.actions.length
    ? `<div class="wrap" role="region" tabindex="0" aria-label="${esc(T(locale, 'actionsCaption'))}"><table><caption>${esc(T(locale, 'actionsCaption'))}</caption><thead><tr><th scope="col">${esc(T(locale, 'element'))}</th><th scope="col">${esc(T(locale, 'action'))}</th><th scope="col">${esc(T(locale, 'timeline'))}</th><th scope="col">${esc(T(locale, 'status'))}</th></tr></thead><tbody>${v.actions
        .map(
          (a) =>
            `<tr><td>${esc(a.elements.join(', '))}</td><td>${esc(a.text)}</td><td>${esc(a.timeline ?? '–')}</td><td>${esc(T(locale, `status.${a.status}`))}</td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : `<p>${esc(T(locale, 'noActions'))}</p>`;
  const body = `${back}<h1>${esc(title)}</h1><p>${esc(T(locale, 'unitIntro', { year: v.year }))}</p>${kpis(locale, v.scope)}<h2>${esc(T(locale, 'elementsHeading'))}</h2>${elementsTable(locale, v.scope, T(locale, 'elementsCaption', { scope: v.unit.name, year: v.year }))}${legend(locale)}<h2>${esc(T(locale, 'trendHeading'))}</h2>${trendTable(locale, v)}<h2>${esc(T(locale, 'actionsHeading'))}</h2>${weakest}${actions}`;
  return shell(locale, title, body, switchHref);
}

function trendTable(locale: Locale, v: PublicUnitView): string {
  const rows = v.trend
    .map(
      (p) => `<tr><th scope="row">${p.year}</th>${gradeCell(p.display, p.grade ? { code: p.grade, label: p.grade } : null)}</tr>`,
    )
    .join('');
  return `<div class="wrap" role="region" tabindex="0" aria-label="${esc(T(locale, 'trendCaption', { unit: v.unit.name }))}"><table><caption>${esc(T(locale, 'trendCaption', { unit: v.unit.name }))}</caption><thead><tr><th scope="col">${esc(T(locale, 'year'))}</th><th scope="col">${esc(T(locale, 'ikm'))}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function renderNoResults(locale: Locale, unitCode?: string): string {
  const title = T(locale, unitCode ? 'unitUnknown' : 'noneTitle');
  const switchHref = `${unitCode ? `/hasil/${encodeURIComponent(unitCode)}` : '/hasil'}${qs(locale === 'en' ? 'id' : 'en')}`;
  return shell(
    locale,
    title,
    `<h1>${esc(title)}</h1><p>${esc(T(locale, unitCode ? 'unitUnknownBody' : 'noneBody'))}</p>${unitCode ? `<p><a href="/hasil${qs(locale)}">${esc(T(locale, 'back'))}</a></p>` : ''}`,
    switchHref,
  );
}
