/* sh: redirections. In a child they are simply applied; for a builtin that
 * runs inside the shell the descriptors it changes are saved first and put
 * back afterwards. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"
#include "redirect.h"

/* Lowest descriptor used for saved copies: above what redirections
 * normally name (0-9). */
#define SAVE_FD_MIN 10

/* A copy of FD at a descriptor >= SAVE_FD_MIN, closed on exec, or -1 (FD
 * closed, or no descriptor left). */
static int dup_high(int fd)
{
	int tried[SAVE_FD_MIN];
	int n = 0, copy;
	while ((copy = dup(fd)) >= 0 && copy < SAVE_FD_MIN && n < SAVE_FD_MIN)
		tried[n++] = copy;
	while (n > 0)
		close(tried[--n]);
	if (copy >= 0 && copy < SAVE_FD_MIN) {
		close(copy);
		copy = -1;
	}
	if (copy >= 0)
		fcntl(copy, F_SETFD, FD_CLOEXEC);   /* not for programs a
		                                     * redirected loop runs */
	return copy;
}

/* Remember descriptor FD in S (once per descriptor) so that it can be put
 * back. */
static void save_fd(struct saved_fds *s, int fd)
{
	for (int i = 0; i < s->n; i++)
		if (s->fd[i] == fd)
			return;
	if (s->n == SAVED_MAX)
		return;
	s->fd[s->n] = fd;
	s->copy[s->n] = dup_high(fd);
	s->n++;
}

/* Parse the target of >& or <& ("-" or a descriptor number); -2 when it is
 * neither. */
static int dup_target(const char *s)
{
	if (strcmp(s, "-") == 0)
		return -1;
	char *end;
	long n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < 0 || n > 1000)
		return -2;
	return (int) n;
}

/* A here-document this long or shorter is written into its pipe at once:
 * every pipe holds that much (POSIX's PIPE_BUF minimum is 512; Phoenix's
 * and Linux's pipes hold 4096 and more). */
#define DOC_DIRECT_MAX 4096

/* The read end of a pipe that gives TEXT, then end of file: a short text is
 * written now; a longer one by a grandchild (reparented to init, which
 * reaps it), so that the shell neither blocks nor keeps a zombie. -1 when
 * pipe() or fork() failed (errno set). */
static int heredoc_fd(const char *text)
{
	int pfd[2];
	size_t len = strlen(text);
	if (pipe(pfd) < 0)
		return -1;
	if (len <= DOC_DIRECT_MAX) {
		ssize_t n = len ? write(pfd[1], text, len) : 0;
		close(pfd[1]);
		(void) n;
		return pfd[0];
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		close(pfd[0]);
		if (fork() == 0) {
			const char *s = text;
			while (len > 0) {
				ssize_t n = write(pfd[1], s, len);
				if (n <= 0)
					break;
				s += n;
				len -= (size_t) n;
			}
		}
		_exit(0);
	}
	close(pfd[1]);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return pfd[0];
}

/* Apply one redirection. Returns 0, or -1 after printing
 * "sh: TARGET: <strerror>". */
static int apply_one(const struct redir *r)
{
	char *target = expand_one(r->word);
	int fd = -1;

	switch (r->op) {
	case R_HEREDOC: {
		char *text = r->literal ? sh_strdup(r->body) :
		    expand_heredoc(r->body);
		fd = heredoc_fd(text);
		free(text);
		break;
	}
	case R_IN:
		fd = open(target, O_RDONLY);
		break;
	case R_OUT:
		fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		break;
	case R_APPEND:
		fd = open(target, O_WRONLY | O_CREAT | O_APPEND, 0666);
		break;
	case R_DUPIN:
	case R_DUPOUT:
		fd = dup_target(target);
		if (fd == -1) {
			close(r->fd);
			free(target);
			return 0;
		}
		if (fd == -2) {
			errno = EBADF;
			fd = -1;
			break;
		}
		if (fd != r->fd && dup2(fd, r->fd) < 0) {
			fd = -1;
			break;
		}
		free(target);
		return 0;
	}
	if (fd < 0) {
		fprintf(stderr, "sh: %s: %s\n", target, strerror(errno));
		fflush(stderr);
		free(target);
		return -1;
	}
	if (fd != r->fd) {
		dup2(fd, r->fd);
		close(fd);
	}
	free(target);
	return 0;
}

/* Apply the redirections R in order. With S, every descriptor changed is
 * saved there first (restore_redirects() puts them back). Returns 0, or -1
 * when one failed (the error is printed; those before it stay applied). */
int apply_redirects(const struct redir *r, struct saved_fds *s)
{
	if (s) {
		fflush(stdout);
		fflush(stderr);
	}
	for (; r; r = r->next) {
		if (s)
			save_fd(s, r->fd);
		if (apply_one(r) < 0)
			return -1;
	}
	return 0;
}

/* Put back the descriptors saved in S, newest last-saved first; S is empty
 * afterwards. */
void restore_redirects(struct saved_fds *s)
{
	fflush(stdout);
	fflush(stderr);
	while (s->n > 0) {
		s->n--;
		if (s->copy[s->n] >= 0) {
			dup2(s->copy[s->n], s->fd[s->n]);
			close(s->copy[s->n]);
		} else {
			close(s->fd[s->n]);
		}
	}
}
