// operator_dialogs.js - the three things an operator does from a service
// or a case: log the call, send the information, create a referral.
import { h, replace, announce } from './dom.js';
import { t, pickText, lang } from './i18n.js';
import * as ep from './endpoints.js';
import { CALL_TYPES, CHANNELS, CALL_OUTCOMES, callTypeLabel, channelLabel, options } from './format.js';
import { field, input, textarea, select, formAlert, showFormError, clearFormErrors,
	openDialog, busy, toast } from './ui.js';
import { citizenName, phonesText } from './case_common.js';

// The call in progress on the console: when it started and the caller's
// number, kept while the operator moves between services.
export const call = {
	startedAt: new Date(),
	phone: '',
	sentVia: null, // "email" or "fax" once the information was sent
	reset() {
		this.startedAt = new Date();
		this.phone = '';
		this.sentVia = null;
	},
};

// Log the call. preset may give type, service, agency and case.
export function openCallDialog(preset = {}, onLogged) {
	openDialog(t('call.dialog_title'), (dialog, close) => {
		const type = select('type', options(CALL_TYPES, callTypeLabel, preset.type || 'information'), { 'data-autofocus': true });
		const channel = select('channel', options(CHANNELS, channelLabel, preset.channel || 'phone'));
		const phone = input('caller_phone', { type: 'tel', autocomplete: 'off', value: call.phone });
		const outcome = select('outcome', options(CALL_OUTCOMES, (c) => t(`call.outcome.${c}`), preset.outcome || defaultOutcome(preset)));
		const notes = textarea('notes', { rows: 3 });
		const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('call.submit'));
		const about = [];
		if (preset.service)
			about.push(h('p', null, h('strong', null, `${t('call.service')}: `), pickText(preset.service.name)));
		if (preset.caseNumber)
			about.push(h('p', null, h('strong', null, `${t('case.number')}: `), preset.caseNumber));
		const form = h('form', { class: 'form', novalidate: true, id: 'call-form' },
			formAlert(), about,
			field(t('call.type'), type, { required: true }),
			field(t('call.channel'), channel, { required: true }),
			field(t('call.phone'), phone, { hint: t('call.phone_hint') }),
			field(t('call.outcome'), outcome),
			field(t('call.notes'), notes, { hint: t('call.notes_hint') }),
			h('div', { class: 'form-actions' }, submit,
				h('button', { type: 'button', class: 'btn', onclick: close }, t('common.cancel'))));
		form.addEventListener('submit', async (e) => {
			e.preventDefault();
			clearFormErrors(form);
			const body = {
				type: type.value,
				channel: channel.value,
				started_at: call.startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
				ended_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
			};
			if (preset.service) {
				body.service_id = preset.service.id;
				if (preset.service.agency_id)
					body.agency_id = preset.service.agency_id;
			}
			if (preset.agencyId && !body.agency_id)
				body.agency_id = preset.agencyId;
			if (preset.caseId)
				body.case_id = preset.caseId;
			if (preset.citizenId)
				body.citizen_id = preset.citizenId;
			if (phone.value.trim())
				body.caller_phone = phone.value.trim();
			body.outcome = outcome.value;
			if (call.sentVia)
				body.sent_via = call.sentVia;
			if (notes.value.trim())
				body.notes = notes.value.trim();
			await busy(submit, async () => {
				try {
					const logged = await ep.logCall(body);
					call.reset();
					close();
					toast(t('call.logged'));
					if (onLogged)
						onLogged(logged);
				} catch (err) {
					showFormError(form, err);
				}
			});
		});
		return form;
	});
}

// The outcome a call most likely had, given what the operator did.
function defaultOutcome(preset) {
	if (call.sentVia && !preset.type)
		return 'information_sent';
	if (preset.type === 'referral')
		return 'case_created';
	if (preset.type === 'follow_up')
		return 'case_status_given';
	return 'informed';
}

// Send the service's information to the citizen by email or fax.
export function openSendDialog(service) {
	openDialog(t('send.dialog_title'), (dialog, close) => {
		const name = uidRadio();
		const email = h('input', { type: 'radio', name: 'channel', value: 'email', id: `${name}-email`, checked: true });
		const fax = h('input', { type: 'radio', name: 'channel', value: 'fax', id: `${name}-fax` });
		const to = input('recipient', { type: 'email', autocomplete: 'off', 'data-autofocus': true });
		const toField = field(t('send.to_email'), to, { required: true, hint: t('send.to_email_hint') });
		const contentLang = select('language', [
			h('option', { value: 'es', selected: lang() === 'es' }, t('lang.es')),
			h('option', { value: 'en', selected: lang() === 'en' }, t('lang.en')),
		]);
		const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('send.submit'));
		const result = h('div', { 'aria-live': 'polite' });
		const switchChannel = () => {
			const isFax = fax.checked;
			to.type = isFax ? 'tel' : 'email';
			toField.querySelector('label').firstChild.textContent = t(isFax ? 'send.to_fax' : 'send.to_email');
			toField.querySelector('.hint').textContent = t(isFax ? 'send.to_fax_hint' : 'send.to_email_hint');
		};
		email.addEventListener('change', switchChannel);
		fax.addEventListener('change', switchChannel);
		const form = h('form', { class: 'form', novalidate: true, id: 'send-form' },
			formAlert(),
			h('p', null, h('strong', null, `${t('call.service')}: `), pickText(service.name)),
			h('fieldset', { class: 'radio-group' },
				h('legend', null, t('send.channel')),
				h('div', { class: 'radio' }, email, h('label', { for: email.id }, t('call.channel.email'))),
				h('div', { class: 'radio' }, fax, h('label', { for: fax.id }, t('call.channel.fax')))),
			toField,
			field(t('send.lang'), contentLang),
			h('div', { class: 'form-actions' }, submit,
				h('button', { type: 'button', class: 'btn', onclick: close }, t('common.close'))),
			result);
		form.addEventListener('submit', async (e) => {
			e.preventDefault();
			clearFormErrors(form);
			if (!to.value.trim()) {
				showFormError(form, { message: t('send.to_missing'), field: 'recipient' });
				return;
			}
			await busy(submit, async () => {
				try {
					const channel = fax.checked ? 'fax' : 'email';
					const sent = await ep.sendService(service.id, { channel, recipient: to.value.trim(), language: contentLang.value });
					call.sentVia = channel;
					replace(result, h('div', { class: 'alert alert-success', role: 'status' },
						t(channel === 'fax' ? 'send.queued_fax' : 'send.queued_email', { to: to.value.trim() }),
						sent && sent.id ? ` (${t('send.reference', { id: sent.id })})` : ''));
					announce(t('send.queued_short'));
				} catch (err) {
					showFormError(form, err);
				}
			});
		});
		return form;
	});
}

let radioCounter = 0;
function uidRadio() {
	radioCounter += 1;
	return `radio-${radioCounter}`;
}

// Create a referral: find the citizen by phone number (or create one),
// describe the request, and show the new case number.
export function openReferralDialog(service, onCreated) {
	openDialog(t('referral.dialog_title'), (dialog, close) => {
		let chosenCitizen = null;
		const phone = input('phone', { type: 'tel', autocomplete: 'off', value: call.phone, 'data-autofocus': true });
		const findButton = h('button', { type: 'button', class: 'btn' }, t('referral.find'));
		const found = h('div', { class: 'citizen-results', 'aria-live': 'polite' });
		const newCitizen = h('fieldset', { class: 'new-citizen', hidden: true },
			h('legend', null, t('referral.new_citizen')),
			field(t('citizen.name'), input('name', { autocomplete: 'off' }), { required: true }),
			field(t('citizen.email'), input('email', { type: 'email', autocomplete: 'off' })),
			field(t('citizen.address'), input('postal_address', { autocomplete: 'off' })),
			field(t('citizen.municipio'), input('municipio', { autocomplete: 'off' })),
			field(t('citizen.preferred_language'), select('language', [
				h('option', { value: 'es' }, t('lang.es')), h('option', { value: 'en' }, t('lang.en'))])),
			field(t('citizen.contact_method'), select('contact_method', options(['phone', 'email', 'mail'],
				(c) => t(`citizen.contact.${c}`), 'phone'))));
		const description = textarea('description', { rows: 4 });
		const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('referral.submit'));
		const form = h('form', { class: 'form', novalidate: true, id: 'referral-form' },
			formAlert(),
			h('p', null, h('strong', null, `${t('call.service')}: `), pickText(service.name),
				service.agency ? ` · ${service.agency.acronym || pickText(service.agency.name)}` : ''),
			h('div', { class: 'inline-field' },
				field(t('referral.phone'), phone, { required: true, hint: t('referral.phone_hint') }),
				findButton),
			found, newCitizen,
			field(t('referral.description'), description, { required: true, hint: t('referral.description_hint') }),
			h('div', { class: 'form-actions' }, submit,
				h('button', { type: 'button', class: 'btn', onclick: close }, t('common.cancel'))));

		const showNewCitizen = (show) => {
			newCitizen.hidden = !show;
			if (show)
				chosenCitizen = null;
		};

		const find = async () => {
			clearFormErrors(form);
			const number = phone.value.trim();
			if (!number) {
				showFormError(form, { message: t('referral.phone_missing'), field: 'phone' });
				return;
			}
			call.phone = number;
			await busy(findButton, async () => {
				let list;
				try {
					const data = await ep.findCitizens({ phone: number });
					list = (data && data.items) || [];
				} catch (err) {
					showFormError(form, err);
					return;
				}
				const groupName = uidRadio();
				const radios = list.map((c, i) => {
					const radio = h('input', { type: 'radio', name: groupName, id: `${groupName}-${i}`, value: String(c.id), checked: i === 0 });
					radio.addEventListener('change', () => { chosenCitizen = c; showNewCitizen(false); });
					return h('div', { class: 'radio' }, radio, h('label', { for: radio.id },
						h('strong', null, citizenName(c)), ` · ${phonesText(c.phones)}`,
						c.email ? ` · ${c.email}` : '', c.municipio ? ` · ${c.municipio}` : ''));
				});
				const createRadio = h('input', { type: 'radio', name: groupName, id: `${groupName}-new`, value: 'new', checked: list.length === 0 });
				createRadio.addEventListener('change', () => showNewCitizen(true));
				replace(found, h('fieldset', { class: 'radio-group' },
					h('legend', null, list.length ? t('referral.found', { count: list.length }) : t('referral.not_found')),
					radios,
					h('div', { class: 'radio' }, createRadio, h('label', { for: createRadio.id }, t('referral.create_citizen')))));
				chosenCitizen = list[0] || null;
				showNewCitizen(list.length === 0);
				announce(list.length ? t('referral.found', { count: list.length }) : t('referral.not_found'));
				if (list.length === 0)
					newCitizen.querySelector('input').focus();
			});
		};
		findButton.addEventListener('click', find);
		phone.addEventListener('keydown', (e) => {
			if (e.key === 'Enter') {
				e.preventDefault();
				find();
			}
		});

		form.addEventListener('submit', async (e) => {
			e.preventDefault();
			clearFormErrors(form);
			if (!chosenCitizen && newCitizen.hidden) {
				showFormError(form, { message: t('referral.citizen_missing'), field: 'phone' });
				return;
			}
			if (!description.value.trim()) {
				showFormError(form, { message: t('referral.description_missing'), field: 'description' });
				return;
			}
			await busy(submit, async () => {
				try {
					let citizen = chosenCitizen;
					if (!citizen) {
						const body = { phones: [phone.value.trim()] };
						for (const el of newCitizen.querySelectorAll('input, select')) {
							if (el.value.trim())
								body[el.name] = el.value.trim();
						}
						citizen = await ep.createCitizen(body);
						chosenCitizen = citizen;
						showNewCitizen(false);
					}
					const created = await ep.createCase({
						citizen_id: citizen.id,
						service_id: service.id,
						description: description.value.trim(),
						channel: 'phone',
					});
					call.phone = phone.value.trim();
					replace(form, h('div', { class: 'alert alert-success referral-done', role: 'status', tabindex: '-1' },
						h('p', null, t('referral.created')),
						h('p', { class: 'case-number-big' }, created.number),
						h('p', null, t('referral.tell_citizen'))),
					h('div', { class: 'form-actions' },
						h('button', { type: 'button', class: 'btn btn-primary', 'data-autofocus': true, onclick: () => {
							close();
							openCallDialog({ type: 'referral', service, caseId: created.id,
								caseNumber: created.number, citizenId: citizen.id });
						} }, t('referral.log_call')),
						h('button', { type: 'button', class: 'btn', onclick: close }, t('common.close'))));
					form.querySelector('[data-autofocus]').focus();
					announce(`${t('referral.created')} ${created.number}`);
					if (onCreated)
						onCreated(created);
				} catch (err) {
					showFormError(form, err);
				}
			});
		});
		if (call.phone)
			setTimeout(find, 0);
		return form;
	}, { wide: true });
}
