/* hmactool: the test agent's SHA-256 and HMAC-SHA256 (os/tests/user/
 * testagent) on the host, for os/tests/test_testagent_host.py.
 *
 *   hmactool sha256 DATAHEX          -> digest in hex
 *   hmactool hmac KEYHEX DATAHEX     -> tag in hex
 *   hmactool chunked KEYHEX DATAHEX  -> tag, the data fed in uneven pieces
 *
 * Built with the host's compiler and C library (the crypto files are pure
 * code). Exit status 2 on bad arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hmac.h"

/* unhex: decode HEX into a fresh buffer; its length in *LEN. NULL when
 * HEX is not hex. */
static uint8_t *unhex(const char *hex, size_t *len)
{
	size_t n = strlen(hex);
	if (n % 2)
		return NULL;
	uint8_t *out = malloc(n / 2 + 1);
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v;
		if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
			free(out);
			return NULL;
		}
		out[i] = (uint8_t) v;
	}
	*len = n / 2;
	return out;
}

static void put(const uint8_t *d)
{
	for (int i = 0; i < SHA256_DIGEST; i++)
		printf("%02x", d[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	uint8_t out[SHA256_DIGEST];
	size_t klen = 0, dlen = 0;
	if (argc == 3 && strcmp(argv[1], "sha256") == 0) {
		uint8_t *d = unhex(argv[2], &dlen);
		if (!d)
			return 2;
		sha256(d, dlen, out);
		put(out);
		return 0;
	}
	if (argc == 4 && (strcmp(argv[1], "hmac") == 0 ||
	    strcmp(argv[1], "chunked") == 0)) {
		uint8_t *k = unhex(argv[2], &klen), *d = unhex(argv[3], &dlen);
		if (!k || !d)
			return 2;
		if (argv[1][0] == 'h') {
			hmac_sha256(k, klen, d, dlen, out);
		} else {
			struct hmac h;
			hmac_init(&h, k, klen);
			size_t at = 0, step = 1;
			while (at < dlen) {
				size_t n = step < dlen - at ? step : dlen - at;
				hmac_update(&h, d + at, n);
				at += n;
				step = step * 3 % 97 + 1;
			}
			hmac_final(&h, out);
		}
		put(out);
		return 0;
	}
	fprintf(stderr, "usage: hmactool sha256 DATAHEX | hmac KEYHEX DATAHEX"
	    " | chunked KEYHEX DATAHEX\n");
	return 2;
}
