/* ls's files: main.c (listing) and owner.c (id -> name). */
#ifndef LS_H
#define LS_H

/* user_name, group_name: the name of UID in /etc/passwd (GID in
 * /etc/group), or the number as text when it has none. The string stays
 * valid until the next call of the same function. */
const char *user_name(unsigned uid);
const char *group_name(unsigned gid);

#endif
