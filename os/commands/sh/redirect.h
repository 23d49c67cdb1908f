/* sh: redirections applied in the shell itself (for builtins) are undone
 * with the descriptors saved here. */
#ifndef SH_REDIRECT_H
#define SH_REDIRECT_H

#define SAVED_MAX 16

struct saved_fds {
	int n;
	int fd[SAVED_MAX];      /* descriptor changed */
	int copy[SAVED_MAX];    /* its saved copy, or -1: it was closed */
};

int apply_redirects(const struct redir *r, struct saved_fds *s);
void restore_redirects(struct saved_fds *s);

#endif
