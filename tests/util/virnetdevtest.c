/* Bridges, taps and addresses through rtnetlink. Everything happens in a
 * network namespace of our own (with its own /sys), never on the host. */
#include "internal.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutils.h"
#include "virerror.h"
#include "virfile.h"
#include "virnetdev.h"
#include "virnetdevbridge.h"
#include "virnetdevtap.h"
#include "virnetlink.h"

#define BRIDGE "vbr0"

static const unsigned char bridgeMac[VIR_MAC_BUFLEN] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0x01 };
static const unsigned char guestMac[VIR_MAC_BUFLEN] = { 0x52, 0x54, 0x00, 0x11, 0x22, 0x33 };

/* A private network namespace, and a sysfs mounted in it so that
 * /sys/class/net shows its devices rather than the host's. */
static int
testEnterNamespace(void)
{
    if (unshare(CLONE_NEWNET | CLONE_NEWNS) < 0) {
        fprintf(stderr, "unshare: %s\n", g_strerror(errno));
        return -1;
    }
    if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
        mount("sysfs", "/sys", "sysfs", 0, NULL) < 0) {
        fprintf(stderr, "mount: %s\n", g_strerror(errno));
        return -1;
    }
    return 0;
}

/* The last error's message contains all of the given strings. */
static int
testErrorContains(const char *a, const char *b)
{
    const virErrorInfo *err = virErrorGetLast();

    if (!err || !err->message || !strstr(err->message, a) || (b && !strstr(err->message, b))) {
        fprintf(stderr, "unexpected error: %s (wanted '%s' '%s')\n",
                err && err->message ? err->message : "(none)", a, b ? b : "");
        return -1;
    }
    virErrorReset();
    return 0;
}

/* The bridge ifname is attached to, from sysfs (not our own code). */
static char *
testSysfsMaster(const char *ifname)
{
    g_autofree char *link = g_strdup_printf("/sys/class/net/%s/master", ifname);
    g_autofree char *target = g_file_read_link(link, NULL);

    return target ? g_path_get_basename(target) : NULL;
}

static bool
testHasAddr(const char *ifname, int family, const char *want)
{
    g_auto(GStrv) addrs = NULL;

    if (virNetDevGetAddresses(ifname, family, &addrs) < 0)
        return false;
    return g_strv_contains((const char * const *)addrs, want);
}

static int
testBridgeCreate(const void *opaque)
{
    unsigned char mac[VIR_MAC_BUFLEN];
    bool online = true;
    int mtu = 0;
    int ifindex = 0;

    if (virNetDevExists(BRIDGE) != 0 ||
        virNetDevBridgeCreate(BRIDGE, bridgeMac) < 0 ||
        virNetDevExists(BRIDGE) != 1 ||
        virNetDevGetIndex(BRIDGE, &ifindex) < 0 || ifindex <= 0 ||
        virNetDevGetOnline(BRIDGE, &online) < 0 || online ||
        virNetDevGetMAC(BRIDGE, mac) < 0 || memcmp(mac, bridgeMac, VIR_MAC_BUFLEN) != 0)
        return -1;

    /* The same name twice is refused, with the kernel's reason. */
    if (virNetDevBridgeCreate(BRIDGE, NULL) == 0 ||
        testErrorContains("Unable to create bridge " BRIDGE ": File exists", NULL) < 0)
        return -1;

    if (virNetDevSetMTU(BRIDGE, 1400) < 0 || virNetDevGetMTU(BRIDGE, &mtu) < 0 || mtu != 1400)
        return -1;
    mac[5] = 0x02;
    if (virNetDevSetMAC(BRIDGE, mac) < 0 || virNetDevGetMAC(BRIDGE, mac) < 0 || mac[5] != 0x02)
        return -1;
    if (virNetDevSetOnline(BRIDGE, true) < 0 || virNetDevGetOnline(BRIDGE, &online) < 0 || !online)
        return -1;
    return 0;
}

static int
testBridgeSTP(const void *opaque)
{
    bool stp = true;
    int delay = -1;

    if (virNetDevBridgeGetSTP(BRIDGE, &stp) < 0 || stp)
        return -1;
    /* The delay first: with STP on the kernel wants at least 2s. */
    if (virNetDevBridgeSetSTPDelay(BRIDGE, 0) < 0 ||
        virNetDevBridgeGetSTPDelay(BRIDGE, &delay) < 0 || delay != 0 ||
        virNetDevBridgeSetSTP(BRIDGE, true) < 0 ||
        virNetDevBridgeGetSTP(BRIDGE, &stp) < 0 || !stp ||
        virNetDevBridgeSetSTPDelay(BRIDGE, 4000) < 0 ||
        virNetDevBridgeGetSTPDelay(BRIDGE, &delay) < 0 || delay != 4000 ||
        virNetDevBridgeSetSTP(BRIDGE, false) < 0 ||
        virNetDevBridgeGetSTP(BRIDGE, &stp) < 0 || stp)
        return -1;
    return 0;
}

/* The broadcast address the kernel holds for addr on ifname, or NULL. */
static char *
testGetBroadcast(const char *ifname, const char *addr)
{
    g_autoptr(virNetlinkHandle) h = virNetlinkHandleNew();
    g_autoptr(virNetlinkCache) cache = NULL;
    struct nl_object *obj;
    int ifindex;

    if (!h || virNetDevGetIndex(ifname, &ifindex) < 0 || rtnl_addr_alloc_cache(h->sk, &cache) < 0)
        return NULL;
    for (obj = nl_cache_get_first(cache); obj; obj = nl_cache_get_next(obj)) {
        struct rtnl_addr *a = (struct rtnl_addr *)obj;
        char local[64];
        char bcast[64];

        if (rtnl_addr_get_ifindex(a) != ifindex || rtnl_addr_get_family(a) != AF_INET ||
            !rtnl_addr_get_broadcast(a))
            continue;
        nl_addr2str(rtnl_addr_get_local(a), local, sizeof(local));
        if (!g_str_has_prefix(local, addr))
            continue;
        return g_strdup(nl_addr2str(rtnl_addr_get_broadcast(a), bcast, sizeof(bcast)));
    }
    return NULL;
}

static int
testAddresses(const void *opaque)
{
    g_autofree char *bcast = NULL;
    g_auto(GStrv) v4 = NULL;

    if (virNetDevAddAddress(BRIDGE, "192.168.150.1", 24) < 0 ||
        virNetDevAddAddress(BRIDGE, "10.11.12.13", 32) < 0 ||
        virNetDevAddAddress(BRIDGE, "2001:db8:ca2:2::1", 64) < 0)
        return -1;
    if (!testHasAddr(BRIDGE, AF_INET, "192.168.150.1/24") ||
        !testHasAddr(BRIDGE, AF_INET, "10.11.12.13/32") ||
        !testHasAddr(BRIDGE, AF_INET6, "2001:db8:ca2:2::1/64") ||
        testHasAddr(BRIDGE, AF_INET6, "192.168.150.1/24") ||
        virNetDevGetAddresses(BRIDGE, AF_INET, &v4) != 2)
        return -1;
    if (!(bcast = testGetBroadcast(BRIDGE, "192.168.150.1")) || strcmp(bcast, "192.168.150.255") != 0) {
        fprintf(stderr, "broadcast: %s\n", bcast ? bcast : "(none)");
        return -1;
    }

    /* Errors: the same address again, a bad address, a missing device. */
    if (virNetDevAddAddress(BRIDGE, "192.168.150.1", 24) == 0 ||
        testErrorContains("Unable to add address 192.168.150.1/24 to interface " BRIDGE, "File exists") < 0 ||
        virNetDevAddAddress(BRIDGE, "192.168.150.300", 24) == 0 ||
        testErrorContains("invalid address 192.168.150.300/24", NULL) < 0 ||
        virNetDevAddAddress(BRIDGE, "192.168.150.3", 33) == 0 ||
        testErrorContains("invalid address", NULL) < 0 ||
        virNetDevAddAddress("nosuchdev", "192.168.150.1", 24) == 0 ||
        testErrorContains("nosuchdev", "No such device") < 0)
        return -1;

    if (virNetDevDelAddress(BRIDGE, "10.11.12.13", 32) < 0 ||
        testHasAddr(BRIDGE, AF_INET, "10.11.12.13/32") ||
        !testHasAddr(BRIDGE, AF_INET, "192.168.150.1/24") ||
        virNetDevDelAddress(BRIDGE, "10.11.12.13", 32) == 0 ||
        testErrorContains("Unable to delete address 10.11.12.13/32 from interface " BRIDGE, NULL) < 0)
        return -1;
    return 0;
}

static int
testTapTemplate(const void *opaque)
{
    g_autofree char *first = g_strdup("vtap%d");
    g_autofree char *second = g_strdup("vtap%d");
    g_autofree char *third = g_strdup("vtap%d");
    int fd1 = -1, fd2 = -1, fd3 = -1;
    int ret = -1;

    if (virNetDevTapCreate(&first, &fd1, 1, VIR_NETDEV_TAP_CREATE_VNET_HDR) < 0 ||
        virNetDevTapCreate(&second, &fd2, 1, VIR_NETDEV_TAP_CREATE_NONE) < 0 ||
        strcmp(first, "vtap0") != 0 || strcmp(second, "vtap1") != 0 ||
        virNetDevExists("vtap0") != 1 || virNetDevExists("vtap1") != 1)
        goto cleanup;
    /* A non-persistent tap goes with its fd; its name is the lowest free. */
    close(fd1);
    fd1 = -1;
    if (virNetDevExists("vtap0") != 0 ||
        virNetDevTapCreate(&third, &fd3, 1, VIR_NETDEV_TAP_CREATE_NONE) < 0 ||
        strcmp(third, "vtap0") != 0)
        goto cleanup;
    ret = 0;
 cleanup:
    if (fd1 >= 0)
        close(fd1);
    if (fd2 >= 0)
        close(fd2);
    if (fd3 >= 0)
        close(fd3);
    return ret;
}

static int
testTapFixed(const void *opaque)
{
    g_autofree char *name = g_strdup("mytap");
    g_autofree char *persist = g_strdup("ptap0");
    g_autofree char *mq = g_strdup("mqtap");
    g_autofree char *bad = g_strdup("averyveryverylongtap%d");
    g_autofree char *notap = g_strdup(BRIDGE);
    int fds[2] = { -1, -1 };
    int fd = -1;
    int ret = -1;

    if (virNetDevTapCreate(&name, &fd, 1, VIR_NETDEV_TAP_CREATE_VNET_HDR) < 0 ||
        strcmp(name, "mytap") != 0 || virNetDevExists("mytap") != 1)
        goto cleanup;
    close(fd);
    fd = -1;

    /* Persistent, with no fd kept: outlives us until deleted. */
    if (virNetDevTapCreate(&persist, NULL, 0, VIR_NETDEV_TAP_CREATE_PERSIST) < 0 ||
        virNetDevExists("ptap0") != 1 ||
        virNetDevTapDelete("ptap0") < 0 || virNetDevExists("ptap0") != 0 ||
        virNetDevTapDelete("ptap0") == 0 ||
        testErrorContains("Unable to delete tap device ptap0: No such device", NULL) < 0)
        goto cleanup;

    /* Two queues. */
    if (virNetDevTapCreate(&mq, fds, 2, VIR_NETDEV_TAP_CREATE_MULTI_QUEUE) < 0 ||
        fds[0] < 0 || fds[1] < 0 || virNetDevExists("mqtap") != 1)
        goto cleanup;

    /* Errors: two fds without multi-queue, a name too long, a non-tap. */
    if (virNetDevTapCreate(&name, fds, 2, VIR_NETDEV_TAP_CREATE_NONE) == 0 ||
        testErrorContains("invalid queue count 2", NULL) < 0 ||
        virNetDevTapCreate(&bad, &fd, 1, VIR_NETDEV_TAP_CREATE_NONE) == 0 ||
        testErrorContains("invalid interface name", NULL) < 0 ||
        virNetDevTapCreate(&notap, &fd, 1, VIR_NETDEV_TAP_CREATE_NONE) == 0 ||
        testErrorContains("Unable to create tap device " BRIDGE, NULL) < 0)
        goto cleanup;
    ret = 0;
 cleanup:
    if (fd >= 0)
        close(fd);
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    return ret;
}

static int
testTapInBridge(const void *opaque)
{
    g_autofree char *name = g_strdup("vnet%d");
    g_autofree char *second = g_strdup("guest1");
    g_autofree char *master = NULL;
    g_autofree char *master2 = NULL;
    g_autofree char *missing = g_strdup("vnet%d");
    unsigned char mac[VIR_MAC_BUFLEN];
    bool online = false;
    int fd = -1;
    int fd2 = -1;
    int mtu = 0;
    int ret = -1;

    if (virNetDevTapCreateInBridgePort(BRIDGE, &name, guestMac, &fd, 1, 0,
                                       VIR_NETDEV_TAP_CREATE_VNET_HDR) < 0 ||
        strcmp(name, "vnet0") != 0)
        goto cleanup;
    /* The host side: 0xFE first, the bridge's MTU, attached, up. */
    if (virNetDevGetMAC(name, mac) < 0 || mac[0] != 0xFE || memcmp(mac + 1, guestMac + 1, 5) != 0 ||
        virNetDevGetMTU(name, &mtu) < 0 || mtu != 1400 ||
        virNetDevGetOnline(name, &online) < 0 || !online ||
        !(master = testSysfsMaster(name)) || strcmp(master, BRIDGE) != 0)
        goto cleanup;
    g_clear_pointer(&master, g_free);
    if (virNetDevBridgeGetMaster(name, &master) < 0 || g_strcmp0(master, BRIDGE) != 0)
        goto cleanup;

    /* A fixed name, persistent, its own MTU. */
    if (virNetDevTapCreateInBridgePort(BRIDGE, &second, guestMac, &fd2, 1, 1300,
                                       VIR_NETDEV_TAP_CREATE_PERSIST) < 0 ||
        virNetDevGetMTU("guest1", &mtu) < 0 || mtu != 1300 ||
        !(master2 = testSysfsMaster("guest1")) || strcmp(master2, BRIDGE) != 0)
        goto cleanup;

    /* Detach: the port has no master any more; twice is an error. */
    if (virNetDevBridgeRemovePort(BRIDGE, "guest1") < 0 ||
        virFileExists("/sys/class/net/guest1/master") ||
        virNetDevBridgeRemovePort(BRIDGE, "guest1") == 0 ||
        testErrorContains("interface guest1 is not a port of bridge " BRIDGE, NULL) < 0 ||
        virNetDevBridgeAddPort(BRIDGE, "guest1") < 0)
        goto cleanup;
    g_clear_pointer(&master2, g_free);
    if (!(master2 = testSysfsMaster("guest1")) || strcmp(master2, BRIDGE) != 0)
        goto cleanup;
    close(fd2);
    fd2 = -1;
    if (virNetDevExists("guest1") != 1 || virNetDevTapDelete("guest1") < 0 ||
        virNetDevExists("guest1") != 0)
        goto cleanup;

    /* A missing bridge: an error, and no tap is left behind. */
    if (virNetDevTapCreateInBridgePort("nosuchbr", &missing, guestMac, &fd2, 1, 0,
                                       VIR_NETDEV_TAP_CREATE_PERSIST) == 0 ||
        testErrorContains("nosuchbr", "No such device") < 0 ||
        virNetDevExists("vnet1") != 0 || virNetDevExists("vnet0") != 1)
        goto cleanup;
    ret = 0;
 cleanup:
    if (fd >= 0)
        close(fd);
    if (fd2 >= 0)
        close(fd2);
    return ret;
}

/* Moves a tap into a child's namespace; the child checks and deletes it. */
static int
testNamespace(const void *opaque)
{
    g_autofree char *name = g_strdup("nstap");
    int ready[2];
    int go[2];
    pid_t child;
    int status;
    char c = 0;

    if (virNetDevTapCreate(&name, NULL, 0, VIR_NETDEV_TAP_CREATE_PERSIST) < 0 ||
        pipe(ready) < 0 || pipe(go) < 0)
        return -1;
    if ((child = fork()) == 0) {
        if (unshare(CLONE_NEWNET) < 0 || write(ready[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
            _exit(2);
        _exit(virNetDevExists("nstap") == 1 && virNetDevDelete("nstap") == 0 ? 0 : 1);
    }
    if (read(ready[0], &c, 1) != 1 || virNetDevSetNamespace("nstap", child) < 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        virNetDevTapDelete("nstap");
        return -1;
    }
    if (write(go[1], "x", 1) != 1 || waitpid(child, &status, 0) < 0 ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    close(ready[0]);
    close(ready[1]);
    close(go[0]);
    close(go[1]);
    return virNetDevExists("nstap") == 0 ? 0 : -1;
}

static int
testErrors(const void *opaque)
{
    bool online;

    if (virNetDevBridgeDelete("nosuchbr") == 0 ||
        testErrorContains("Unable to delete bridge nosuchbr: No such device", NULL) < 0 ||
        virNetDevDelete("nosuchdev") == 0 ||
        testErrorContains("Unable to delete interface nosuchdev: No such device", NULL) < 0 ||
        virNetDevSetOnline("nosuchdev", true) == 0 ||
        testErrorContains("Unable to set interface nosuchdev up: No such device", NULL) < 0 ||
        virNetDevGetOnline("nosuchdev", &online) == 0 ||
        testErrorContains("nosuchdev", "No such device") < 0 ||
        virNetDevExists("name-longer-than-ifnamsiz") != -1 ||
        testErrorContains("invalid interface name 'name-longer-than-ifnamsiz'", NULL) < 0 ||
        virNetDevExists("a/b") != -1 ||
        testErrorContains("invalid interface name", NULL) < 0 ||
        virNetDevBridgeSetSTP("../x", true) == 0 ||
        testErrorContains("invalid interface name", NULL) < 0 ||
        virNetDevBridgeAddPort(BRIDGE, "nosuchdev") == 0 ||
        testErrorContains("nosuchdev", "No such device") < 0)
        return -1;
    /* Not a bridge: BridgeDelete refuses it. */
    if (virNetDevBridgeDelete("lo") == 0 ||
        testErrorContains("interface lo is not a bridge", NULL) < 0)
        return -1;
    return 0;
}

static int
testDeleteAll(const void *opaque)
{
    g_autoptr(GDir) dir = NULL;
    const char *ent;

    /* Non-persistent taps went with their fds; the bridge is ours to remove. */
    if (virNetDevBridgeDelete(BRIDGE) < 0 || virNetDevExists(BRIDGE) != 0)
        return -1;
    /* Only the namespace's loopback is left. */
    if (!(dir = g_dir_open("/sys/class/net", 0, NULL)))
        return -1;
    while ((ent = g_dir_read_name(dir))) {
        if (strcmp(ent, "lo") != 0) {
            fprintf(stderr, "left over: %s\n", ent);
            return -1;
        }
    }
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

    ret |= virTestRun("bridge create, MAC, MTU, up", testBridgeCreate, NULL);
    ret |= virTestRun("bridge STP and forward delay", testBridgeSTP, NULL);
    ret |= virTestRun("IPv4 and IPv6 addresses", testAddresses, NULL);
    ret |= virTestRun("taps from a template", testTapTemplate, NULL);
    ret |= virTestRun("taps with fixed names, persistent, multi-queue", testTapFixed, NULL);
    ret |= virTestRun("taps as bridge ports", testTapInBridge, NULL);
    ret |= virTestRun("move to another namespace", testNamespace, NULL);
    ret |= virTestRun("errors name the device", testErrors, NULL);
    ret |= virTestRun("delete everything", testDeleteAll, NULL);
    return ret;
}

int
main(int argc, char **argv)
{
    if (geteuid() != 0) {
        printf("1..0 # SKIP needs root for a network namespace\n");
        return 77;
    }
    if (testEnterNamespace() < 0)
        return EXIT_FAILURE;
    return virTestMain(argc, argv, mymain);
}
