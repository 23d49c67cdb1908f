/* manifest-check: the build's check of the service manifests, a host
 * program built from the same parser as RS and `service` (os/lib/manifest).
 *
 *   manifest-check FILE...    parse each; a manifest's label must be its
 *                             file's name (without a ".conf" suffix).
 *                             Errors "FILE:LINE: message" on stderr, exit 1.
 *   manifest-check -d FILE    parse FILE and print it, one key=value a line
 *   manifest-check -t VALUE   print the ticks of a time value ("2HZ" -> 200)
 *   manifest-check -b         print the basic kernel calls every service
 *                             gets without listing them (RS_BASIC_KCALLS),
 *                             comma-separated
 *
 * Used by os/os.mk (every manifest in the image) and the host tests
 * (os/tests/test_manifest_host.py). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <abi/kcalls.h>
#include "manifest.h"

/* Reads the whole file PATH into a malloc'd buffer; *LEN its size.
 * Returns NULL (message printed) if it cannot. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return NULL;
	}
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (n == cap)
			buf = realloc(buf, cap *= 2);
		size_t got = fread(buf + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Parses PATH into M. Returns 0, or 1 after printing the error. */
static int parse(const char *path, struct rs_manifest *m)
{
	size_t len;
	char *text = read_file(path, &len);
	if (text == NULL)
		return 1;
	char err[256];
	int r = manifest_parse(text, len, path, m, err, sizeof(err));
	free(text);
	if (r < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	return 0;
}

/* Prints M, one key=value a line (lists comma-separated, "-" if empty). */
static void dump(const struct rs_manifest *m)
{
	printf("label=%s\n", m->label);
	printf("ipc=%s", m->flags & MF_IPC_ALL ? "ALL" : "");
	for (uint32_t i = 0; i < m->nr_ipc; i++)
		printf("%s%s", i || (m->flags & MF_IPC_ALL) ? "," : "", m->ipc[i]);
	printf("\nsystem=%s", m->flags & MF_KCALL_ALL ? "ALL" : "");
	int first = !(m->flags & MF_KCALL_ALL);
	for (int nr = KCALL_BASE; nr < KCALL_BASE + NR_KCALLS; nr++) {
		int bit = nr - KCALL_BASE;
		if (m->kcalls[bit / 32] & (1u << (bit % 32))) {
			printf("%s%s", first ? "" : ",", manifest_kcall_name(nr));
			first = 0;
		}
	}
	printf("\nio=");
	for (uint32_t i = 0; i < m->nr_io; i++)
		printf("%s%x-%x%s", i ? "," : "", m->io[i].base, m->io[i].last,
		    (m->io[i].flags & IO_READ_ONLY) ? "/r" : "");
	printf("\nirq=");
	first = 1;
	for (int i = 0; i < 16; i++)
		if (m->irqs & (1u << i)) {
			printf("%s%d", first ? "" : ",", i);
			first = 0;
		}
	printf("\nperiod=%d\nrestart=%s\ncore=", (int) m->period,
	    manifest_restart_name(m->restart));
	first = 1;
	for (uint32_t bit = 1; bit & RS_CORE_ALL; bit <<= 1)
		if (m->core & bit) {
			printf("%s%s", first ? "" : ",", manifest_core_name(bit));
			first = 0;
		}
	printf("\n");
	if (m->nr_pci == 0)          /* the line only when the key is there */
		return;
	printf("pci=");
	for (uint32_t i = 0; i < m->nr_pci; i++)
		printf("%s%04x:%04x", i ? "," : "", m->pci[i] >> 16,
		    m->pci[i] & 0xffff);
	printf("\n");
}

/* Prints the names of RS_BASIC_KCALLS, comma-separated, on one line (the
 * course kit's privilege allow-list grants them implicitly). */
static void print_basic(void)
{
#define BASIC_NAME(name) #name ",",
	static const char *const names[] = { RS_BASIC_KCALLS(BASIC_NAME) };
#undef BASIC_NAME
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);
		printf("%s%.*s", i ? "," : "", (int) n - 1, names[i]);
	}
	printf("\n");
}

/* Checks that M's label is PATH's file name, less a ".conf" suffix. */
static int check_label(const char *path, const struct rs_manifest *m)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".conf") == 0)
		n -= 5;
	if (strlen(m->label) != n || strncmp(m->label, base, n) != 0) {
		fprintf(stderr, "%s:1: service '%s' in a file named '%.*s' "
		    "(the label must be the file's name)\n", path, m->label,
		    (int) n, base);
		return 1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	struct rs_manifest m;
	if (argc == 3 && strcmp(argv[1], "-t") == 0) {
		int32_t t;
		if (manifest_parse_time(argv[2], &t) < 0) {
			fprintf(stderr, "manifest-check: bad time value '%s'\n",
			    argv[2]);
			return 1;
		}
		printf("%d\n", (int) t);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "-b") == 0) {
		print_basic();
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "-d") == 0) {
		if (parse(argv[2], &m))
			return 1;
		dump(&m);
		return 0;
	}
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: manifest-check FILE... | -d FILE | "
		    "-t VALUE | -b\n");
		return 2;
	}
	int bad = 0;
	for (int i = 1; i < argc; i++)
		bad |= parse(argv[i], &m) || check_label(argv[i], &m);
	return bad;
}
