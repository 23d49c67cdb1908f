/* Standard I/O: buffered streams over file descriptors, formatted output
 * (os/lib/common/fmt.c: %d %i %u %x %X %o %p %s %c %%, flags, width,
 * precision, hh h l ll z t; no floating point) and a small sscanf.
 * Contracts are above each function in os/lib/libc/stdio. */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>
#include <abi/fcntl.h>     /* SEEK_SET, SEEK_CUR, SEEK_END */

#define EOF     (-1)
#define BUFSIZ  1024
#define _IOFBF  0          /* fully buffered */
#define _IOLBF  1          /* line buffered */
#define _IONBF  2          /* unbuffered */
#define FOPEN_MAX OPEN_MAX
#define FILENAME_MAX PATH_MAX

typedef struct __file FILE;

extern FILE *stdin, *stdout, *stderr;

/* ---- opening and closing ---- */
FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *path, const char *mode, FILE *f);
int fclose(FILE *f);
int fileno(FILE *f);
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);

/* ---- reading and writing ---- */
int fflush(FILE *f);
size_t fread(void *buf, size_t size, size_t n, FILE *f);
size_t fwrite(const void *buf, size_t size, size_t n, FILE *f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *buf, int size, FILE *f);
ssize_t getline(char **line, size_t *cap, FILE *f);
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);

/* ---- position and state ---- */
int fseek(FILE *f, long offset, int whence);
long ftell(FILE *f);
void rewind(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);

/* ---- formatted output ---- */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int sprintf(char *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *f, const char *fmt, va_list ap);
int vdprintf(int fd, const char *fmt, va_list ap);
int vsprintf(char *buf, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* ---- formatted input (strings only) ---- */
int sscanf(const char *s, const char *fmt, ...)
	__attribute__((format(scanf, 2, 3)));
int vsscanf(const char *s, const char *fmt, va_list ap);

/* ---- files and errors ---- */
void perror(const char *s);
int remove(const char *path);
int rename(const char *old, const char *new_path);

/* __stdio_sink: where every byte of stdio output to descriptor FD goes.
 * libc's default (weak) is write(FD, ...), falling back to the kernel
 * console when there is no VFS; servers link a strong one that prints on
 * the kernel console (os/lib/server/stdio_sink.c). Returns LEN or a
 * negative error number. */
long __stdio_sink(int fd, const void *buf, size_t len);

#endif
