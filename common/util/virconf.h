/* Config files in libvirt's syntax:
 *   # comment
 *   key = 12
 *   key = "text"
 *   key = [ "a", "b" ]
 * Values are typed; a getter asked for the wrong type reports an error. */
#pragma once

#include "internal.h"

typedef struct _virConf virConf;

/* NULL (error reported) when the file cannot be read or parsed. A missing
 * file is not an error when allowMissing is set: an empty config results. */
virConf *virConfReadFile(const char *path, bool allowMissing);
virConf *virConfReadString(const char *text, const char *name);
void virConfFree(virConf *conf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virConf, virConfFree);

/* Each returns 1 when the key was set (*value written), 0 when absent,
 * -1 with an error reported when it has the wrong type or range. */
int virConfGetString(virConf *conf, const char *key, char **value);
int virConfGetInt(virConf *conf, const char *key, int *value);
int virConfGetUInt(virConf *conf, const char *key, unsigned int *value);
int virConfGetBool(virConf *conf, const char *key, bool *value);
/* A list of strings, or a single string taken as a one-element list. */
int virConfGetStringList(virConf *conf, const char *key, char ***value);

/* The keys set in the file that the caller never asked for (NULL-terminated,
 * caller frees); daemons warn about each one instead of ignoring it silently. */
char **virConfUnusedKeys(virConf *conf);
