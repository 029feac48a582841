// checks.mjs - checks that need no server: the translation dictionary,
// and the accessibility audit that run.mjs runs inside each page.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Keys built at run time from API codes: every code must have its text.
const DYNAMIC_KEYS = {
	'case.status': ['new', 'contacted', 'in_progress', 'closed', 'cancelled'],
	'sla.state': ['on_time', 'at_risk', 'overdue', 'met', 'missed'],
	'call.type': ['information', 'transaction', 'referral', 'follow_up'],
	'call.channel': ['phone', 'email', 'fax', 'web', 'in_person', 'api'],
	'call.outcome': ['informed', 'information_sent', 'transaction_done', 'case_created',
		'case_status_given', 'transferred', 'dropped', 'other'],
	'content.status': ['draft', 'in_review', 'approved', 'published', 'archived'],
	'workflow.to': ['in_review', 'approved', 'published', 'archived', 'draft'],
	'workflow.explain': ['draft', 'in_review', 'approved', 'published', 'archived'],
	section: ['description', 'audience', 'considerations', 'location_hours', 'cost_payment',
		'requirements', 'faq', 'related_links', 'social_media'],
	location: ['place', 'directory', 'hours', 'contact', 'phone', 'fax', 'email'],
	'agency.level': ['federal', 'state', 'municipal'],
	'agency.integration': ['not_integrated', 'onboarding', 'integrated', 'suspended'],
	onboarding: ['liaison_named', 'content_meetings', 'templates_approved', 'operator_orientation',
		'test_calls', 'licences_acquired', 'liaison_training', 'agreement_signed'],
	day: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
	'cancel.reason': ['duplicate', 'withdrawn', 'other'],
	'citizen.contact': ['phone', 'email', 'mail'],
	'calendar.kind': ['holiday', 'closure', 'half_day'],
	'search.kind': ['service', 'agency', 'office'],
	lang: ['es', 'en'],
};

function placeholders(text) {
	return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
}

// Return a list of problems of the dictionary: missing or empty texts,
// placeholders that differ between languages, keys used in the code
// that the dictionary lacks, informal Spanish.
export async function checkDictionary(jsDir) {
	const { dict } = await import(pathToFileURL(path.join(jsDir, 'dict.js')).href);
	const problems = [];
	for (const [key, value] of Object.entries(dict)) {
		if (!Array.isArray(value) || value.length !== 2 || !value[0] || !value[1]) {
			problems.push(`${key}: needs a Spanish and an English text`);
			continue;
		}
		if (placeholders(value[0]) !== placeholders(value[1]))
			problems.push(`${key}: placeholders differ between Spanish and English`);
		// Formal address: no "tú" forms that a careless text would use.
		if (/\b(tú|tu cuenta|puedes|debes|escribe |elige |pulsa )/i.test(value[0]))
			problems.push(`${key}: Spanish text is not formal ("usted"): ${value[0]}`);
	}
	const prefixes = new Set(Object.keys(dict).map((k) => k.split('.')[0]));
	const files = [];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, entry.name);
			if (entry.isDirectory())
				walk(p);
			else if (entry.name.endsWith('.js') && entry.name !== 'dict.js')
				files.push(p);
		}
	};
	walk(jsDir);
	for (const file of files) {
		const text = fs.readFileSync(file, 'utf8');
		for (const m of text.matchAll(/['"]([a-z_]+(?:\.[a-z_0-9]+)+)['"]/g)) {
			const key = m[1];
			if (!prefixes.has(key.split('.')[0]) || /\.(js|css|html|png|svg)$/.test(key))
				continue;
			if (key.split('.').length < 2 || dict[key])
				continue;
			// A prefix of dynamic keys ("case.status") is not a key itself.
			if (DYNAMIC_KEYS[key] || key === 'template.location' || key.startsWith('template.'))
				continue;
			problems.push(`${path.basename(file)}: key ${key} is not in dict.js`);
		}
	}
	for (const [prefix, codes] of Object.entries(DYNAMIC_KEYS))
		for (const code of codes)
			if (!dict[`${prefix}.${code}`])
				problems.push(`dynamic key ${prefix}.${code} is not in dict.js`);
	return problems;
}

// Runs inside the page (passed to page.evaluate, so it must not use
// anything from this module). Returns a list of problems: controls
// without an accessible name, inline style attributes, and text whose
// contrast with its background is under WCAG 2.1 AA (4.5:1, or 3:1 for
// large text).
export function auditPage() {
	const problems = [];
	const visible = (el) => {
		if (el.closest('[hidden]') || el.closest('details:not([open]) > :not(summary)'))
			return false;
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
	};
	const label = (el) => {
		if (el.getAttribute('aria-label'))
			return el.getAttribute('aria-label');
		const by = el.getAttribute('aria-labelledby');
		if (by)
			return by.split(' ').map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
		if (el.labels && el.labels.length)
			return [...el.labels].map((l) => l.textContent).join(' ').trim();
		if (el.tagName === 'BUTTON' || el.tagName === 'A')
			return el.textContent.trim();
		return '';
	};
	for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]')) {
		if (visible(el) && !label(el))
			problems.push(`no accessible name: ${el.outerHTML.slice(0, 100)}`);
	}
	for (const el of document.querySelectorAll('[style]'))
		problems.push(`inline style attribute: ${el.outerHTML.slice(0, 100)}`);

	const parse = (c) => {
		const m = c.match(/rgba?\(([^)]+)\)/);
		if (!m)
			return null;
		const p = m[1].split(',').map((x) => parseFloat(x));
		return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
	};
	const lum = ({ r, g, b }) => {
		const f = (v) => {
			const s = v / 255;
			return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
		};
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
	};
	const background = (el) => {
		for (let e = el; e; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c && c.a >= 0.99)
				return c;
		}
		return { r: 255, g: 255, b: 255, a: 1 };
	};
	const seen = new Set();
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const el = node.parentElement;
		if (!node.textContent.trim() || !el || seen.has(el) || el.closest('svg, .visually-hidden, noscript, option'))
			continue;
		seen.add(el);
		if (!visible(el))
			continue;
		const style = getComputedStyle(el);
		const fg = parse(style.color);
		if (!fg)
			continue;
		const bg = background(el);
		const l1 = lum(fg);
		const l2 = lum(bg);
		const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
		const size = parseFloat(style.fontSize);
		const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
		const needed = large ? 3 : 4.5;
		// Disabled controls are exempt from the contrast criterion.
		if (ratio + 0.01 < needed && !el.closest('[disabled]'))
			problems.push(`contrast ${ratio.toFixed(2)} < ${needed}: "${node.textContent.trim().slice(0, 40)}" (${style.color} on rgb(${bg.r},${bg.g},${bg.b}))`);
	}
	return problems;
}
