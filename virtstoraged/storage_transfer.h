/* Volume data through RPC streams (vol-upload, vol-download). */
#pragma once

#include "internal.h"

#include "virnetserver.h"

/* Both accept the stream once the volume is open, move the data, and
 * return 0 or -1 with an error reported; the caller completes the stream.
 * length 0 means up to the end of the stream (upload) or volume
 * (download); with sparse, holes travel as holes. */
int storageTransferUpload(virNetServerStream *st, const char *path, unsigned long long offset,
                          unsigned long long length, bool sparse);
int storageTransferDownload(virNetServerStream *st, const char *path,
                            unsigned long long offset, unsigned long long length, bool sparse);
