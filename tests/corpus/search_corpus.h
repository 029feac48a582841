/*
 * search_corpus.h - a deterministic generator of service texts for the
 * search relevance test and the search benchmark.
 *
 * Services are built from 64 topics that a Puerto Rico 3-1-1 line handles
 * (licences, certificates, benefits, utilities, permits, municipal
 * requests), each with its agency, Spanish and English name and specific
 * sentences, combined with nine request variants ("Renovación de ...",
 * "Duplicado de ...") and the 78 municipios, and filled with template
 * sentences whose slots (amounts, days, hours, offices) come from a seeded
 * generator. Service number i is always the same text for the same seed.
 * Order: the 64 base services first, then each further variant of every
 * topic, then the same again once per municipio, then again per municipio
 * with an office number, without end.
 *
 * Header-only so that a unit test (one source file per binary) and a
 * benchmark program can both include it.
 */
#ifndef LINEA311_SEARCH_CORPUS_H
#define LINEA311_SEARCH_CORPUS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "search/index.h"

struct corpus_topic {
	const char *key;
	const char *agency; /* acronym as in data/bundled/agencias-pr.csv, or
			       NULL for the municipio's own service */
	enum search_level level;
	const char *name_es;
	const char *name_en;
	const char *object_es; /* "la licencia de conducir" */
	const char *detail_es;
	const char *detail_en;
	const char *requirement_es;
	const char *faq_es; /* "question? - answer" */
};

static const struct corpus_topic corpus_topics[] = {
	{ "licencia-conducir", "CESCO", SEARCH_LEVEL_STATE,
	  "Licencia de conducir", "Driver's license",
	  "la licencia de conducir",
	  "Incluye el examen teórico y el examen práctico de manejo en el CESCO.",
	  "Covers the written and the road test at a Driver Services Center.",
	  "Certificado médico expedido en los últimos seis meses.",
	  "¿Puedo conducir con el permiso de aprendizaje? - Sí, acompañado de "
	  "un conductor autorizado." },
	{ "marbete", "CESCO", SEARCH_LEVEL_STATE,
	  "Renovación del marbete del vehículo", "Vehicle registration tag renewal",
	  "el marbete",
	  "El marbete se paga en colecturías, bancos o estaciones de inspección autorizadas.",
	  "The tag is paid at collection offices, banks or inspection stations.",
	  "Inspección vehicular aprobada y seguro compulsorio.",
	  "¿Qué pasa si el marbete vence? - Puede recibir una multa de "
	  "tránsito." },
	{ "multas-transito", "DTOP", SEARCH_LEVEL_STATE,
	  "Pago de multas de tránsito", "Traffic ticket payment",
	  "las multas de tránsito",
	  "Las multas administrativas se pueden pagar por internet o en el CESCO.",
	  "Administrative traffic fines can be paid online or at a CESCO.",
	  "Número de tablilla o número de licencia.",
	  "¿Cómo impugno una multa? - Solicite una vista administrativa dentro "
	  "de treinta días." },
	{ "baches", "DTOP", SEARCH_LEVEL_STATE,
	  "Reparación de baches en carreteras estatales", "Pothole repair on state roads",
	  "los baches de la carretera",
	  "Informe el número de carretera y el kilómetro donde está el bache.",
	  "Report the road number and kilometer where the pothole is.",
	  "Dirección o referencia del lugar afectado.",
	  "¿Cuánto tarda la reparación? - Depende de la brigada de la región." },
	{ "certificado-nacimiento", "RD", SEARCH_LEVEL_STATE,
	  "Certificado de nacimiento", "Birth certificate",
	  "el certificado de nacimiento",
	  "Se expide la copia certificada del acta de nacimiento inscrita en el Registro Demográfico.",
	  "A certified copy of the birth record kept by the Demographic Registry.",
	  "Identificación con foto vigente del solicitante.",
	  "¿Cuánto cuesta el certificado? - El primer certificado de cada año es "
	  "gratis para personas de sesenta años o más." },
	{ "certificado-matrimonio", "RD", SEARCH_LEVEL_STATE,
	  "Certificado de matrimonio", "Marriage certificate",
	  "el certificado de matrimonio",
	  "Copia certificada del acta de matrimonio celebrado en Puerto Rico.",
	  "Certified copy of a marriage recorded in Puerto Rico.",
	  "Nombres de ambos contrayentes y fecha del matrimonio.",
	  "¿Puedo pedirlo por otra persona? - Sí, con una autorización firmada." },
	{ "certificado-defuncion", "RD", SEARCH_LEVEL_STATE,
	  "Certificado de defunción", "Death certificate",
	  "el certificado de defunción",
	  "Copia certificada del acta de defunción para trámites de herencia y seguros.",
	  "Certified copy of a death record for estate and insurance claims.",
	  "Evidencia de parentesco con la persona fallecida.",
	  "¿Quién puede solicitarlo? - Familiares y personas con interés legal." },
	{ "antecedentes-penales", "NPPR", SEARCH_LEVEL_STATE,
	  "Certificado de antecedentes penales", "Criminal record certificate",
	  "el certificado de antecedentes penales",
	  "Conocido como certificado de buena conducta, se obtiene por internet o en los cuarteles.",
	  "Known as the good conduct certificate; request it online or at a police station.",
	  "Número de seguro social y fecha de nacimiento.",
	  "¿Cuánto tiempo es válido? - Seis meses desde su expedición." },
	{ "licencia-armas", "NPPR", SEARCH_LEVEL_STATE,
	  "Licencia de armas", "Firearms license",
	  "la licencia de armas",
	  "La solicitud de licencia de armas se presenta ante el Negociado de la Policía.",
	  "Firearms license applications are filed with the Police Bureau.",
	  "Certificación negativa de deuda de pensión alimentaria.",
	  "¿Cuándo se renueva? - Cada cinco años." },
	{ "querella-policia", "NPPR", SEARCH_LEVEL_STATE,
	  "Querella ante la Policía", "Police complaint",
	  "la querella policiaca",
	  "Para incidentes que no son emergencias; en una emergencia llame al 9-1-1.",
	  "For incidents that are not emergencies; in an emergency call 9-1-1.",
	  "Fecha, hora y lugar del incidente.",
	  "¿Recibo un número de querella? - Sí, para darle seguimiento." },
	{ "inspeccion-incendios", "NCBPR", SEARCH_LEVEL_STATE,
	  "Certificado de inspección de prevención de incendios",
	  "Fire prevention inspection certificate",
	  "la inspección de prevención de incendios",
	  "El Cuerpo de Bomberos inspecciona comercios antes de otorgar el permiso de uso.",
	  "The Firefighters Corps inspects businesses before the use permit is granted.",
	  "Plano del local y extintores certificados.",
	  "¿Cada cuánto se renueva? - Anualmente." },
	{ "huracanes", "NMEAD", SEARCH_LEVEL_STATE,
	  "Preparación para huracanes y refugios", "Hurricane preparedness and shelters",
	  "los refugios en caso de huracán",
	  "Lista de refugios abiertos y recomendaciones antes, durante y después del huracán.",
	  "List of open shelters and advice before, during and after a hurricane.",
	  "Ninguno; el servicio es informativo.",
	  "¿Puedo llevar mascotas al refugio? - Solo a los refugios que las "
	  "aceptan." },
	{ "planilla", "HACIENDA", SEARCH_LEVEL_STATE,
	  "Radicación de planilla de contribución sobre ingresos",
	  "Income tax return filing",
	  "la planilla de contribución sobre ingresos",
	  "La planilla se radica por SURI antes del 15 de abril.",
	  "The return is filed through SURI before April 15.",
	  "Formularios W-2 y evidencia de deducciones.",
	  "¿Cómo verifico mi reintegro? - Consulte el estado del reintegro en "
	  "SURI." },
	{ "reintegro", "HACIENDA", SEARCH_LEVEL_STATE,
	  "Estado del reintegro de contribuciones", "Tax refund status",
	  "el reintegro de contribuciones",
	  "El reintegro se deposita en la cuenta bancaria indicada en la planilla.",
	  "The refund is deposited into the bank account given on the return.",
	  "Número de seguro social y cantidad del reintegro.",
	  "¿Cuánto tarda el reintegro? - Usualmente de treinta a sesenta días." },
	{ "comerciante", "HACIENDA", SEARCH_LEVEL_STATE,
	  "Registro de comerciantes e IVU", "Merchant registration and sales tax",
	  "el registro de comerciantes",
	  "Todo comerciante debe inscribirse y cobrar el impuesto sobre ventas y uso (IVU).",
	  "Every merchant must register and collect the sales and use tax.",
	  "Número de identificación patronal.",
	  "¿Dónde se exhibe el certificado? - En un lugar visible del negocio." },
	{ "crim-propiedad", "CRIM", SEARCH_LEVEL_STATE,
	  "Contribución sobre la propiedad inmueble", "Real property tax",
	  "la contribución sobre la propiedad",
	  "El CRIM factura la contribución sobre la propiedad inmueble cada año fiscal.",
	  "CRIM bills the real property tax every fiscal year.",
	  "Número de catastro de la propiedad.",
	  "¿Existe exoneración? - Sí, para la residencia principal hasta cierto "
	  "valor." },
	{ "agua-interrupcion", "AAA", SEARCH_LEVEL_STATE,
	  "Reporte de interrupción del servicio de agua", "Water outage report",
	  "la interrupción del servicio de agua",
	  "Informe si no tiene agua, si hay baja presión o si el agua llega turbia.",
	  "Report no water, low pressure or cloudy water.",
	  "Número de cuenta de la AAA.",
	  "¿Cuándo vuelve el servicio? - La AAA informa el tiempo estimado por "
	  "sector." },
	{ "salidero", "AAA", SEARCH_LEVEL_STATE,
	  "Reporte de salidero de agua", "Water leak report",
	  "el salidero de agua",
	  "Los salideros en la vía pública se atienden por orden de prioridad.",
	  "Leaks on public roads are handled in order of priority.",
	  "Ubicación exacta del salidero.",
	  "¿El salidero dentro de mi casa lo arregla la AAA? - No, solo hasta "
	  "el contador." },
	{ "averia-electrica", "AEE", SEARCH_LEVEL_STATE,
	  "Reporte de avería eléctrica", "Power outage report",
	  "la avería eléctrica",
	  "Informe apagones, postes caídos o cables en el suelo en su sector.",
	  "Report blackouts, fallen poles or downed lines in your area.",
	  "Número de cuenta o dirección del servicio.",
	  "¿Un poste caído es una emergencia? - Si hay cables energizados, "
	  "llame al 9-1-1." },
	{ "factura-luz", "AEE", SEARCH_LEVEL_STATE,
	  "Consulta de factura de electricidad", "Electric bill inquiry",
	  "la factura de electricidad",
	  "Revise el consumo facturado y los planes de pago disponibles.",
	  "Check the billed usage and the available payment plans.",
	  "Número de cuenta del cliente.",
	  "¿Puedo objetar la factura? - Sí, dentro de treinta días." },
	{ "plan-vital", "ASES", SEARCH_LEVEL_STATE,
	  "Plan de salud del Gobierno (Plan Vital)", "Government health plan (Plan Vital)",
	  "el Plan Vital",
	  "El Plan Vital, conocido como la reforma, cubre a personas elegibles a Medicaid.",
	  "Plan Vital, known as la reforma, covers people eligible for Medicaid.",
	  "Certificación de elegibilidad de Medicaid.",
	  "¿Cómo cambio de aseguradora? - Durante el periodo de cambio anual." },
	{ "linea-pas", "ASSMCA", SEARCH_LEVEL_STATE,
	  "Línea PAS de salud mental y adicción", "Mental health and addiction hotline",
	  "la ayuda de salud mental",
	  "La Línea PAS ofrece primera ayuda psicosocial y tratamiento para la adicción.",
	  "The PAS line offers psychosocial first aid and addiction treatment.",
	  "Ninguno; la llamada es confidencial.",
	  "¿Está disponible de noche? - Sí, las veinticuatro horas." },
	{ "vacunas", "DS", SEARCH_LEVEL_STATE,
	  "Certificado de vacunación (PVAC-3)", "Immunization certificate",
	  "el certificado de vacunas",
	  "El certificado de inmunización se requiere para la matrícula escolar.",
	  "The immunization certificate is required for school enrollment.",
	  "Tarjeta de vacunas del menor.",
	  "¿Dónde lo consigo? - En su pediatra o en un centro de vacunación." },
	{ "wic", "DS", SEARCH_LEVEL_STATE,
	  "Programa WIC de nutrición", "WIC nutrition program",
	  "el programa WIC",
	  "WIC ofrece alimentos y orientación a mujeres embarazadas, lactantes y niños.",
	  "WIC provides food and advice to pregnant women, nursing mothers and children.",
	  "Evidencia de ingresos del hogar.",
	  "¿Hasta qué edad cubre a los niños? - Hasta los cinco años." },
	{ "pan", "ADSEF", SEARCH_LEVEL_STATE,
	  "Programa de Asistencia Nutricional (PAN)", "Nutritional Assistance Program",
	  "el Programa de Asistencia Nutricional",
	  "El PAN, conocido como los cupones, deposita beneficios en la tarjeta Familia.",
	  "PAN, known as food stamps, deposits benefits on the Familia card.",
	  "Evidencia de ingresos y gastos del núcleo familiar.",
	  "¿Cuándo se deposita el beneficio? - Según el calendario del "
	  "programa." },
	{ "tanf", "ADSEF", SEARCH_LEVEL_STATE,
	  "Ayuda temporal para familias necesitadas (TANF)",
	  "Temporary assistance for needy families",
	  "la ayuda temporal para familias",
	  "Asistencia económica temporal con requisitos de trabajo o estudio.",
	  "Temporary cash assistance with work or study requirements.",
	  "Certificados de nacimiento de los menores.",
	  "¿Por cuánto tiempo recibo la ayuda? - Hasta sesenta meses." },
	{ "pension-alimentaria", "ASUME", SEARCH_LEVEL_STATE,
	  "Pensión alimentaria de menores", "Child support",
	  "la pensión alimentaria",
	  "ASUME establece, cobra y distribuye la pensión alimentaria de los menores.",
	  "ASUME sets, collects and distributes child support payments.",
	  "Certificado de nacimiento del menor.",
	  "¿Cómo reviso la pensión? - Solicite una revisión después de tres "
	  "años." },
	{ "maltrato-menores", "FAMILIA", SEARCH_LEVEL_STATE,
	  "Línea de orientación sobre maltrato de menores", "Child abuse hotline",
	  "el maltrato de menores",
	  "Las querellas de maltrato se investigan de forma confidencial.",
	  "Abuse reports are investigated confidentially.",
	  "Información del menor y del lugar.",
	  "¿Puedo querellarme sin dar mi nombre? - Sí." },
	{ "matricula-escolar", "DE", SEARCH_LEVEL_STATE,
	  "Matrícula escolar", "School enrollment",
	  "la matrícula escolar",
	  "La matrícula en escuelas públicas se hace en línea o en la escuela de la zona.",
	  "Public school enrollment is done online or at the zone school.",
	  "Certificado de vacunación y evidencia de residencia.",
	  "¿Cuándo abre la matrícula? - En la primavera antes del año escolar." },
	{ "transcripcion-creditos", "DE", SEARCH_LEVEL_STATE,
	  "Transcripción de créditos y diploma", "Transcript and diploma copy",
	  "la transcripción de créditos",
	  "Copia de la transcripción de créditos y certificación de graduación de escuela superior.",
	  "Copy of the high school transcript and graduation certificate.",
	  "Nombre completo y año de graduación.",
	  "¿Cuánto tarda? - Hasta diez días laborables." },
	{ "desempleo", "DTRH", SEARCH_LEVEL_STATE,
	  "Seguro por desempleo", "Unemployment insurance",
	  "el seguro por desempleo",
	  "Reclame semanalmente los beneficios del seguro por desempleo.",
	  "File weekly claims for unemployment insurance benefits.",
	  "Carta de despido o cesantía del patrono.",
	  "¿Cuántas semanas cubre? - Hasta veintiséis semanas." },
	{ "empleo", "DTRH", SEARCH_LEVEL_STATE,
	  "Búsqueda de empleo y adiestramiento", "Job search and training",
	  "la búsqueda de empleo",
	  "Ferias de empleo, adiestramientos y referidos a patronos.",
	  "Job fairs, training and referrals to employers.",
	  "Resumé actualizado.",
	  "¿Tiene costo? - No." },
	{ "querella-consumidor", "DACO", SEARCH_LEVEL_STATE,
	  "Querella del consumidor", "Consumer complaint",
	  "la querella del consumidor",
	  "DACO atiende querellas contra comercios, talleres y garantías de productos.",
	  "DACO handles complaints against stores, repair shops and product warranties.",
	  "Factura o contrato de la compra.",
	  "¿Necesito abogado? - No es necesario." },
	{ "precios-gasolina", "DACO", SEARCH_LEVEL_STATE,
	  "Precios de gasolina y control de precios", "Gas prices and price control",
	  "los precios de la gasolina",
	  "Informe precios excesivos de gasolina o de artículos de primera necesidad.",
	  "Report excessive prices of gasoline or basic goods.",
	  "Nombre y dirección del comercio.",
	  "¿Se multa al comercio? - Sí, si se confirma la violación." },
	{ "orden-proteccion", "JUSTICIA", SEARCH_LEVEL_STATE,
	  "Orientación sobre órdenes de protección", "Protection order guidance",
	  "la orden de protección",
	  "Orientación a víctimas de violencia doméstica sobre órdenes de protección.",
	  "Guidance for victims of domestic violence about protection orders.",
	  "Ninguno para la orientación.",
	  "¿Dónde se solicita? - En el tribunal de su región." },
	{ "apostilla", "ESTADO", SEARCH_LEVEL_STATE,
	  "Apostilla de documentos", "Document apostille",
	  "la apostilla",
	  "La apostilla certifica documentos públicos para uso en otros países.",
	  "An apostille certifies public documents for use abroad.",
	  "Documento original certificado.",
	  "¿Cuánto cuesta? - Un sello de rentas internas por documento." },
	{ "corporaciones", "ESTADO", SEARCH_LEVEL_STATE,
	  "Registro de corporaciones", "Corporate registry",
	  "el registro de corporaciones",
	  "Inscripción de corporaciones y compañías de responsabilidad limitada.",
	  "Registration of corporations and limited liability companies.",
	  "Certificado de incorporación.",
	  "¿Debo rendir informe anual? - Sí, cada año." },
	{ "vivienda-publica", "AVP", SEARCH_LEVEL_STATE,
	  "Solicitud de vivienda pública", "Public housing application",
	  "la vivienda pública",
	  "Solicitud de apartamento en residenciales públicos según ingresos.",
	  "Application for an apartment in public housing based on income.",
	  "Evidencia de ingresos de todos los miembros del hogar.",
	  "¿Hay lista de espera? - Sí, por región." },
	{ "licencia-pesca", "DRNA", SEARCH_LEVEL_STATE,
	  "Licencia de pesca recreativa", "Recreational fishing license",
	  "la licencia de pesca",
	  "Licencia para pesca recreativa en aguas de Puerto Rico.",
	  "License for recreational fishing in Puerto Rico waters.",
	  "Identificación con foto.",
	  "¿Necesito licencia para pescar desde la orilla? - Sí." },
	{ "licencia-caza", "DRNA", SEARCH_LEVEL_STATE,
	  "Licencia de caza", "Hunting license",
	  "la licencia de caza",
	  "Licencia de cazador y temporada de caza de palomas y patos.",
	  "Hunter license and the season for doves and ducks.",
	  "Curso de educación al cazador aprobado.",
	  "¿Cuándo es la temporada? - Según el reglamento anual." },
	{ "corte-arboles", "DRNA", SEARCH_LEVEL_STATE,
	  "Permiso de corte y poda de árboles", "Tree cutting and pruning permit",
	  "el permiso de poda de árboles",
	  "Permiso para cortar o podar árboles en propiedad privada o pública.",
	  "Permit to cut or prune trees on private or public land.",
	  "Fotos de los árboles y plano de ubicación.",
	  "¿Necesito permiso para podar? - Sí, para árboles grandes." },
	{ "permiso-uso", "OGPE", SEARCH_LEVEL_STATE,
	  "Permiso de uso", "Use permit",
	  "el permiso de uso",
	  "El permiso de uso autoriza operar un negocio en un local.",
	  "The use permit authorizes running a business in a building.",
	  "Certificado de prevención de incendios y de salud ambiental.",
	  "¿Se solicita en línea? - Sí, por el Single Business Portal." },
	{ "permiso-construccion", "OGPE", SEARCH_LEVEL_STATE,
	  "Permiso de construcción", "Construction permit",
	  "el permiso de construcción",
	  "Permiso para construir, ampliar o remodelar estructuras.",
	  "Permit to build, extend or remodel structures.",
	  "Planos certificados por un ingeniero o arquitecto.",
	  "¿Cuánto tarda la aprobación? - Depende de la complejidad del "
	  "proyecto." },
	{ "instalaciones-deportivas", "DRD", SEARCH_LEVEL_STATE,
	  "Reserva de instalaciones deportivas", "Sports facility booking",
	  "las instalaciones deportivas",
	  "Reserve parques, canchas y piscinas del Departamento de Recreación y Deportes.",
	  "Book parks, courts and pools of the Department of Recreation and Sports.",
	  "Solicitud con treinta días de anticipación.",
	  "¿Tiene costo? - Depende de la instalación." },
	{ "inscripcion-electoral", "CEE", SEARCH_LEVEL_STATE,
	  "Inscripción electoral y tarjeta de elector",
	  "Voter registration and voter card",
	  "la inscripción electoral",
	  "Inscríbase o actualice su dirección en la Junta de Inscripción Permanente.",
	  "Register or update your address at the permanent registration board.",
	  "Certificado de nacimiento y evidencia de dirección.",
	  "¿Cuándo cierra la inscripción? - Cincuenta días antes de la "
	  "elección." },
	{ "acaa", "ACAA", SEARCH_LEVEL_STATE,
	  "Reclamación por accidente de automóvil", "Car accident claim",
	  "la reclamación por accidente de automóvil",
	  "ACAA compensa gastos médicos de personas lesionadas en accidentes de tránsito.",
	  "ACAA pays medical costs of people injured in traffic accidents.",
	  "Informe de la Policía del accidente.",
	  "¿Cuánto tiempo tengo para reclamar? - Quince días desde el "
	  "accidente." },
	{ "cfse", "CFSE", SEARCH_LEVEL_STATE,
	  "Accidente del trabajo (Fondo del Seguro del Estado)", "Workplace injury claim",
	  "el accidente del trabajo",
	  "El Fondo atiende a empleados lesionados en el trabajo.",
	  "The State Insurance Fund treats employees injured at work.",
	  "Informe del patrono sobre el accidente.",
	  "¿Me pagan mientras estoy en tratamiento? - Sí, una dieta." },
	{ "rehabilitacion-vocacional", "ARV", SEARCH_LEVEL_STATE,
	  "Servicios de rehabilitación vocacional", "Vocational rehabilitation services",
	  "la rehabilitación vocacional",
	  "Servicios para que personas con impedimentos obtengan empleo.",
	  "Services that help people with disabilities find work.",
	  "Evidencia médica del impedimento.",
	  "¿Tiene costo? - No." },
	{ "procurador", "OPC", SEARCH_LEVEL_STATE,
	  "Querella ante el Procurador del Ciudadano", "Ombudsman complaint",
	  "la querella ante el Ombudsman",
	  "El Ombudsman investiga querellas contra agencias del gobierno.",
	  "The Ombudsman investigates complaints against government agencies.",
	  "Documentos del trámite con la agencia.",
	  "¿Es confidencial? - Sí." },
	{ "tarjeta-seguro-social", "SSA", SEARCH_LEVEL_FEDERAL,
	  "Tarjeta de Seguro Social", "Social Security card",
	  "la tarjeta de Seguro Social",
	  "Solicite una tarjeta de Seguro Social nueva o de reemplazo.",
	  "Apply for a new or replacement Social Security card.",
	  "Certificado de nacimiento y pasaporte o licencia.",
	  "¿Cuántos reemplazos puedo pedir? - Hasta tres al año." },
	{ "retiro-ssa", "SSA", SEARCH_LEVEL_FEDERAL,
	  "Beneficios por jubilación", "Retirement benefits",
	  "los beneficios por jubilación",
	  "Solicite los beneficios por jubilación del Seguro Social.",
	  "Apply for Social Security retirement benefits.",
	  "Historial de empleo y cuenta bancaria.",
	  "¿A qué edad puedo solicitar? - Desde los sesenta y dos años." },
	{ "irs", "IRS", SEARCH_LEVEL_FEDERAL,
	  "Planilla federal y crédito por trabajo", "Federal tax return and earned income credit",
	  "la planilla federal",
	  "Residentes de Puerto Rico pueden reclamar el crédito tributario por hijos.",
	  "Puerto Rico residents can claim the child tax credit.",
	  "Formulario 1040-PR.",
	  "¿Dónde radico? - Por internet o por correo al IRS." },
	{ "pasaporte", "USPS", SEARCH_LEVEL_FEDERAL,
	  "Solicitud de pasaporte", "Passport application",
	  "el pasaporte",
	  "Las oficinas postales aceptan solicitudes de pasaporte con cita.",
	  "Post offices accept passport applications by appointment.",
	  "Certificado de nacimiento original y foto de pasaporte.",
	  "¿Cuánto tarda el pasaporte? - De seis a ocho semanas." },
	{ "apartado-postal", "USPS", SEARCH_LEVEL_FEDERAL,
	  "Alquiler de apartado postal", "PO box rental",
	  "el apartado postal",
	  "Alquiler de apartados postales por tres, seis o doce meses.",
	  "PO boxes rented for three, six or twelve months.",
	  "Dos identificaciones.",
	  "¿Puedo recibir paquetes? - Sí." },
	{ "fema", "FEMA", SEARCH_LEVEL_FEDERAL,
	  "Asistencia individual por desastre", "Individual disaster assistance",
	  "la asistencia por desastre",
	  "FEMA ofrece ayuda para reparaciones y vivienda temporera tras un desastre declarado.",
	  "FEMA provides help for repairs and temporary housing after a declared disaster.",
	  "Evidencia de titularidad u ocupación de la vivienda.",
	  "¿Puedo apelar la decisión? - Sí, dentro de sesenta días." },
	{ "veteranos", "VA", SEARCH_LEVEL_FEDERAL,
	  "Beneficios para veteranos", "Veterans benefits",
	  "los beneficios para veteranos",
	  "Servicios de salud, compensación y educación para veteranos.",
	  "Health care, compensation and education for veterans.",
	  "Formulario DD-214 de licenciamiento.",
	  "¿Dónde está el hospital de veteranos? - En San Juan." },
	{ "ciudadania", "USCIS", SEARCH_LEVEL_FEDERAL,
	  "Naturalización y ciudadanía", "Naturalization and citizenship",
	  "la naturalización",
	  "Solicitud de ciudadanía estadounidense por naturalización.",
	  "Application for U.S. citizenship by naturalization.",
	  "Tarjeta de residente permanente.",
	  "¿Hay examen? - Sí, de inglés y de civismo." },
	{ "residencia", "USCIS", SEARCH_LEVEL_FEDERAL,
	  "Tarjeta de residente permanente", "Green card",
	  "la tarjeta de residente permanente",
	  "Renovación o reemplazo de la tarjeta de residente permanente.",
	  "Renewal or replacement of the permanent resident card (green card).",
	  "Tarjeta anterior o evidencia de estatus.",
	  "¿Cada cuánto se renueva? - Cada diez años." },
	{ "seccion-8", "HUD", SEARCH_LEVEL_FEDERAL,
	  "Vales de vivienda Sección 8", "Section 8 housing vouchers",
	  "los vales de vivienda Sección 8",
	  "Subsidio de renta para familias de bajos ingresos.",
	  "Rent subsidy for low-income families.",
	  "Evidencia de ingresos del hogar.",
	  "¿Puedo escoger la vivienda? - Sí, si el dueño acepta el vale." },
	{ "escombros", NULL, SEARCH_LEVEL_MUNICIPAL,
	  "Recogido de escombros", "Debris pickup",
	  "el recogido de escombros",
	  "El municipio recoge escombros, muebles y enseres frente a la residencia.",
	  "The municipality picks up debris, furniture and appliances at the curb.",
	  "Dirección y descripción del material.",
	  "¿Recogen neumáticos? - No, vea el centro de acopio." },
	{ "basura", NULL, SEARCH_LEVEL_MUNICIPAL,
	  "Recogido de basura y reciclaje", "Garbage and recycling collection",
	  "el recogido de basura",
	  "Horario de recogido de basura y de material reciclable por sector.",
	  "Garbage and recycling pickup schedule by area.",
	  "Sector o urbanización.",
	  "¿Qué día pasan por mi calle? - Según el sector." },
	{ "alumbrado", NULL, SEARCH_LEVEL_MUNICIPAL,
	  "Reparación de alumbrado público", "Street light repair",
	  "el alumbrado público",
	  "Informe postes de luz apagados o dañados en calles municipales.",
	  "Report street lights that are out or damaged on municipal streets.",
	  "Número del poste si está visible.",
	  "¿El municipio o la AEE? - El municipio en calles municipales." },
	{ "animales-realengos", NULL, SEARCH_LEVEL_MUNICIPAL,
	  "Control de animales realengos", "Stray animal control",
	  "los animales realengos",
	  "Recogido de perros y gatos realengos y querellas de maltrato de animales.",
	  "Pickup of stray dogs and cats and animal cruelty complaints.",
	  "Lugar donde se ve el animal.",
	  "¿Hay refugio municipal? - Depende del municipio." },
	{ "patente", NULL, SEARCH_LEVEL_MUNICIPAL,
	  "Patente municipal", "Municipal business license",
	  "la patente municipal",
	  "Declaración de volumen de negocios y pago de la patente municipal.",
	  "Declaration of business volume and payment of the municipal license tax.",
	  "Estados financieros del negocio.",
	  "¿Cuándo vence? - El 15 de abril." },
	{ "certificacion-deuda", "ASUME", SEARCH_LEVEL_STATE,
	  "Certificación de deuda de pensión alimentaria", "Child support debt certificate",
	  "la certificación de deuda",
	  "ASUME certifica si una persona tiene deuda de pensión alimentaria, requisito de muchas licencias.",
	  "ASUME certifies whether a person owes child support, which many licenses require.",
	  "Número de caso de ASUME o número de seguro social.",
	  "¿Cuánto tarda la certificación? - Se emite en el momento por internet." },
};

#define CORPUS_TOPICS (sizeof(corpus_topics) / sizeof(corpus_topics[0]))

/* Request variants: index 0 is the base service. */
static const char *const corpus_variants_es[] = {
	"", "Renovación de", "Duplicado de", "Corrección de", "Cita para",
	"Estatus de", "Querella sobre", "Información sobre", "Cambio de dirección en",
};
static const char *const corpus_variants_en[] = {
	"", "Renewal of", "Duplicate of", "Correction of", "Appointment for",
	"Status of", "Complaint about", "Information about", "Address change for",
};

#define CORPUS_VARIANTS 9

static const char *const corpus_municipios[] = {
	"Adjuntas", "Aguada", "Aguadilla", "Aguas Buenas", "Aibonito", "Añasco",
	"Arecibo", "Arroyo", "Barceloneta", "Barranquitas", "Bayamón",
	"Cabo Rojo", "Caguas", "Camuy", "Canóvanas", "Carolina", "Cataño",
	"Cayey", "Ceiba", "Ciales", "Cidra", "Coamo", "Comerío", "Corozal",
	"Culebra", "Dorado", "Fajardo", "Florida", "Guánica", "Guayama",
	"Guayanilla", "Guaynabo", "Gurabo", "Hatillo", "Hormigueros",
	"Humacao", "Isabela", "Jayuya", "Juana Díaz", "Juncos", "Lajas",
	"Lares", "Las Marías", "Las Piedras", "Loíza", "Luquillo", "Manatí",
	"Maricao", "Maunabo", "Mayagüez", "Moca", "Morovis", "Naguabo",
	"Naranjito", "Orocovis", "Patillas", "Peñuelas", "Ponce",
	"Quebradillas", "Rincón", "Río Grande", "Sabana Grande", "Salinas",
	"San Germán", "San Juan", "San Lorenzo", "San Sebastián",
	"Santa Isabel", "Toa Alta", "Toa Baja", "Trujillo Alto", "Utuado",
	"Vega Alta", "Vega Baja", "Vieques", "Villalba", "Yabucoa", "Yauco",
};

#define CORPUS_MUNICIPIOS 78

/* Template sentences; %1 is the service object, %2 the municipio or
 * "Puerto Rico", %3 a number, %4 an amount, %5 an hour, %6 a weekday. */
static const char *const corpus_description[] = {
	"Este servicio permite a los ciudadanos gestionar %1 de forma rápida y sencilla.",
	"La agencia atiende las solicitudes relacionadas con %1 en sus oficinas de %2.",
	"El trámite de %1 puede iniciarse por teléfono, por internet o en persona.",
	"Los ciudadanos reciben orientación sobre %1 y los documentos que deben presentar.",
	"El tiempo de respuesta estimado es de %3 días laborables desde la solicitud.",
	"Las personas de edad avanzada y con impedimentos reciben atención prioritaria.",
	"Este trámite forma parte de los servicios de gobierno disponibles en %2.",
	"La solicitud queda registrada con un número de confirmación para su seguimiento.",
};
static const char *const corpus_audience[] = {
	"Residentes de %2 mayores de dieciocho años.",
	"Ciudadanos, comerciantes y organizaciones sin fines de lucro.",
	"Personas que necesitan %1 para trámites personales o de empleo.",
	"Padres, madres o tutores legales de menores de edad.",
	"Personas con impedimentos y adultos mayores.",
	"Dueños de propiedades y arrendatarios.",
};
static const char *const corpus_considerations[] = {
	"La información fue revisada y aprobada por la agencia.",
	"El telecomunicador puede enviar esta información por correo electrónico o fax.",
	"Si la solicitud está incompleta, la agencia la devolverá al ciudadano.",
	"Los documentos en otro idioma deben acompañarse de una traducción certificada.",
	"El ciudadano puede autorizar a otra persona mediante una carta firmada.",
	"Las solicitudes recibidas después de las %5 se procesan el próximo día laborable.",
	"En caso de emergencia, llame al 9-1-1.",
	"La agencia puede requerir documentos adicionales según el caso.",
};
static const char *const corpus_place[] = {
	"Oficina regional de %2, de lunes a viernes de 8:00am a %5.",
	"Centro de servicios de %2, abierto los %6 de 7:30am a %5.",
	"Por internet las veinticuatro horas y por teléfono en horario laborable.",
	"Oficina central en San Juan y oficinas regionales en Ponce, Mayagüez, Arecibo y Caguas.",
};
static const char *const corpus_cost[] = {
	"El servicio no tiene costo.",
	"El costo es de %4, pagadero en efectivo, tarjeta de débito o giro postal.",
	"Sello de rentas internas de %4 y comprobante de pago.",
	"Se acepta pago con tarjeta de crédito, ATH Móvil o cheque certificado.",
};
static const char *const corpus_requirements[] = {
	"Identificación con foto vigente.",
	"Evidencia de dirección reciente, como una factura de agua o luz.",
	"Número de seguro social.",
	"Formulario de solicitud completado y firmado.",
	"Comprobante de pago de %4.",
	"Certificado de nacimiento del solicitante.",
	"Dos fotos tamaño 2x2.",
};
static const char *const corpus_faq[] = {
	"¿Puedo hacer el trámite por internet? - Sí, en el portal de la agencia.",
	"¿Necesito cita previa? - Se recomienda solicitar cita en la oficina de %2.",
	"¿Cuánto tiempo tarda? - Aproximadamente %3 días laborables.",
	"¿Qué hago si pierdo el número de confirmación? - Llame al 3-1-1.",
	"¿Atienden los sábados? - Solo en fechas anunciadas.",
};
static const char *const corpus_weekdays[] = { "lunes", "martes", "miércoles",
					       "jueves", "viernes" };
static const char *const corpus_hours[] = { "4:00pm", "4:30pm", "5:00pm",
					    "6:00pm" };

struct corpus_rng {
	uint64_t state;
};

/* splitmix64: small, fast and the same on every platform. */
static uint64_t corpus_next(struct corpus_rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static size_t corpus_pick(struct corpus_rng *r, size_t n)
{
	return (size_t)(corpus_next(r) % n);
}

/* One generated service; the strings live in the struct's buffers. */
struct corpus_service {
	int64_t id;
	const struct corpus_topic *topic;
	unsigned variant;
	const char *municipio; /* NULL: the whole island */
	struct strbuf name_es, name_en, description, audience, considerations,
		place, cost, requirements, faq;
};

static void corpus_fill(struct strbuf *sb, const char *tmpl,
			const struct corpus_service *s, struct corpus_rng *r)
{
	for (const char *p = tmpl; *p; p++) {
		if (p[0] != '%' || p[1] < '1' || p[1] > '6') {
			strbuf_addch(sb, *p);
			continue;
		}
		switch (*++p) {
		case '1':
			strbuf_adds(sb, s->topic->object_es);
			break;
		case '2':
			strbuf_adds(sb, s->municipio ? s->municipio : "Puerto Rico");
			break;
		case '3':
			strbuf_addf(sb, "%u", (unsigned)(2 + corpus_pick(r, 44)));
			break;
		case '4':
			strbuf_addf(sb, "$%u.%02u", (unsigned)(1 + corpus_pick(r, 150)),
				    (unsigned)(corpus_pick(r, 4) * 25));
			break;
		case '5':
			strbuf_adds(sb, corpus_hours[corpus_pick(r, 4)]);
			break;
		case '6':
			strbuf_adds(sb, corpus_weekdays[corpus_pick(r, 5)]);
			break;
		}
	}
}

/* Append k sentences of bank, joined by spaces, stepping three places
 * through the bank from a random start; for the bank sizes and counts
 * used below no sentence repeats. */
static void corpus_sentences(struct strbuf *sb, const char *const *bank,
			     size_t n, size_t k, const struct corpus_service *s,
			     struct corpus_rng *r)
{
	size_t start = corpus_pick(r, n);

	for (size_t i = 0; i < k && i < n; i++) {
		if (sb->len)
			strbuf_addch(sb, ' ');
		corpus_fill(sb, bank[(start + i * 3) % n], s, r);
	}
}

static void corpus_lower_first(struct strbuf *sb, const char *name)
{
	/* Lowercase an ASCII first letter after a variant prefix, unless the
	 * name starts with an acronym ("WIC"). */
	if (name[0] >= 'A' && name[0] <= 'Z' && !(name[1] >= 'A' && name[1] <= 'Z'))
		strbuf_addch(sb, (char)(name[0] + 32));
	else
		strbuf_addch(sb, name[0]);
	strbuf_adds(sb, name + 1);
}

static void corpus_service_release(struct corpus_service *s)
{
	struct strbuf *all[] = { &s->name_es, &s->name_en, &s->description,
				 &s->audience, &s->considerations, &s->place,
				 &s->cost, &s->requirements, &s->faq };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		strbuf_release(all[i]);
}

/* Generate service number i (0-based) for seed into s; its id is i + 1. */
static void corpus_service_make(uint64_t seed, size_t i, struct corpus_service *s)
{
	struct corpus_rng r = { seed ^ (0x51ED2701ull * (i + 1)) };
	size_t per_round = CORPUS_TOPICS * CORPUS_VARIANTS;
	size_t round = i / per_round;

	corpus_service_release(s);
	memset(s, 0, sizeof(*s));
	s->id = (int64_t)i + 1;
	s->topic = &corpus_topics[i % CORPUS_TOPICS];
	s->variant = (unsigned)((i / CORPUS_TOPICS) % CORPUS_VARIANTS);
	s->municipio = round == 0 ? NULL
				  : corpus_municipios[(round - 1) % CORPUS_MUNICIPIOS];

	if (s->variant == 0) {
		strbuf_adds(&s->name_es, s->topic->name_es);
		strbuf_adds(&s->name_en, s->topic->name_en);
	} else {
		strbuf_addf(&s->name_es, "%s ", corpus_variants_es[s->variant]);
		corpus_lower_first(&s->name_es, s->topic->name_es);
		strbuf_addf(&s->name_en, "%s ", corpus_variants_en[s->variant]);
		corpus_lower_first(&s->name_en, s->topic->name_en);
	}
	if (s->municipio) {
		strbuf_addf(&s->name_es, " en %s", s->municipio);
		strbuf_addf(&s->name_en, " in %s", s->municipio);
	}
	if (round > CORPUS_MUNICIPIOS) {
		/* Past one service per municipio, number further offices. */
		unsigned office = (unsigned)((round - 1) / CORPUS_MUNICIPIOS + 1);

		strbuf_addf(&s->name_es, ", oficina %u", office);
		strbuf_addf(&s->name_en, ", office %u", office);
	}

	strbuf_adds(&s->description, s->topic->detail_es);
	corpus_sentences(&s->description, corpus_description, 8, 3, s, &r);
	corpus_sentences(&s->audience, corpus_audience, 6, 2, s, &r);
	corpus_sentences(&s->considerations, corpus_considerations, 8, 4, s, &r);
	corpus_sentences(&s->place, corpus_place, 4, 2, s, &r);
	corpus_sentences(&s->cost, corpus_cost, 4, 1, s, &r);
	strbuf_adds(&s->requirements, s->topic->requirement_es);
	corpus_sentences(&s->requirements, corpus_requirements, 7, 3, s, &r);
	strbuf_adds(&s->faq, s->topic->faq_es);
	corpus_sentences(&s->faq, corpus_faq, 5, 2, s, &r);
}

/* Return the id of the island-wide service of topic key in variant, or -1
 * for an unknown key. */
static int64_t corpus_id_of(const char *key, unsigned variant)
{
	for (size_t t = 0; t < CORPUS_TOPICS; t++)
		if (strcmp(corpus_topics[t].key, key) == 0)
			return (int64_t)(variant * CORPUS_TOPICS + t) + 1;
	return -1;
}

#endif
