// endpoints.js - every API resource the screens use, in one place, so
// that a path or a member name the server changes is fixed here only.
import * as api from './api.js';

// ---- knowledge base ----
export const listServices = (query) => api.get('/services', query);
export const getService = (id, query) => api.get(`/services/${id}`, query);
export const createService = (body) => api.post('/services', body);
export const replaceService = (id, body) => api.put(`/services/${id}`, body);
export const setServiceStatus = (id, status, comment) =>
	api.post(`/services/${id}/status`, comment ? { status, comment } : { status });
export const markReviewed = (id) => api.post(`/services/${id}/review`);
export const listVersions = (id) => api.get(`/services/${id}/versions`);
export const getVersion = (id, version) => api.get(`/services/${id}/versions/${version}`);
export const sendService = (id, body) => api.post(`/services/${id}/send`, body);

export const listAgencies = (query) => api.get('/agencies', query);
export const getAgency = (id) => api.get(`/agencies/${id}`);
export const patchAgency = (id, body) => api.patch(`/agencies/${id}`, body);
export const createAgency = (body) => api.post('/agencies', body);
export const listOffices = (query) => api.get('/offices', query);
export const getOffice = (id) => api.get(`/offices/${id}`);
export const createOffice = (body) => api.post('/offices', body);
export const patchOffice = (id, body) => api.patch(`/offices/${id}`, body);

// ---- search ----
export const search = (query, options) => api.get('/search', query, options);
export const listSynonyms = (query) => api.get('/synonyms', query);
export const createSynonym = (body) => api.post('/synonyms', body);
export const replaceSynonym = (id, body) => api.put(`/synonyms/${id}`, body);
export const deleteSynonym = (id) => api.del(`/synonyms/${id}`);

// ---- calls, citizens and cases ----
export const logCall = (body) => api.post('/calls', body);
export const patchCall = (id, body) => api.patch(`/calls/${id}`, body);
export const findCitizens = (query) => api.get('/citizens', query);
export const createCitizen = (body) => api.post('/citizens', body);
export const createCase = (body) => api.post('/cases', body);
export const listCases = (query) => api.get('/cases', query);
export const getCase = (id) => api.get(`/cases/${id}`);
export const caseHistory = (id) => api.get(`/cases/${id}/history`);
export const caseNotes = (id) => api.get(`/cases/${id}/notes`);
export const firstContact = (id, body) => api.post(`/cases/${id}/first-contact`, body);
export const addNote = (id, body) => api.post(`/cases/${id}/notes`, body);
export const routeCase = (id, body) => api.patch(`/cases/${id}`, body);
export const setCaseStatus = (id, body) => api.post(`/cases/${id}/status`, body);
export const markDuplicate = (id, body) => api.post(`/cases/${id}/duplicate`, body);

// The public view of a case by its number: status, service, agency,
// dates and the notes visible to the citizen.
export const lookupCase = (number, options) => api.get('/cases/lookup', { number }, options);

// The whole case behind a number, for staff; 404 when there is none.
export async function staffCaseByNumber(number, options) {
	const cases = await api.get('/cases', { number, limit: 5 }, options);
	const found = ((cases && cases.items) || []).find((c) => c.number === number);
	if (!found)
		throw new api.ApiError(404, 'not_found', number);
	return found;
}

// ---- citizens without an account ----
// A citizen's own request: {service_id, description, name, phone, email,
// municipio, language}; the reply carries the new case's number.
// NOTE: written before the server has this route; the request page tells
// the citizen to call 3-1-1 while the route answers 404 or 405.
export const publicRequest = (body) => api.post('/public/requests', body);

// ---- calendar ----
export const calendarYear = (year) => api.get('/calendar', { year });
export const addCalendarEntry = (body) => api.post('/calendar/entries', body);
export const removeCalendarEntry = (date, kind) =>
	api.request('DELETE', api.withQuery(`/calendar/entries/${date}`, { kind }));
export const confirmCalendarYear = (year) => api.post(`/calendar/years/${year}/confirm`);

// ---- statistics ----
export const stats = (query) => api.get('/stats', query);
