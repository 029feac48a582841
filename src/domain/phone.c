/* phone.c - normalising telephone numbers (see phone.h). */
#include "core/common.h"
#include "domain/phone.h"

/* Separators that people write between digits. */
static bool is_separator(char c)
{
	return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
	       c == '/' || c == '\t';
}

/*
 * Collect the digits of text into digits (at most 15) and report whether
 * it starts with "+". Returns the digit count, or -1 for any character
 * that is neither a digit nor a separator, or for more than 15 digits.
 */
static int collect_digits(const char *text, char digits[16], bool *plus)
{
	int count = 0;
	const char *p = text;

	while (is_separator(*p))
		p++;
	*plus = *p == '+';
	if (*plus)
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (count == 15)
				return -1;
			digits[count++] = *p;
		} else if (!is_separator(*p)) {
			return -1;
		}
	}
	digits[count] = '\0';
	return count;
}

/* Check a ten-digit North American number: area code and exchange start
 * with 2-9. */
static bool nanp_valid(const char *ten)
{
	return ten[0] >= '2' && ten[3] >= '2';
}

/* Fill out from digits; returns false when they form no valid number. */
static bool normalize_digits(const char *digits, int count, bool plus,
			     char out[PHONE_E164_LEN])
{
	const char *national = NULL;

	if (count == 11 && digits[0] == '1')
		national = digits + 1;
	else if (count == 10 && !plus)
		national = digits;

	if (national) {
		if (!nanp_valid(national))
			return false;
		snprintf(out, PHONE_E164_LEN, "+1%.10s", national);
		return true;
	}
	if (plus && count >= 8 && count <= 15 && digits[0] != '1') {
		snprintf(out, PHONE_E164_LEN, "+%s", digits);
		return true;
	}
	return false;
}

int phone_normalize(const char *text, const char *field,
		    char out[PHONE_E164_LEN], struct error *err)
{
	char digits[16];
	bool plus;
	int count = collect_digits(text ? text : "", digits, &plus);

	if (count == PHONE_LOCAL_DIGITS && !plus)
		return error_set(err, RC_INVALID, "invalid_phone", field,
				 "Al número «%.40s» le falta el código de área; "
				 "escriba 787 o 939 delante, por ejemplo "
				 "787-555-0100.",
				 "The number \"%.40s\" lacks its area code; put "
				 "787 or 939 in front, for example 787-555-0100.",
				 text);
	if (count < 0 || !normalize_digits(digits, count, plus, out))
		return error_set(err, RC_INVALID, "invalid_phone", field,
				 "El número «%.40s» no es un teléfono válido; "
				 "escriba diez dígitos, por ejemplo (787) "
				 "555-0100, o + y el código de país.",
				 "The number \"%.40s\" is not a valid phone "
				 "number; write ten digits, for example (787) "
				 "555-0100, or + and the country code.",
				 text ? text : "");
	return RC_OK;
}

bool phone_search_key(const char *text, char out[PHONE_E164_LEN],
		      bool *suffix)
{
	char digits[16];
	bool plus;
	int count = collect_digits(text ? text : "", digits, &plus);

	*suffix = false;
	if (count == PHONE_LOCAL_DIGITS && !plus) {
		snprintf(out, PHONE_E164_LEN, "%s", digits);
		*suffix = true;
		return true;
	}
	return count > 0 && normalize_digits(digits, count, plus, out);
}

void phone_format(const char *e164, char out[PHONE_DISPLAY_LEN])
{
	if (strlen(e164) == 12 && !strncmp(e164, "+1", 2)) {
		snprintf(out, PHONE_DISPLAY_LEN, "(%.3s) %.3s-%.4s", e164 + 2,
			 e164 + 5, e164 + 8);
		return;
	}
	snprintf(out, PHONE_DISPLAY_LEN, "%s", e164);
}

bool phone_is_puerto_rico(const char *e164)
{
	return strlen(e164) == 12 &&
	       (!strncmp(e164, "+1787", 5) || !strncmp(e164, "+1939", 5));
}
