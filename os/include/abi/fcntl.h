/* open() flags, lseek() origins and fcntl() commands (Linux's values). */
#ifndef ABI_FCNTL_H
#define ABI_FCNTL_H

#define O_ACCMODE   0003
#define O_RDONLY    0000
#define O_WRONLY    0001
#define O_RDWR      0002
#define O_CREAT     0100
#define O_EXCL      0200
#define O_NOCTTY    0400
#define O_TRUNC     01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC   02000000

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define F_DUPFD  0
#define F_GETFD  1
#define F_SETFD  2
#define F_GETFL  3
#define F_SETFL  4
#define FD_CLOEXEC 1

#define PATH_MAX  256    /* bytes in a path, with its NUL */
#define NAME_MAX  59     /* bytes in one path component, without its NUL */
#define CWD_MAX   1024   /* bytes in the working directory's absolute path,
                          * with its NUL (getcwd): deeper than PATH_MAX */
#define OPEN_MAX  32     /* descriptors per process */
#define PIPE_BUF  4096   /* bytes a pipe holds */

#endif
