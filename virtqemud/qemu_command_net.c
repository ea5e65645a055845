/* Network interfaces on the QEMU command line: -netdev backend plus
 * -device frontend. */
#include "qemu_command_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_command_net");

/* ---- network ---------------------------------------------------------- */

static const char *
qemuNetModelDevice(const virDomainNetDef *net)
{
    const char *model = net->model ? net->model : "rtl8139";

    if (strcmp(model, "virtio") == 0)
        return "virtio-net-pci";
    if (strcmp(model, "virtio-transitional") == 0)
        return "virtio-net-pci-transitional";
    if (strcmp(model, "virtio-non-transitional") == 0)
        return "virtio-net-pci-non-transitional";
    return model;
}

int
qemuBuildNetBackend(qemuBuildCtx *ctx, const virDomainNetDef *net, const char *hostId)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    char macstr[VIR_MAC_STRING_BUFLEN];

    virMacAddrFormat(net->mac, macstr);
    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_USER:
        qemuOptAddWord(buf, "user");
        break;
    case VIR_DOMAIN_NET_TYPE_ETHERNET:
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        if (net->ifname || net->type == VIR_DOMAIN_NET_TYPE_ETHERNET) {
            /* A tap the driver prepared (or, for 'ethernet' without a name,
             * one QEMU creates). */
            qemuOptAddWord(buf, "tap");
            qemuOptAdd(buf, "ifname", net->ifname);
            qemuOptAdd(buf, "script", "no");
            qemuOptAdd(buf, "downscript", "no");
        } else if (net->bridge) {
            /* QEMU's bridge helper creates and attaches the tap. */
            qemuOptAddWord(buf, "bridge");
            qemuOptAdd(buf, "br", net->bridge);
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "interface %s has no tap device or bridge to use (is network '%s' active?)",
                           macstr, net->network ? net->network : "");
            return -1;
        }
        if (net->driverName == VIR_DOMAIN_NET_BACKEND_VHOST)
            qemuOptAdd(buf, "vhost", "on");
        else if (net->driverName == VIR_DOMAIN_NET_BACKEND_QEMU)
            qemuOptAdd(buf, "vhost", "off");
        if (net->queues > 1)
            qemuOptAddFormat(buf, "queues", "%u", net->queues);
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "interface type '%s' is not supported",
                       virDomainNetTypeToString(net->type));
        return -1;
    }
    qemuOptAdd(buf, "id", hostId);
    qemuAddArgBuf(ctx->cmd, "-netdev", buf);
    return 0;
}

int
qemuBuildNets(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        const virDomainNetDef *net = def->nets[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&net->info, g_strdup_printf("net%zu", i));
        g_autofree char *hostId = g_strdup_printf("host%s", id);
        const char *model = qemuNetModelDevice(net);
        bool virtio = g_str_has_prefix(model, "virtio-net");
        char mac[VIR_MAC_STRING_BUFLEN];

        if (qemuBuildNetBackend(ctx, net, hostId) < 0)
            return -1;
        qemuOptAddWord(buf, model);
        if (virtio && net->queues > 1) {
            qemuOptAdd(buf, "mq", "on");
            qemuOptAddFormat(buf, "vectors", "%u", 2 * net->queues + 2);
        }
        qemuOptAdd(buf, "netdev", hostId);
        qemuOptAdd(buf, "id", id);
        qemuOptAdd(buf, "mac", virMacAddrFormat(net->mac, mac));
        if (virtio && net->mtu)
            qemuOptAddFormat(buf, "host_mtu", "%u", net->mtu);
        if (ctx->bootIndex[def->ndisks + i])
            qemuOptAddFormat(buf, "bootindex", "%d", ctx->bootIndex[def->ndisks + i]);
        if (g_str_has_prefix(model, "usb-")) {
            if (qemuBuildUSBAddress(ctx, buf, &net->info) < 0)
                return -1;
        } else if (qemuBuildPCIAddress(ctx, buf, &net->info) < 0) {
            return -1;
        }
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}
