/* service up and service update: read the binary (and for up the manifest
 * and the device) here, since RS reads no files, then ask RS. */
#ifdef __phoenix__
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "manifest.h"
#include "request.h"

/* Reads the whole file PATH into a malloc'd buffer; *LEN its size.
 * Returns NULL with errno set (ENOENT, EISDIR, ENOMEM, ...). With
 * UNTRUSTED (a manifest), the file opened must be one root alone may have
 * written (manifest_file_trusted on its fstat): if not, NULL, errno
 * EACCES and *UNTRUSTED the reason. */
static char *svc_read_file(const char *path, size_t *len,
    const char **untrusted)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int e = errno ? errno : EINVAL;
		if (!S_ISREG(st.st_mode))
			e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		close(fd);
		errno = e;
		return NULL;
	}
	if (untrusted != NULL &&
	    (*untrusted = manifest_file_trusted(&st)) != NULL) {
		close(fd);
		errno = EACCES;
		return NULL;
	}
	size_t size = (size_t) st.st_size;
	char *buf = malloc(size ? size : 1);
	size_t n = 0;
	while (buf != NULL && n < size) {
		ssize_t got = read(fd, buf + n, size - n);
		if (got <= 0) {
			free(buf);
			buf = NULL;
			errno = got < 0 ? errno : EIO;
			break;
		}
		n += (size_t) got;
	}
	if (buf == NULL && errno == 0)
		errno = ENOMEM;
	close(fd);
	*len = n;
	return buf;
}

/* Reads the binary named in CMD into memory and points rs_start at it.
 * Returns 0 or the exit status (message printed). */
static int svc_load_binary(struct svc_cmd *cmd, char **image)
{
	size_t len;
	*image = svc_read_file(cmd->start.binary, &len, NULL);
	if (*image == NULL) {
		int e = errno ? errno : ENOENT;
		fprintf(stderr, "service: %s: cannot read the program (%s)\n",
		    cmd->start.binary, strerror(e));
		return e;
	}
	if (len == 0) {
		fprintf(stderr, "service: %s: the program is an empty file\n",
		    cmd->start.binary);
		return EINVAL;
	}
	cmd->start.image = (vir_bytes) *image;
	cmd->start.image_len = (uint32_t) len;
	return 0;
}

/* Parses the manifest FILE into *MF. MISSING_OK: a FILE that does not
 * exist is no error (returns -ENOENT, nothing printed). Returns 0, or
 * the exit status (message printed): EACCES for a file root alone may
 * not have written (manifest_file_trusted), EINVAL for a bad one. */
static int svc_parse_manifest(const char *file, int missing_ok,
    struct rs_manifest *mf)
{
	size_t len;
	const char *untrusted = NULL;
	char *text = svc_read_file(file, &len, &untrusted);
	if (text == NULL) {
		if (missing_ok && errno == ENOENT)
			return -ENOENT;
		if (untrusted != NULL) {
			fprintf(stderr, "service: %s: manifest refused: %s (a "
			    "manifest must be owned by root and writable by "
			    "nobody else)\n", file, untrusted);
			return EACCES;
		}
		int e = errno ? errno : ENOENT;
		fprintf(stderr, "service: %s: cannot read the manifest "
		    "(%s)\n", file, strerror(e));
		return e;
	}
	char err[256];
	int r = manifest_parse(text, len, file, mf, err, sizeof(err));
	free(text);
	if (r < 0) {
		fprintf(stderr, "service: %s\n", err);
		return -r;
	}
	return 0;
}

/* Fills rs_start.manifest: -config FILE (which must exist), else
 * RS_MANIFEST_DIR/LABEL, else the defaults. The label is the service's
 * either way. Returns 0 or the exit status (message printed). */
static int svc_load_manifest(struct svc_cmd *cmd)
{
	char path[RS_PATH_MAX + RS_LABEL_MAX + 2];
	const char *file = cmd->config;
	if (file == NULL) {
		snprintf(path, sizeof(path), "%s/%s", RS_MANIFEST_DIR,
		    cmd->start.label);
		file = path;
	}
	int r = svc_parse_manifest(file, cmd->config == NULL,
	    &cmd->start.manifest);
	if (r == -ENOENT) {
		manifest_defaults(&cmd->start.manifest, cmd->start.label);
		return 0;
	}
	if (r != 0)
		return r;
	strcpy(cmd->start.manifest.label, cmd->start.label);
	return 0;
}

/* The manifest of the binary CMD updates to, into rs_start.manifest,
 * its file in *FILE: -config FILE; else RS_MANIFEST_DIR/NAME, NAME the
 * binary's file name; else (none there) RS_MANIFEST_DIR/STEM, STEM the
 * name up to its first '.' (hello.v2: hello); else the defaults
 * labelled NAME (what `service up` would give it). Returns 0 or the exit
 * status (message printed). */
static int svc_binary_manifest(struct svc_cmd *cmd, char *file, size_t size)
{
	struct rs_manifest *mf = &cmd->start.manifest;
	if (cmd->config != NULL) {
		snprintf(file, size, "%s", cmd->config);
		return svc_parse_manifest(file, 0, mf);
	}
	const char *name = strrchr(cmd->start.binary, '/') + 1;
	snprintf(file, size, "%s/%s", RS_MANIFEST_DIR, name);
	int r = svc_parse_manifest(file, 1, mf);
	const char *dot = strchr(name, '.');
	if (r == -ENOENT && dot != NULL && dot != name) {
		snprintf(file, size, "%s/%.*s", RS_MANIFEST_DIR,
		    (int) (dot - name), name);
		r = svc_parse_manifest(file, 1, mf);
	}
	if (r == -ENOENT) {
		snprintf(file, size, "(none: the defaults)");
		manifest_defaults(mf, name);
		return 0;
	}
	return r;
}

/* -dev: the file must be a character or a block device; its major goes
 * to RS.
 * Returns 0 or the exit status (message printed). */
static int svc_load_dev(struct svc_cmd *cmd)
{
	if (cmd->start.dev[0] == '\0')
		return 0;
	struct stat st;
	if (stat(cmd->start.dev, &st) < 0) {
		int e = errno ? errno : ENOENT;
		fprintf(stderr, "service: %s: cannot use it as the device "
		    "(%s)\n", cmd->start.dev, strerror(e));
		return e;
	}
	if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode)) {
		fprintf(stderr, "service: %s: not a character device (nor a "
		    "block device)\n", cmd->start.dev);
		return EINVAL;
	}
	cmd->start.dev_major = DEV_MAJOR(st.st_rdev);
	return 0;
}

/* service up BINARY [options]: start a service. */
int svc_up(struct svc_cmd *cmd)
{
	char *image;
	int r = svc_load_binary(cmd, &image);
	if (r == 0)
		r = svc_load_manifest(cmd);
	if (r == 0)
		r = svc_load_dev(cmd);
	if (r == 0)
		r = svc_call(RS_UP, cmd, (vir_bytes) &cmd->start,
		    sizeof(cmd->start), 0, cmd->start.label, NULL);
	free(image);
	return r;
}

/* An update must not turn service LABEL into another one: the new
 * binary's manifest (svc_binary_manifest; update self: -config's, if
 * given) must be service LABEL. Returns 0 or EINVAL (message printed);
 * RS checks the same again. */
static int svc_check_identity(struct svc_cmd *cmd)
{
	char file[RS_PATH_MAX + RS_LABEL_MAX + 2];
	if (cmd->self && cmd->config == NULL)
		return 0;                 /* the service's own binary */
	int r = svc_binary_manifest(cmd, file, sizeof(file));
	if (r != 0)
		return r;
	const char *is = cmd->start.manifest.label;
	if (strcmp(is, cmd->start.label) == 0)
		return 0;
	fprintf(stderr, "service: update: %s is service %s (manifest %s), not "
	    "%s: refused, %s untouched\n", cmd->self ? "self" :
	    cmd->start.binary, is, file, cmd->start.label, cmd->start.label);
	return EINVAL;
}

/* service update BINARY|self [options]: live update (image_len 0: the
 * running binary again), refused before RS is asked when the binary is
 * another service's (svc_check_identity). */
int svc_update(struct svc_cmd *cmd)
{
	char *image = NULL;
	int r = svc_check_identity(cmd);
	if (r == 0 && !cmd->self)
		r = svc_load_binary(cmd, &image);
	if (r == 0)
		r = svc_call(RS_UPDATE, cmd, (vir_bytes) &cmd->start,
		    sizeof(cmd->start), 0, cmd->start.label, NULL);
	free(image);
	return r;
}
#endif
