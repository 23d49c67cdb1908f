/* Private to the DS client library: one request to DS. */
#ifndef DS_CALL_H
#define DS_CALL_H

#include <abi/message.h>

/* ds_call: sendrec request TYPE with payload M->u.ds_req to DS. Returns
 * the reply code (0 or a negative error; out fields in *M) or the IPC
 * error (-EDEADSRCDST when DS is not running). */
int ds_call(int type, message *m);

/* ds_req_key: a fresh message M naming KEY (NULL: none). */
void ds_req_key(message *m, const char *key);

#endif
