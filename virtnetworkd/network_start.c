/* An active virtual network on the host: bridge, addresses, forwarding,
 * firewall, dnsmasq. Every step has its undo; networkStart() runs the
 * undo of the steps done so far when one fails. */
#include "network_start.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "network_dnsmasq.h"
#include "vircommand.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virnetdev.h"
#include "virnetdevbridge.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("network.start");

char *
networkDnsmasqPidPath(const networkRuntime *rt, const char *name)
{
    return g_strdup_printf("%s/%s.pid", rt->stateDir, name);
}

char *
networkDnsmasqLeasePath(const networkRuntime *rt, const char *name)
{
    return g_strdup_printf("%s/%s.leases", rt->dnsmasqDir, name);
}

static char *
networkDnsmasqFilePath(const networkRuntime *rt, const char *name, const char *ext)
{
    return g_strdup_printf("%s/%s.%s", rt->dnsmasqDir, name, ext);
}

/* Whether this network has its own bridge with our addresses on it. */
static bool
networkHasBridge(const virNetworkDef *def)
{
    return virNetworkDefForwardIsL3(def->forward.type);
}

/* ---- conflicts --------------------------------------------------------- */

static bool
networkSubnetsOverlap(const virSocketAddr *a, unsigned int pa,
                      const virSocketAddr *b, unsigned int pb)
{
    unsigned int p = MIN(pa, pb);

    /* Two subnets overlap when one contains the other's network address
     * at the shorter prefix. */
    return virSocketAddrInSubnet(a, b, p) || virSocketAddrInSubnet(b, a, p);
}

/* IPv4 routes of this host (of our namespace): /proc/net/route has
 * "Iface Destination Gateway Flags RefCnt Use Metric Mask ..." in hex. */
static int
networkCheckRoutes(const virNetworkDef *def, const virNetworkIPDef *ip, int prefix)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents("/proc/net/route", &text, NULL, NULL))
        return 0;   /* no IPv4 routing table: nothing to clash with */
    lines = g_strsplit(text, "\n", -1);
    for (i = 1; lines[i]; i++) {
        char iface[64];
        unsigned int dest, gw, flags, refcnt, use, metric, mask;
        virSocketAddr net = { 0 };
        struct in_addr in;
        char buf[INET_ADDRSTRLEN];
        int rprefix;

        if (sscanf(lines[i], "%63s %x %x %x %u %u %u %x", iface, &dest, &gw, &flags,
                   &refcnt, &use, &metric, &mask) != 8)
            continue;
        /* Default routes and host routes say nothing about a subnet. */
        if (mask == 0 || (def->bridge && strcmp(iface, def->bridge) == 0))
            continue;
        in.s_addr = dest;
        inet_ntop(AF_INET, &in, buf, sizeof(buf));
        if (virSocketAddrParse(&net, buf, AF_INET) < 0) {
            virErrorReset();
            continue;
        }
        rprefix = __builtin_popcount(mask);
        if (networkSubnetsOverlap(&ip->address, prefix, &net, rprefix)) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           "Network is already in use by interface %s", iface);
            return -1;
        }
    }
    return 0;
}

int
networkCheckConflicts(const virNetworkDef *def, virNetworkDef *const *others, size_t nothers)
{
    size_t i;
    size_t j;
    size_t k;

    if (!networkHasBridge(def))
        return 0;
    for (i = 0; i < nothers; i++) {
        const virNetworkDef *o = others[i];

        if (strcmp(o->name, def->name) == 0)
            continue;
        if (def->bridge && o->bridge && strcmp(def->bridge, o->bridge) == 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "bridge name '%s' already in use.",
                           def->bridge);
            return -1;
        }
        for (j = 0; j < def->nips; j++) {
            int pa = virNetworkIPDefPrefix(&def->ips[j]);

            for (k = 0; k < o->nips; k++) {
                int pb = virNetworkIPDefPrefix(&o->ips[k]);

                if (pa < 0 || pb < 0 ||
                    def->ips[j].address.family !=
                    o->ips[k].address.family)
                    continue;
                if (networkSubnetsOverlap(&def->ips[j].address, pa, &o->ips[k].address, pb)) {
                    virReportError(VIR_ERR_INTERNAL_ERROR,
                                   "Network is already in use by interface %s",
                                   o->bridge ? o->bridge : o->name);
                    return -1;
                }
            }
        }
    }
    if (def->bridge && virNetDevExists(def->bridge) == 1) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "bridge name '%s' already in use.",
                       def->bridge);
        return -1;
    }
    for (j = 0; j < def->nips; j++) {
        int prefix = virNetworkIPDefPrefix(&def->ips[j]);

        if (prefix >= 0 && def->ips[j].address.family == AF_INET &&
            networkCheckRoutes(def, &def->ips[j], prefix) < 0)
            return -1;
    }
    return 0;
}

/* ---- firewall ---------------------------------------------------------- */

typedef struct {
    networkFirewallDef fw;
    networkFirewallSubnet *subnets;
    char *natStart;
    char *natEnd;
} networkFirewallInput;

static void
networkFirewallInputClear(networkFirewallInput *in)
{
    size_t i;

    for (i = 0; i < in->fw.nsubnets; i++)
        g_free(in->subnets[i].address);
    g_free(in->subnets);
    g_free(in->natStart);
    g_free(in->natEnd);
}

static void
networkFirewallInputFill(networkFirewallInput *in, const virNetworkDef *def)
{
    size_t i;

    memset(in, 0, sizeof(*in));
    in->fw.name = def->name;
    in->fw.bridge = def->bridge;
    switch (def->forward.type) {
    case VIR_NETWORK_FORWARD_NAT:
        in->fw.mode = NETWORK_FIREWALL_MODE_NAT;
        break;
    case VIR_NETWORK_FORWARD_ROUTE:
        in->fw.mode = NETWORK_FIREWALL_MODE_ROUTE;
        break;
    case VIR_NETWORK_FORWARD_OPEN:
        in->fw.mode = NETWORK_FIREWALL_MODE_OPEN;
        break;
    default:
        in->fw.mode = NETWORK_FIREWALL_MODE_ISOLATED;
        break;
    }
    in->fw.forwardDev = virNetworkDefForwardIf(def, 0);
    in->subnets = g_new0(networkFirewallSubnet, MAX(def->nips, 1));
    for (i = 0; i < def->nips; i++) {
        const virNetworkIPDef *ip = &def->ips[i];
        int prefix = virNetworkIPDefPrefix(ip);

        if (prefix < 0)
            continue;
        in->subnets[in->fw.nsubnets].family = ip->address.family;
        in->subnets[in->fw.nsubnets].address = virSocketAddrFormat(&ip->address);
        in->subnets[in->fw.nsubnets].prefix = prefix;
        in->subnets[in->fw.nsubnets].dhcp = ip->nranges > 0 || ip->nhosts > 0;
        in->fw.nsubnets++;
    }
    in->fw.subnets = in->subnets;
    in->fw.natPortStart = def->forward.portStart;
    in->fw.natPortEnd = def->forward.portEnd;
    if (VIR_SOCKET_ADDR_VALID(&def->forward.addrStart)) {
        in->natStart = virSocketAddrFormat(&def->forward.addrStart);
        if (VIR_SOCKET_ADDR_VALID(&def->forward.addrEnd))
            in->natEnd = virSocketAddrFormat(&def->forward.addrEnd);
    }
    in->fw.natAddrStart = in->natStart;
    in->fw.natAddrEnd = in->natEnd;
    in->fw.dns = def->dns.enable != VIR_TRISTATE_BOOL_NO;
}

static int
networkFirewallApply(const networkRuntime *rt, const virNetworkDef *def, bool add)
{
    networkFirewallInput in;
    int ret;

    networkFirewallInputFill(&in, def);
    ret = add ? networkFirewallAdd(rt->firewall, &in.fw)
              : networkFirewallRemove(rt->firewall, &in.fw);
    networkFirewallInputClear(&in);
    return ret;
}

static int
networkFirewallPresent(const networkRuntime *rt, const virNetworkDef *def)
{
    networkFirewallInput in;
    int ret;

    networkFirewallInputFill(&in, def);
    ret = networkFirewallExists(rt->firewall, &in.fw);
    networkFirewallInputClear(&in);
    return ret;
}

/* ---- forwarding ---------------------------------------------------------- */

/* /proc/sys files are written in place (no temporary and rename). */
static int
networkWriteSysctl(const char *path)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);

    if (fd < 0 || write(fd, "1\n", 2) != 2) {
        virReportSystemError(errno, "cannot enable %s", path);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

/* Routed and NATed networks need the kernel to forward (per namespace). */
static int
networkEnableForwarding(const virNetworkDef *def)
{
    bool v4 = false;
    bool v6 = false;
    size_t i;

    if (def->forward.type != VIR_NETWORK_FORWARD_NAT &&
        def->forward.type != VIR_NETWORK_FORWARD_ROUTE &&
        def->forward.type != VIR_NETWORK_FORWARD_OPEN)
        return 0;
    for (i = 0; i < def->nips; i++) {
        if (def->ips[i].address.family == AF_INET6)
            v6 = true;
        else
            v4 = true;
    }
    if (v4 && networkWriteSysctl("/proc/sys/net/ipv4/ip_forward") < 0)
        return -1;
    if (v6 && networkWriteSysctl("/proc/sys/net/ipv6/conf/all/forwarding") < 0)
        return -1;
    return 0;
}

/* ---- the bridge ----------------------------------------------------------- */

static int
networkBridgeUp(const virNetworkDef *def)
{
    size_t i;

    if (virNetDevBridgeCreate(def->bridge, def->macSpecified ? def->mac : NULL) < 0)
        return -1;
    /* The delay first: with STP on, the kernel refuses short delays. */
    if (virNetDevBridgeSetSTPDelay(def->bridge, def->delay * 1000) < 0 ||
        virNetDevBridgeSetSTP(def->bridge, def->stp != VIR_TRISTATE_SWITCH_OFF) < 0 ||
        (def->mtu && virNetDevSetMTU(def->bridge, def->mtu) < 0))
        return -1;
    for (i = 0; i < def->nips; i++) {
        g_autofree char *addr = virSocketAddrFormat(&def->ips[i].address);
        int prefix = virNetworkIPDefPrefix(&def->ips[i]);

        if (prefix < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "bridge '%s' has an invalid prefix",
                           def->bridge);
            return -1;
        }
        if (virNetDevAddAddress(def->bridge, addr, prefix) < 0)
            return -1;
    }
    return virNetDevSetOnline(def->bridge, true);
}

/* ---- dnsmasq -------------------------------------------------------------- */

/* The pid of this network's dnsmasq if it runs, else 0. */
static pid_t
networkDnsmasqRunning(const networkRuntime *rt, const virNetworkDef *def)
{
    g_autofree char *pidfile = networkDnsmasqPidPath(rt, def->name);
    g_autofree char *cmdline = NULL;
    g_autofree char *procpath = NULL;
    g_autofree char *conf = networkDnsmasqFilePath(rt, def->name, "conf");
    gsize len = 0;
    pid_t pid = 0;
    gsize i;

    if (virPidFileRead(pidfile, &pid) < 0 || pid <= 0) {
        virErrorReset();
        return 0;
    }
    /* A recycled pid is not our dnsmasq: its command line names our conf. */
    procpath = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    if (!g_file_get_contents(procpath, &cmdline, &len, NULL))
        return 0;
    for (i = 0; i < len; i++) {
        if (cmdline[i] == '\0')
            cmdline[i] = ' ';
    }
    return strstr(cmdline, "dnsmasq") && strstr(cmdline, conf) ? pid : 0;
}

static int
networkDnsmasqWriteFiles(const networkRuntime *rt, const virNetworkDef *def)
{
    g_autofree char *conf = networkDnsmasqFilePath(rt, def->name, "conf");
    g_autofree char *hosts = networkDnsmasqFilePath(rt, def->name, "hostsfile");
    g_autofree char *addn = networkDnsmasqFilePath(rt, def->name, "addnhosts");
    g_autofree char *pidfile = networkDnsmasqPidPath(rt, def->name);
    g_autofree char *leases = networkDnsmasqLeasePath(rt, def->name);
    networkDnsmasqPaths paths = {
        .pidfile = pidfile, .leasefile = leases, .hostsfile = hosts, .addnhostsfile = addn,
    };
    networkDnsmasqConfig cfg = { 0 };
    int ret = -1;

    if (virFileMakePath(rt->dnsmasqDir, 0755) < 0 || virFileMakePath(rt->stateDir, 0755) < 0 ||
        networkDnsmasqBuildConfig(def, &paths, &cfg) < 0)
        goto cleanup;
    if (virFileWriteStrAtomic(hosts, cfg.hosts, 0644) < 0 ||
        virFileWriteStrAtomic(addn, cfg.addnhosts, 0644) < 0 ||
        virFileWriteStrAtomic(conf, cfg.conf, 0600) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    networkDnsmasqConfigClear(&cfg);
    return ret;
}

static int
networkDnsmasqSpawn(const networkRuntime *rt, const virNetworkDef *def)
{
    g_autofree char *conf = networkDnsmasqFilePath(rt, def->name, "conf");
    g_autofree char *pidfile = networkDnsmasqPidPath(rt, def->name);
    g_autofree char *dnsmasq = g_find_program_in_path("dnsmasq");
    g_autofree char *errbuf = NULL;
    g_autoptr(virCommand) cmd = NULL;
    int status = 0;

    if (!dnsmasq && g_file_test("/usr/sbin/dnsmasq", G_FILE_TEST_IS_EXECUTABLE))
        dnsmasq = g_strdup("/usr/sbin/dnsmasq");
    if (!dnsmasq) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "cannot start network: dnsmasq is not installed (Debian: dnsmasq-base)");
        return -1;
    }
    if (networkDnsmasqWriteFiles(rt, def) < 0)
        return -1;
    unlink(pidfile);
    /* dnsmasq forks into the background once its sockets are bound and
     * writes its pid file; its exit status says whether that worked. */
    cmd = virCommandNewArgList(dnsmasq, NULL);
    virCommandAddArgFormat(cmd, "--conf-file=%s", conf);
    virCommandSetErrorBuffer(cmd, &errbuf);
    if (virCommandRun(cmd, &status) < 0)
        return -1;
    if (status != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "dnsmasq for network '%s' failed: %s",
                       def->name, errbuf ? g_strstrip(errbuf) : "");
        return -1;
    }
    if (!virFileExists(pidfile)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "dnsmasq for network '%s' wrote no pid file",
                       def->name);
        return -1;
    }
    return 0;
}

static void
networkDnsmasqKill(const networkRuntime *rt, const virNetworkDef *def)
{
    g_autofree char *pidfile = networkDnsmasqPidPath(rt, def->name);
    pid_t pid = networkDnsmasqRunning(rt, def);
    int i;

    if (pid > 0) {
        kill(pid, SIGTERM);
        for (i = 0; i < 50 && virProcessIsAlive(pid); i++)
            g_usleep(20 * 1000);
        if (virProcessIsAlive(pid))
            kill(pid, SIGKILL);
    }
    unlink(pidfile);
}

int
networkRefreshDnsmasq(const networkRuntime *rt, const virNetworkDef *def, bool restart)
{
    pid_t pid;

    if (!networkDnsmasqNeeded(def))
        return 0;
    pid = networkDnsmasqRunning(rt, def);
    if (restart || pid == 0) {
        networkDnsmasqKill(rt, def);
        return networkDnsmasqSpawn(rt, def);
    }
    /* SIGHUP makes dnsmasq read its hosts files again. */
    if (networkDnsmasqWriteFiles(rt, def) < 0)
        return -1;
    kill(pid, SIGHUP);
    return 0;
}

/* ---- the whole ------------------------------------------------------------ */

int
networkStart(const networkRuntime *rt, const virNetworkDef *def)
{
    if (!networkHasBridge(def))
        return 0;   /* a host bridge or device someone else manages */
    VIR_INFO("starting network %s on bridge %s", def->name, def->bridge);
    if (networkBridgeUp(def) < 0 || networkEnableForwarding(def) < 0)
        goto error;
    if (def->forward.type != VIR_NETWORK_FORWARD_OPEN && networkFirewallApply(rt, def, true) < 0)
        goto error;
    /* With firewalld running, its own rules would block the guests
     * unless the bridge is in a zone that lets them through. */
    if (networkFirewalldAddInterface(def->bridge) < 0)
        goto error;
    if (networkDnsmasqNeeded(def) && networkDnsmasqSpawn(rt, def) < 0)
        goto error;
    return 0;

 error:
    {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        networkStop(rt, def);
        virErrorRestore(&saved);
    }
    return -1;
}

void
networkStop(const networkRuntime *rt, const virNetworkDef *def)
{
    if (!networkHasBridge(def))
        return;
    networkDnsmasqKill(rt, def);
    if (networkFirewalldRemoveInterface(def->bridge) < 0) {
        VIR_WARN("cannot take bridge %s out of its firewalld zone", def->bridge);
        virErrorReset();
    }
    if (def->forward.type != VIR_NETWORK_FORWARD_OPEN &&
        networkFirewallApply(rt, def, false) < 0) {
        VIR_WARN("cannot remove the firewall rules of network %s", def->name);
        virErrorReset();
    }
    if (virNetDevExists(def->bridge) == 1 && virNetDevBridgeDelete(def->bridge) < 0) {
        VIR_WARN("cannot delete bridge %s of network %s", def->bridge, def->name);
        virErrorReset();
    }
    virErrorReset();
}

int
networkReconnect(const networkRuntime *rt, const virNetworkDef *def)
{
    if (!networkHasBridge(def))
        return 0;
    if (virNetDevExists(def->bridge) != 1) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "bridge %s of network %s is gone",
                       def->bridge, def->name);
        return -1;
    }
    if (def->forward.type != VIR_NETWORK_FORWARD_OPEN && networkFirewallPresent(rt, def) != 1 &&
        networkFirewallApply(rt, def, true) < 0)
        return -1;
    if (networkDnsmasqNeeded(def) && networkDnsmasqRunning(rt, def) == 0) {
        VIR_INFO("dnsmasq of network %s is not running, starting it again", def->name);
        if (networkDnsmasqSpawn(rt, def) < 0)
            return -1;
    }
    return 0;
}
