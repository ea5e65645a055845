#include "virnetmessage.h"

#include <unistd.h>

#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

VIR_LOG_INIT("rpc.netmessage");

virNetMessage *
virNetMessageNew(void)
{
    return g_new0(virNetMessage, 1);
}

void
virNetMessageFree(virNetMessage *msg)
{
    size_t i;

    if (!msg)
        return;
    for (i = msg->donefds; i < msg->nfds; i++) {
        if (msg->fds[i] >= 0)
            close(msg->fds[i]);
    }
    g_free(msg->fds);
    g_free(msg->buffer);
    g_free(msg);
}

int
virNetMessageDecodeLength(virNetMessage *msg)
{
    XDR xdr;
    unsigned int len;

    xdrmem_create(&xdr, msg->buffer, VIR_NET_MESSAGE_LEN_MAX, XDR_DECODE);
    if (!xdr_u_int(&xdr, &len)) {
        xdr_destroy(&xdr);
        virReportError(VIR_ERR_RPC, "%s", "Unable to decode message length");
        return -1;
    }
    xdr_destroy(&xdr);

    /* The length counts itself; anything that cannot hold a header, or
     * exceeds the protocol maximum, ends the connection. */
    if (len < VIR_NET_MESSAGE_LEN_MAX + VIR_NET_MESSAGE_HEADER_MAX) {
        virReportError(VIR_ERR_RPC, "packet %u bytes received from server too small", len);
        return -1;
    }
    if (len - VIR_NET_MESSAGE_LEN_MAX > VIR_NET_MESSAGE_MAX) {
        virReportError(VIR_ERR_RPC, "packet %u bytes received from server too large, want %d",
                       len, VIR_NET_MESSAGE_MAX);
        return -1;
    }
    msg->bufferLength = len;
    msg->buffer = g_realloc(msg->buffer, len);
    return 0;
}

int
virNetMessageDecodeHeader(virNetMessage *msg)
{
    XDR xdr;
    int ret = 0;

    memset(&msg->header, 0, sizeof(msg->header));
    xdrmem_create(&xdr, msg->buffer + VIR_NET_MESSAGE_LEN_MAX,
                  msg->bufferLength - VIR_NET_MESSAGE_LEN_MAX, XDR_DECODE);
    if (!xdr_virNetMessageHeader(&xdr, &msg->header)) {
        virReportError(VIR_ERR_RPC, "%s", "Unable to decode message header");
        ret = -1;
    }
    xdr_destroy(&xdr);
    return ret;
}

size_t
virNetMessagePayloadOffset(const virNetMessage *msg)
{
    size_t off = VIR_NET_MESSAGE_LEN_MAX + VIR_NET_MESSAGE_HEADER_MAX;

    if (msg->header.type == VIR_NET_CALL_WITH_FDS ||
        msg->header.type == VIR_NET_REPLY_WITH_FDS)
        off += 4;
    return off;
}

int
virNetMessageDecodeNumFDs(virNetMessage *msg)
{
    XDR xdr;
    unsigned int nfds;
    size_t off = VIR_NET_MESSAGE_LEN_MAX + VIR_NET_MESSAGE_HEADER_MAX;

    if (msg->bufferLength < off + 4) {
        virReportError(VIR_ERR_RPC, "%s", "Unable to decode number of FDs");
        return -1;
    }
    xdrmem_create(&xdr, msg->buffer + off, 4, XDR_DECODE);
    if (!xdr_u_int(&xdr, &nfds)) {
        xdr_destroy(&xdr);
        virReportError(VIR_ERR_RPC, "%s", "Unable to decode number of FDs");
        return -1;
    }
    xdr_destroy(&xdr);
    if (nfds > VIR_NET_MESSAGE_NUM_FDS_MAX) {
        virReportError(VIR_ERR_RPC, "Received too many FDs %u, expected %d maximum",
                       nfds, VIR_NET_MESSAGE_NUM_FDS_MAX);
        return -1;
    }
    msg->nfds = nfds;
    msg->fds = g_new(int, nfds ? nfds : 1);
    for (size_t i = 0; i < nfds; i++)
        msg->fds[i] = -1;
    return 0;
}

int
virNetMessageDecodePayload(virNetMessage *msg, xdrproc_t filter, void *data)
{
    size_t off = virNetMessagePayloadOffset(msg);
    XDR xdr;
    int ret = 0;

    if (msg->bufferLength < off) {
        virReportError(VIR_ERR_RPC, "%s", "Unable to decode message payload");
        return -1;
    }
    xdrmem_create(&xdr, msg->buffer + off, msg->bufferLength - off, XDR_DECODE);
    if (!filter(&xdr, data, 0)) {
        virReportError(VIR_ERR_RPC, "%s", "Unable to decode message payload");
        ret = -1;
    }
    xdr_destroy(&xdr);
    return ret;
}

static void
virNetMessageSetLength(virNetMessage *msg)
{
    XDR xdr;
    unsigned int len = msg->bufferLength;

    xdrmem_create(&xdr, msg->buffer, VIR_NET_MESSAGE_LEN_MAX, XDR_ENCODE);
    xdr_u_int(&xdr, &len);
    xdr_destroy(&xdr);
}

int
virNetMessageEncodeHeader(virNetMessage *msg)
{
    XDR xdr;
    size_t len = VIR_NET_MESSAGE_LEN_MAX + VIR_NET_MESSAGE_HEADER_MAX;

    g_free(msg->buffer);
    msg->buffer = g_malloc0(VIR_NET_MESSAGE_INITIAL + VIR_NET_MESSAGE_LEN_MAX);
    xdrmem_create(&xdr, msg->buffer + VIR_NET_MESSAGE_LEN_MAX,
                  VIR_NET_MESSAGE_HEADER_MAX, XDR_ENCODE);
    if (!xdr_virNetMessageHeader(&xdr, &msg->header)) {
        xdr_destroy(&xdr);
        virReportError(VIR_ERR_RPC, "%s", "Unable to encode message header");
        return -1;
    }
    xdr_destroy(&xdr);

    if (msg->header.type == VIR_NET_REPLY_WITH_FDS ||
        msg->header.type == VIR_NET_CALL_WITH_FDS) {
        unsigned int nfds = msg->nfds;

        xdrmem_create(&xdr, msg->buffer + len, 4, XDR_ENCODE);
        xdr_u_int(&xdr, &nfds);
        xdr_destroy(&xdr);
        len += 4;
    }
    msg->bufferLength = len;
    msg->bufferOffset = 0;
    virNetMessageSetLength(msg);
    return 0;
}

int
virNetMessageEncodePayload(virNetMessage *msg, xdrproc_t filter, void *data)
{
    size_t start = msg->bufferLength;
    size_t room = VIR_NET_MESSAGE_INITIAL + VIR_NET_MESSAGE_LEN_MAX;

    /* Grow in steps up to the protocol maximum, as a payload that does not
     * fit is only known by trying. */
    for (;;) {
        XDR xdr;
        bool ok;

        msg->buffer = g_realloc(msg->buffer, room);
        xdrmem_create(&xdr, msg->buffer + start, room - start, XDR_ENCODE);
        ok = filter(&xdr, data, 0);
        if (ok) {
            msg->bufferLength = start + xdr_getpos(&xdr);
            xdr_destroy(&xdr);
            break;
        }
        xdr_destroy(&xdr);
        if (room >= VIR_NET_MESSAGE_MAX + VIR_NET_MESSAGE_LEN_MAX) {
            virReportError(VIR_ERR_RPC, "%s", "Unable to encode message payload");
            return -1;
        }
        room = MIN(room * 4, (size_t)VIR_NET_MESSAGE_MAX + VIR_NET_MESSAGE_LEN_MAX);
    }
    virNetMessageSetLength(msg);
    return 0;
}

int
virNetMessageEncodePayloadRaw(virNetMessage *msg, const char *data, size_t len)
{
    if (msg->bufferLength + len > VIR_NET_MESSAGE_MAX + VIR_NET_MESSAGE_LEN_MAX) {
        virReportError(VIR_ERR_RPC, "Stream data too long to send (%zu bytes needed)", len);
        return -1;
    }
    msg->buffer = g_realloc(msg->buffer, msg->bufferLength + len);
    memcpy(msg->buffer + msg->bufferLength, data, len);
    msg->bufferLength += len;
    virNetMessageSetLength(msg);
    return 0;
}

int
virNetMessageEncodePayloadEmpty(virNetMessage *msg)
{
    virNetMessageSetLength(msg);
    return 0;
}

void
virNetMessageErrorFromInfo(virNetMessageError *rerr, const virErrorInfo *err)
{
    g_autoptr(virErrorInfo) copy = NULL;

    if (!err)
        err = copy = virErrorCopyLast();

    memset(rerr, 0, sizeof(*rerr));
    rerr->code = err->code;
    rerr->domain = err->domain;
    rerr->level = err->level;
    rerr->int1 = err->int1;
    rerr->int2 = err->int2;
    if (err->message) {
        rerr->message = g_new0(char *, 1);
        *rerr->message = g_strdup(err->message);
    }
    if (err->str1) {
        rerr->str1 = g_new0(char *, 1);
        *rerr->str1 = g_strdup(err->str1);
    }
    if (err->str2) {
        rerr->str2 = g_new0(char *, 1);
        *rerr->str2 = g_strdup(err->str2);
    }
    if (err->str3) {
        rerr->str3 = g_new0(char *, 1);
        *rerr->str3 = g_strdup(err->str3);
    }
}
