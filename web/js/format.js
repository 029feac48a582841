// format.js - labels and small components shared by several screens:
// case numbers, statuses, SLA badges, call types and channels.
import { h } from './dom.js';
import { t, formatDate } from './i18n.js';

const CASE_NUMBER = /^\s*(311)\s*-?\s*(\d{4})\s*-?\s*(\d{1,6})\s*$/;

// Return the canonical case number ("311-2026-000123") when text is one,
// or null. Dashes and leading zeros may be left out when typing.
export function parseCaseNumber(text) {
	const m = CASE_NUMBER.exec(text || '');
	if (!m)
		return null;
	return `311-${m[2]}-${m[3].padStart(6, '0')}`;
}

export const CASE_STATUSES = ['new', 'contacted', 'in_progress', 'closed', 'cancelled'];
export const SLA_STATES = ['on_time', 'at_risk', 'overdue', 'met', 'missed'];
export const CALL_TYPES = ['information', 'transaction', 'referral', 'follow_up'];
export const CHANNELS = ['phone', 'email', 'fax', 'web', 'in_person', 'api'];
export const CALL_OUTCOMES = ['informed', 'information_sent', 'transaction_done', 'case_created',
	'case_status_given', 'transferred', 'dropped', 'other'];
export const CONTENT_STATUSES = ['draft', 'in_review', 'approved', 'published', 'archived'];

export function caseStatusLabel(code) {
	return t(`case.status.${code}`);
}

export function contentStatusLabel(code) {
	return t(`content.status.${code}`);
}

export function caseStatusBadge(code) {
	return h('span', { class: `badge badge-status status-${code}` }, caseStatusLabel(code));
}

export function contentStatusBadge(code) {
	return h('span', { class: `badge badge-content content-${code}` }, contentStatusLabel(code));
}

const SLA_ICON = { on_time: '●', at_risk: '▲', overdue: '■', met: '✓', missed: '✗' };

// A badge for one SLA clock: the state in words (never colour alone),
// a shape that differs by state, and the due date.
export function slaBadge(which, sla) {
	if (!sla || !sla.state)
		return h('span', { class: 'muted' }, '—');
	const state = sla.state;
	const due = sla.due_date || sla.due;
	return h('span', { class: `sla sla-${state}` },
		h('span', { class: 'sla-icon', 'aria-hidden': 'true' }, SLA_ICON[state] || ''),
		h('span', { class: 'sla-label' }, t(`sla.state.${state}`)),
		due ? h('span', { class: 'sla-due' }, ` · ${t('sla.due_short', { date: formatDate(due) })}`) : null,
		which ? h('span', { class: 'visually-hidden' }, ` (${which})`) : null);
}

export function callTypeLabel(code) {
	return t(`call.type.${code}`);
}

export function channelLabel(code) {
	return t(`call.channel.${code}`);
}

// Options for a <select> from codes and a label function.
export function options(codes, label, selected) {
	return codes.map((code) => h('option', { value: code, selected: code === selected }, label(code)));
}
