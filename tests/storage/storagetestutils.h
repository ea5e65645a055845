/* Scratch space for the storage tests: a temporary directory of our own,
 * and loop devices over sparse files in it that go away on every path
 * (explicitly, and through the kernel's autoclear if the test dies). */
#pragma once

#include "internal.h"

/* A new directory under $TMPDIR; NULL with a message on stderr. */
char *storageTestMakeTempDir(void);
/* Removes dir and everything below it (our own files only: the mounts
 * on it must be gone). */
void storageTestRemoveTempDir(const char *dir);

typedef struct {
    char *image;    /* the backing file */
    char *device;   /* /dev/loopN */
    int fd;         /* held open: the device autoclears once it is closed */
} storageTestLoop;

/* losetup -fP over a sparse file of size bytes at dir/name. */
storageTestLoop *storageTestLoopNew(const char *dir, const char *name, unsigned long long size);
/* Detaches (and frees); NULL is fine. */
void storageTestLoopFree(storageTestLoop *loop);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(storageTestLoop, storageTestLoopFree);

/* Runs argv (argv[0] looked up like the storage tools), its stdout in
 * *out when out is given; the exit status (or -1 when it could not run). */
int storageTestRun(const char *const *argv, char **out);
