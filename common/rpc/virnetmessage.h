/* One RPC message: the length word, the 24-byte header, the XDR payload
 * (and, for *_WITH_FDS types, file descriptors passed out of band). */
#pragma once

#include "internal.h"
#include <rpc/rpc.h>

#include "virnet_protocol.h"
#include "virerror.h"

typedef struct _virNetMessage virNetMessage;
struct _virNetMessage {
    virNetMessageHeader header;

    char *buffer;           /* the whole message, length word included */
    size_t bufferLength;    /* bytes expected (rx) or to send (tx) */
    size_t bufferOffset;    /* bytes received or sent so far */

    int *fds;
    size_t nfds;
    size_t donefds;

    bool tracked;           /* a CALL counted against the client's limit */
};

virNetMessage *virNetMessageNew(void);
void virNetMessageFree(virNetMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetMessage, virNetMessageFree);

/* Receiving: after the 4 length bytes arrived, check the length and size
 * the buffer for the rest. -1 (reported) when it is out of bounds. */
int virNetMessageDecodeLength(virNetMessage *msg);
int virNetMessageDecodeHeader(virNetMessage *msg);
/* Decodes the payload (after header and fd count) with filter into data. */
int virNetMessageDecodePayload(virNetMessage *msg, xdrproc_t filter, void *data);
int virNetMessageDecodeNumFDs(virNetMessage *msg);

/* Sending: header first, then one of the payload encoders, which fix up the
 * length word. */
int virNetMessageEncodeHeader(virNetMessage *msg);
int virNetMessageEncodePayload(virNetMessage *msg, xdrproc_t filter, void *data);
int virNetMessageEncodePayloadRaw(virNetMessage *msg, const char *data, size_t len);
int virNetMessageEncodePayloadEmpty(virNetMessage *msg);

/* Fills a wire error from an error info (the thread's last error when NULL). */
void virNetMessageErrorFromInfo(virNetMessageError *rerr, const virErrorInfo *err);

/* Where the payload starts (after header, and the fd count if any). */
size_t virNetMessagePayloadOffset(const virNetMessage *msg);
