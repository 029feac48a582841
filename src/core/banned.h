/*
 * banned.h - functions that linea311 code must not call.
 *
 * Each one either writes without a bound, keeps hidden global state or
 * parses numbers without reporting errors. Use the replacement named in
 * the macro instead.
 */
#ifndef LINEA311_BANNED_H
#define LINEA311_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_in_linea311

#undef strcpy
#define strcpy(x, y) BANNED(strcpy_use_snprintf)
#undef strcat
#define strcat(x, y) BANNED(strcat_use_strbuf)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy_use_snprintf)
#undef sprintf
#define sprintf(...) BANNED(sprintf_use_snprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf_use_vsnprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok_use_strtok_r)
#undef atoi
#define atoi(x) BANNED(atoi_use_strtol)
#undef atol
#define atol(x) BANNED(atol_use_strtol)
#undef gmtime
#define gmtime(t) BANNED(gmtime_use_gmtime_r)
#undef localtime
#define localtime(t) BANNED(localtime_use_civil_time)
#undef asctime
#define asctime(t) BANNED(asctime)
#undef ctime
#define ctime(t) BANNED(ctime)

#endif
