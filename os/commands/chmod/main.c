/* chmod: change permission bits: chmod MODE FILE...
 * MODE is octal (0..7777: 4000 set-user-id, 2000 set-group-id, 1000
 * sticky) or symbolic: clauses separated by ',', each WHO (u g o a, none
 * meaning a) followed by one or more OP (+ - =) PERMS (r w x X s t), e.g.
 * u+x, go-w, +s, a=r, u=rwx,go=rx. X is x for a directory or a file that
 * already has some x bit; s applies to u and g, t to o (and a). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define WHO_U 04700u               /* the bits each WHO letter reaches */
#define WHO_G 02070u
#define WHO_O 01007u

/* parse_octal: MODE as octal into *OUT; 0, or -1 if it is not octal or
 * above 07777. */
static int parse_octal(const char *mode, unsigned *out)
{
	unsigned v = 0;
	if (!*mode)
		return -1;
	for (const char *p = mode; *p; p++) {
		if (*p < '0' || *p > '7')
			return -1;
		v = v * 8 + (unsigned) (*p - '0');
		if (v > 07777)
			return -1;
	}
	*out = v;
	return 0;
}

/* perm_bits: the bits PERMS (r w x X s t, up to the next op, ',' or the
 * end; *P moves past them) mean for WHO on a file of OLD mode. -1 on a
 * letter that is not a permission. */
static long perm_bits(const char **p, unsigned who, unsigned old)
{
	unsigned bits = 0;
	for (; **p && **p != ',' && !strchr("+-=", **p); (*p)++) {
		switch (**p) {
		case 'r': bits |= 0444; break;
		case 'w': bits |= 0222; break;
		case 'x': bits |= 0111; break;
		case 'X':
			if (S_ISDIR(old) || (old & 0111))
				bits |= 0111;
			break;
		case 's': bits |= S_ISUID | S_ISGID; break;
		case 't': bits |= S_ISVTX; break;
		default: return -1;
		}
	}
	return (long) (bits & who);
}

/* apply_symbolic: the mode that the symbolic MODE makes of OLD (a whole
 * st_mode), or -1 when MODE is malformed. */
static long apply_symbolic(const char *mode, unsigned old)
{
	unsigned cur = old & 07777;
	const char *p = mode;
	for (;;) {
		unsigned who = 0;
		for (; *p && strchr("ugoa", *p); p++)
			who |= *p == 'u' ? WHO_U : *p == 'g' ? WHO_G :
			    *p == 'o' ? WHO_O : WHO_U | WHO_G | WHO_O;
		if (!who)
			who = WHO_U | WHO_G | WHO_O;
		if (!*p || !strchr("+-=", *p))
			return -1;
		while (*p && strchr("+-=", *p)) {
			char op = *p++;
			long bits = perm_bits(&p, who, old);
			if (bits < 0)
				return -1;
			if (op == '+')
				cur |= (unsigned) bits;
			else if (op == '-')
				cur &= ~(unsigned) bits;
			else
				cur = (cur & ~who) | (unsigned) bits;
		}
		if (!*p)
			return (long) cur;
		if (*p++ != ',' || !*p)
			return -1;
	}
}

int main(int argc, char **argv)
{
	unsigned octal;
	int is_octal, status = 0;
	if (argc < 3) {
		fprintf(stderr, "usage: chmod MODE FILE...\n");
		return 2;
	}
	is_octal = parse_octal(argv[1], &octal) == 0;
	if (!is_octal && (argv[1][0] >= '0' && argv[1][0] <= '9')) {
		fprintf(stderr, "chmod: %s: bad mode (octal 0..7777 or "
		    "symbolic like u+x)\n", argv[1]);
		return 2;
	}
	if (!is_octal && apply_symbolic(argv[1], 0) < 0) {
		fprintf(stderr, "chmod: %s: bad mode (octal 0..7777 or "
		    "symbolic like u+x)\n", argv[1]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		struct stat st;
		long mode = octal;
		if (!is_octal) {
			if (stat(argv[i], &st) < 0) {
				fprintf(stderr, "chmod: %s: %s\n", argv[i],
				    strerror(errno));
				status = 1;
				continue;
			}
			mode = apply_symbolic(argv[1], (unsigned) st.st_mode);
		}
		if (chmod(argv[i], (mode_t) mode) < 0) {
			fprintf(stderr, "chmod: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
		}
	}
	return status;
}
