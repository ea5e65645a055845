/* Save images (virsh save, managedsave): a header of ours, the domain XML
 * the guest restores with, then QEMU's migration stream. */
#pragma once

#include "internal.h"

#include <sys/types.h>

/* Creates path (0600, replacing it) with the header and xml; *offset gets
 * where QEMU's stream begins. running: whether the guest ran when saved.
 * -1 with an error reported. */
int qemuSaveImageCreate(const char *path, const char *xml, bool running, off_t *offset);

/* Reads and checks the header of path: *xml (caller frees), *running and
 * *offset. A file that is not a save image of ours: VIR_ERR_OPERATION_FAILED
 * "image magic is incorrect"; -1. */
int qemuSaveImageRead(const char *path, char **xml, bool *running, off_t *offset);

/* The migration URIs that write QEMU's stream after the header of path,
 * and read it back: "exec:" shell commands with path quoted. */
char *qemuSaveImageOutgoingURI(const char *path);
char *qemuSaveImageIncomingURI(const char *path, off_t offset);
