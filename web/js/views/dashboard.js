// dashboard.js - the supervisor's and director's dashboard: calls per day
// and per hour by type, cases opened and closed, SLA compliance by agency.
import { h, replace } from '../dom.js';
import { t, formatDate, formatNumber, todayLocal, addDays } from '../i18n.js';
import * as ep from '../endpoints.js';
import { CALL_TYPES, callTypeLabel } from '../format.js';
import { barChart, percentBars } from '../charts.js';
import { pageHeader, alertBox, loading, field, input } from '../ui.js';

// One series per call type from groups of the stats API.
function seriesByType(groups) {
	return CALL_TYPES.map((type) => ({
		label: callTypeLabel(type),
		values: groups.map((g) => (g.calls && g.calls.by_type && g.calls.by_type[type]) || 0),
	}));
}

// A compliance fraction (0..1, or null with no decided case) in percent.
function percent(sla) {
	return sla && sla.compliance !== null && sla.compliance !== undefined ? sla.compliance * 100 : null;
}

function dayLabel(group) {
	return /^\d{4}-\d{2}-\d{2}$/.test(String(group.key)) ? formatDate(group.key).replace(/,? \d{4}$/, '').replace(/ de \d{4}$/, '') : group.label;
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
		let byDay;
		let byHour;
		let byAgency;
		try {
			[byDay, byHour, byAgency] = await Promise.all([
				ep.stats({ from: f, to: tt, group_by: 'day' }),
				ep.stats({ from: f, to: tt, group_by: 'hour' }),
				ep.stats({ from: f, to: tt, group_by: 'agency' }),
			]);
		} catch (err) {
			replace(holder, alertBox('error', err.message));
			return;
		}
		const totals = byDay.totals || {};
		const days = byDay.groups || [];
		const hours = byHour.groups || [];
		const agencies = (byAgency.groups || []).filter((g) => percent(g.sla1) !== null || percent(g.sla2) !== null);
		const kpis = [
			[t('dashboard.kpi.calls'), totals.calls && totals.calls.total],
			[t('dashboard.kpi.opened'), totals.cases && totals.cases.created],
			[t('dashboard.kpi.closed'), totals.cases && totals.cases.closed],
			[t('dashboard.kpi.pending'), totals.cases && totals.cases.pending],
			[t('dashboard.kpi.sla1'), percent(totals.sla1)],
			[t('dashboard.kpi.sla2'), percent(totals.sla2)],
		];
		replace(holder,
			h('p', { class: 'muted' }, t('dashboard.as_of', { date: formatDate(byDay.today || to) })),
			h('ul', { class: 'kpis', 'aria-label': t('dashboard.kpis'), id: 'kpis' }, kpis.map(([label, v], i) =>
				h('li', { class: 'kpi' },
					h('span', { class: 'kpi-value' }, v === null || v === undefined ? '—'
						: i >= 4 ? `${formatNumber(v, { maximumFractionDigits: 1 })} %` : formatNumber(v)),
					h('span', { class: 'kpi-label' }, label)))),
			h('div', { class: 'charts' },
				barChart({ id: 'chart-calls-day', title: t('dashboard.calls_by_day'), categories: days.map(dayLabel),
					series: seriesByType(days), categoryLabel: t('dashboard.day') }),
				barChart({ id: 'chart-calls-hour', title: t('dashboard.calls_by_hour'), categories: hours.map((g) => String(g.key ?? g.label)),
					series: seriesByType(hours), categoryLabel: t('dashboard.hour') }),
				barChart({ id: 'chart-cases', title: t('dashboard.cases_opened_closed'), categories: days.map(dayLabel), kind: 'line', stacked: false,
					series: [
						{ label: t('dashboard.opened'), values: days.map((g) => (g.cases && g.cases.created) || 0) },
						{ label: t('dashboard.closed'), values: days.map((g) => (g.cases && g.cases.closed) || 0) },
					],
					categoryLabel: t('dashboard.day') }),
				agencies.length ? percentBars({ id: 'chart-sla', title: t('dashboard.sla_by_agency'),
					rows: agencies.map((g) => ({ label: g.label || String(g.key), values: [percent(g.sla1), percent(g.sla2)] })),
					series: [{ label: t('dashboard.sla1_met') }, { label: t('dashboard.sla2_met') }], rowLabel: t('case.agency') })
					: h('figure', { class: 'chart-figure', id: 'chart-sla' }, h('figcaption', null, t('dashboard.sla_by_agency')),
						h('p', { class: 'muted' }, t('dashboard.no_sla')))),
			h('p', { class: 'hint' }, t('dashboard.definitions')));
	}
	await load(from, to);
}
