/* Character classes of the "C" locale (ASCII). Every function takes an
 * unsigned char value or EOF; other values give 0 (or are returned as is by
 * tolower/toupper). */
#ifndef _CTYPE_H
#define _CTYPE_H

int isalnum(int c);
int isalpha(int c);
int isblank(int c);      /* ' ' and '\t' */
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);      /* ' ' \t \n \v \f \r */
int isupper(int c);
int isxdigit(int c);
int isascii(int c);
int tolower(int c);
int toupper(int c);

#endif
