/* Files: whole reads, atomic writes, directories, pid files, and the
 * --root prefix every default path goes through. */
#pragma once

#include "internal.h"
#include <sys/types.h>

/* Set once at start-up by the daemon runner ("" or NULL: no prefix). */
void virFileSetRoot(const char *root);
const char *virFileGetRoot(void);
/* A default path P becomes ROOT/P; the caller frees. */
char *virFileRootPath(const char *path);

/* Reads a whole file of at most maxlen bytes, NUL-terminated.
 * -1 with an error reported (errno kept) on failure. */
int virFileReadAll(const char *path, size_t maxlen, char **buf);

/* Writes to a temporary file in the same directory, fsyncs it, renames it
 * over path and fsyncs the directory: readers see the old or the new file,
 * never a half-written one. */
int virFileWriteAtomic(const char *path, const char *data, size_t len, mode_t mode);
int virFileWriteStrAtomic(const char *path, const char *str, mode_t mode);

/* mkdir -p; -1 with an error reported. */
int virFileMakePath(const char *path, mode_t mode);

/* Unlinks, ignoring a missing file; -1 with an error reported otherwise. */
int virFileRemove(const char *path);

/* Makes link a symlink to target (its directory created, an old link
 * replaced), or with present false removes it; -1 with an error reported.
 * The autostart links of domains, networks and pools. */
int virFileSetSymlink(const char *link, const char *target, bool present);

/* The names NAME of the files DIR/NAME.xml (no dot files), sorted; empty
 * when DIR does not exist, NULL with an error reported when it cannot be
 * read. The definition stores of every object family. */
GPtrArray *virFileListXMLNames(const char *dir);

/* Creates and locks a pid file holding our pid. Returns the open fd (keep
 * it open for the daemon's lifetime), or -1 with an error reported, notably
 * when another live process holds the lock. */
int virPidFileAcquire(const char *path, pid_t pid);
int virPidFileRead(const char *path, pid_t *pid);

bool virFileExists(const char *path);
bool virProcessIsAlive(pid_t pid);
