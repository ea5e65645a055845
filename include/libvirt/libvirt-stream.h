/*
 * libvirt-stream.h: byte streams between a client and a driver (consoles,
 * uploads, downloads) in the libvirt-compatible client API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_STREAM_H
#define VIRTD_PUBLIC_STREAM_H

#include <libvirt/libvirt-host.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of virStreamNew(). */
typedef enum {
    VIR_STREAM_NONBLOCK = 1 << 0  /* send/recv return -2 instead of waiting */
} virStreamFlags;

/* Flags of virStreamRecvFlags(). */
typedef enum {
    VIR_STREAM_RECV_STOP_AT_HOLE = 1 << 0  /* return early at a hole */
} virStreamRecvFlagsValues;

/* Conditions a stream callback reports (a bit set). */
typedef enum {
    VIR_STREAM_EVENT_READABLE = 1 << 0,
    VIR_STREAM_EVENT_WRITABLE = 1 << 1,
    VIR_STREAM_EVENT_ERROR    = 1 << 2,
    VIR_STREAM_EVENT_HANGUP   = 1 << 3
} virStreamEventType;

/* An unattached stream; hand it to a call such as virDomainOpenConsole(). */
virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags);
int virStreamRef(virStreamPtr st);

/*
 * Move up to nbytes.  Return the count moved, 0 at end of stream (recv),
 * -2 when a non-blocking stream would block, -1 on error.
 */
int virStreamSend(virStreamPtr st, const char *data, size_t nbytes);
int virStreamRecv(virStreamPtr st, char *data, size_t nbytes);
/* Like virStreamRecv(); with VIR_STREAM_RECV_STOP_AT_HOLE, -3 at a hole. */
int virStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes,
                       unsigned int flags);

/* Sparse streams (volume transfers with a SPARSE_STREAM flag): a hole of
 * length bytes, sent, or received after virStreamRecvFlags() returned -3
 * (*length 0 when the stream is not at a hole).  flags: 0. */
int virStreamSendHole(virStreamPtr st, long long length, unsigned int flags);
int virStreamRecvHole(virStreamPtr, long long *length, unsigned int flags);

/* Producer for virStreamSendAll(): fill data, return bytes, 0 at end,
 * -1 to abort. */
typedef int (*virStreamSourceFunc)(virStreamPtr st, char *data,
                                   size_t nbytes, void *opaque);
/* Consumer for virStreamRecvAll(): take data, return bytes, -1 to abort. */
typedef int (*virStreamSinkFunc)(virStreamPtr st, const char *data,
                                 size_t nbytes, void *opaque);

/* Pump a blocking stream until the source or the stream ends. */
int virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler,
                     void *opaque);
int virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler,
                     void *opaque);

/* Told, from the event loop, that `events` hold on a non-blocking stream. */
typedef void (*virStreamEventCallback)(virStreamPtr stream, int events,
                                       void *opaque);

/* One callback per stream at most. */
int virStreamEventAddCallback(virStreamPtr stream, int events,
                              virStreamEventCallback cb, void *opaque,
                              virFreeCallback ff);
int virStreamEventUpdateCallback(virStreamPtr stream, int events);
int virStreamEventRemoveCallback(virStreamPtr stream);

/* End a transfer cleanly (Finish) or not (Abort); then virStreamFree(). */
int virStreamFinish(virStreamPtr st);
int virStreamAbort(virStreamPtr st);
int virStreamFree(virStreamPtr st);

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_STREAM_H */
