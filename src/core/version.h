/* version.h - the version of linea311. */
#ifndef LINEA311_VERSION_H
#define LINEA311_VERSION_H

#define LINEA311_VERSION "0.1.0"

#endif
