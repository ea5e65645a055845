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

/* Replaces the definition held by the image at path with xml, which must
 * fit in the room the image has (VIR_ERR_OPERATION_FAILED "new xml too
 * large to fit in file"); running 0 or 1 also changes how it restores,
 * -1 keeps that. -1 with an error reported. */
int qemuSaveImageRewrite(const char *path, const char *xml, int running);

/* The migration URIs that write QEMU's stream after the header of path,
 * and read it back: "exec:" shell commands with path quoted. */
char *qemuSaveImageOutgoingURI(const char *path);
char *qemuSaveImageIncomingURI(const char *path, off_t offset);
