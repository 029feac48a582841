// i18n.js - the interface language (Spanish by default, English one click
// away), translation lookup and dates in Puerto Rico time.
import { dict } from './dict.js';

const STORAGE_KEY = 'linea311.lang';
const LANGS = ['es', 'en'];
const listeners = [];

let current = readStoredLang();

function readStoredLang() {
	try {
		const stored = localStorage.getItem(STORAGE_KEY);
		if (LANGS.includes(stored))
			return stored;
	} catch (e) {
		// Storage may be disabled; Spanish is the default then.
	}
	return 'es';
}

// Return the interface language: "es" or "en".
export function lang() {
	return current;
}

// Change the interface language, remember it and notify listeners.
export function setLang(next) {
	if (!LANGS.includes(next) || next === current)
		return;
	current = next;
	try {
		localStorage.setItem(STORAGE_KEY, next);
	} catch (e) {
		// Not remembered across visits; the switch still applies.
	}
	document.documentElement.lang = next;
	for (const fn of listeners)
		fn(next);
}

export function onLangChange(fn) {
	listeners.push(fn);
}

// Translate key, replacing {name} with params.name.
export function t(key, params) {
	const entry = dict[key];
	let text;
	if (!entry) {
		console.warn(`i18n: missing key ${key}`);
		text = key;
	} else {
		text = entry[current === 'en' ? 1 : 0];
	}
	if (params)
		text = text.replace(/\{(\w+)\}/g, (m, name) =>
			(params[name] === undefined ? m : String(params[name])));
	return text;
}

// Translate a text that depends on a count: the key "KEY_one" when count
// is 1 and the dictionary has it, "KEY" otherwise.
export function tn(key, count, params) {
	const one = `${key}_one`;
	return t(count === 1 && dict[one] ? one : key, { count, ...params });
}

// Pick the interface language's text from a bilingual API value
// {"es": ..., "en": ...}. Returns {text, lang} so the caller can mark
// Spanish text shown on an English page with lang="es".
export function pick(value) {
	if (value === null || value === undefined)
		return { text: '', lang: current };
	if (typeof value === 'string')
		return { text: value, lang: current };
	const mine = value[current];
	if (mine)
		return { text: mine, lang: current };
	const other = current === 'es' ? 'en' : 'es';
	return { text: value[other] || '', lang: other };
}

// Bilingual text as a plain string in the interface language when there.
export function pickText(value) {
	return pick(value).text;
}

const ZONE = 'America/Puerto_Rico';

function locale() {
	return current === 'en' ? 'en-US' : 'es-PR';
}

// Format an instant ("2026-12-07T21:55:00Z") as a Puerto Rico date and time.
export function formatDateTime(iso) {
	if (!iso)
		return '';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime()))
		return iso;
	return new Intl.DateTimeFormat(locale(), {
		timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric',
		hour: 'numeric', minute: '2-digit',
	}).format(d);
}

// Format an instant or a local date ("2026-12-09") as a date.
export function formatDate(value) {
	if (!value)
		return '';
	// A bare date is a Puerto Rico calendar date: format it at noon UTC
	// so that no time zone moves it to the day before.
	const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value;
	const d = new Date(iso);
	if (Number.isNaN(d.getTime()))
		return value;
	return new Intl.DateTimeFormat(locale(), {
		timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric',
	}).format(d);
}

export function formatNumber(n, options) {
	return new Intl.NumberFormat(locale(), options).format(n);
}

// Today's date in Puerto Rico as "YYYY-MM-DD".
export function todayLocal() {
	return localDate(new Date());
}

// The calendar date n days after date ("YYYY-MM-DD"), n may be negative.
export function addDays(date, n) {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

// The Puerto Rico calendar date of an instant, as "YYYY-MM-DD".
export function localDate(d) {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
	}).formatToParts(d);
	const get = (type) => parts.find((p) => p.type === type).value;
	return `${get('year')}-${get('month')}-${get('day')}`;
}
