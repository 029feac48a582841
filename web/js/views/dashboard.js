// dashboard.js - the supervisor's and director's dashboard: calls per day
// and per hour by type, cases opened and closed, SLA compliance by agency.
import { h, replace } from '../dom.js';
import { t, formatDate, formatNumber, todayLocal, pickText } from '../i18n.js';
import * as ep from '../endpoints.js';
import { CALL_TYPES, callTypeLabel } from '../format.js';
import { barChart, percentBars } from '../charts.js';
import { pageHeader, alertBox, loading, field, input } from '../ui.js';

function addDays(date, n) {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

function daysBetween(from, to) {
	const out = [];
	for (let d = from; d <= to && out.length < 400; d = addDays(d, 1))
		out.push(d);
	return out;
}

// Count rows of [key, type, count] into one series per call type.
function seriesByType(keys, rows, keyOf) {
	return CALL_TYPES.map((type) => ({
		label: callTypeLabel(type),
		values: keys.map((k) => rows.filter((r) => keyOf(r) === k && (r.type || r.call_type) === type)
			.reduce((sum, r) => sum + (r.count ?? r.calls ?? 0), 0)),
	}));
}

// Rows of {key, type, count} from the shapes the stats API may use: a
// list of such rows, or a list of {key, by_type: {type: count}}.
function rowsOf(list, keyName) {
	const out = [];
	for (const item of list || []) {
		const key = item[keyName];
		const byType = item.by_type || item.types;
		if (byType && typeof byType === 'object') {
			for (const [type, count] of Object.entries(byType))
				out.push({ [keyName]: key, type, count });
		} else {
			out.push(item);
		}
	}
	return out;
}

function percent(met, missed) {
	const decided = (met || 0) + (missed || 0);
	return decided ? (100 * (met || 0)) / decided : null;
}

export async function renderDashboard(main, params, query) {
	const to = query.get('hasta') || todayLocal();
	const from = query.get('desde') || addDays(to, -29);
	const fromInput = input('desde', { type: 'date', value: from, id: 'dash-from' });
	const toInput = input('hasta', { type: 'date', value: to, id: 'dash-to' });
	const holder = h('div', null, loading());
	main.append(pageHeader(t('dashboard.title')),
		h('form', { class: 'filters', id: 'dash-period', 'aria-label': t('dashboard.period'), onsubmit: (e) => {
			e.preventDefault();
			history.replaceState(null, '', `/panel?desde=${fromInput.value}&hasta=${toInput.value}`);
			load(fromInput.value, toInput.value);
		} },
		field(t('dashboard.from'), fromInput), field(t('dashboard.to'), toInput),
		h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('dashboard.apply')))),
		holder);

	async function load(f, tt) {
		replace(holder, loading());
		let data;
		try {
			data = await ep.stats({ from: f, to: tt });
		} catch (err) {
			replace(holder, alertBox('error', err.message));
			return;
		}
		const calls = data.calls || {};
		const cases = data.cases || {};
		const days = daysBetween(f, tt);
		const dayLabels = days.map((d) => formatDate(d).replace(/,? \d{4}$/, ''));
		const byDay = rowsOf(calls.by_day, 'date');
		const byHour = rowsOf(calls.by_hour, 'hour');
		const hours = Array.from({ length: 24 }, (_, i) => i);
		const opened = days.map((d) => (cases.by_day || []).filter((r) => r.date === d).reduce((s2, r) => s2 + (r.opened ?? r.created ?? 0), 0));
		const closed = days.map((d) => (cases.by_day || []).filter((r) => r.date === d).reduce((s2, r) => s2 + (r.closed ?? 0), 0));
		const agencies = (data.sla && (data.sla.by_agency || data.sla.agencies)) || data.sla_by_agency || [];
		const slaRows = agencies.map((a) => ({
			label: a.agency ? (a.agency.acronym || pickText(a.agency.name)) : (a.acronym || pickText(a.name) || String(a.agency_id)),
			values: [
				percent(a.sla1 && a.sla1.met, a.sla1 && a.sla1.missed),
				percent(a.sla2 && a.sla2.met, a.sla2 && a.sla2.missed),
			],
		}));
		const totalCalls = calls.total ?? byDay.reduce((s2, r) => s2 + (r.count || 0), 0);
		const kpis = [
			[t('dashboard.kpi.calls'), calls.total ?? totalCalls],
			[t('dashboard.kpi.opened'), cases.created ?? cases.opened ?? opened.reduce((a, b) => a + b, 0)],
			[t('dashboard.kpi.closed'), cases.closed ?? closed.reduce((a, b) => a + b, 0)],
			[t('dashboard.kpi.pending'), cases.pending ?? cases.open ?? null],
		];
		replace(holder,
			h('ul', { class: 'kpis', 'aria-label': t('dashboard.kpis') }, kpis.filter(([, v]) => v !== null && v !== undefined).map(([label, v]) =>
				h('li', { class: 'kpi' }, h('span', { class: 'kpi-value' }, formatNumber(v)), h('span', { class: 'kpi-label' }, label)))),
			h('div', { class: 'charts' },
				barChart({ id: 'chart-calls-day', title: t('dashboard.calls_by_day'), categories: dayLabels,
					series: seriesByType(days, byDay, (r) => r.date), categoryLabel: t('dashboard.day') }),
				barChart({ id: 'chart-calls-hour', title: t('dashboard.calls_by_hour'), categories: hours.map((x) => `${x}`),
					series: seriesByType(hours, byHour, (r) => Number(r.hour)), categoryLabel: t('dashboard.hour') }),
				barChart({ id: 'chart-cases', title: t('dashboard.cases_opened_closed'), categories: dayLabels, kind: 'line', stacked: false,
					series: [{ label: t('dashboard.opened'), values: opened }, { label: t('dashboard.closed'), values: closed }],
					categoryLabel: t('dashboard.day') }),
				slaRows.length ? percentBars({ id: 'chart-sla', title: t('dashboard.sla_by_agency'), rows: slaRows,
					series: [{ label: t('dashboard.sla1_met') }, { label: t('dashboard.sla2_met') }], rowLabel: t('case.agency') })
					: h('figure', { class: 'chart-figure', id: 'chart-sla' }, h('figcaption', null, t('dashboard.sla_by_agency')),
						h('p', { class: 'muted' }, t('dashboard.no_sla')))));
	}
	await load(from, to);
}
