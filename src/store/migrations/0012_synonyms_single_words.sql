-- Drop three default groups of single common words (certificado =
-- certificate, licencia = license, permiso = permit). Documents carry
-- their English names, so English queries find them without the groups,
-- and expanding a word that most services contain made every query with
-- it scan nearly the whole index (measured with bench/search/run.sh).
-- Groups the content office created are not touched.

DELETE FROM synonyms WHERE note IS NULL AND phrases IN (
	'["certificado", "certificate"]',
	'["licencia", "license"]',
	'["permiso", "permit"]'
);
