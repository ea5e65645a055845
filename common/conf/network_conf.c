/* libvirt's <network> XML: parse, validate, format and copy (the model is
 * described in network_conf.h; net-update is in network_conf_update.c). */
#include "network_conf_priv.h"

#include <string.h>

#include <libxml/tree.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("conf.network_conf");

VIR_ENUM_IMPL(virNetworkForward, VIR_NETWORK_FORWARD_LAST,
              "none", "nat", "route", "open", "bridge", "private", "vepa",
              "passthrough", "hostdev");

VIR_ENUM_IMPL(virNetworkBridgeMACTableManager, VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LAST,
              "default", "kernel", "libvirt");

VIR_ENUM_IMPL(virNetworkForwardDriverName, VIR_NETWORK_FORWARD_DRIVER_NAME_LAST,
              "default", "kvm", "vfio");

VIR_ENUM_IMPL(virNetworkDHCPLeaseTimeUnit, VIR_NETWORK_DHCP_LEASETIME_UNIT_LAST,
              "seconds", "minutes", "hours");

VIR_ENUM_IMPL(virNetworkVlanNativeMode, VIR_NETWORK_VLAN_NATIVE_MODE_LAST,
              "default", "tagged", "untagged");

/* dnsmasq refuses shorter leases. */
#define VIR_NETWORK_MIN_LEASE_SECONDS 120
#define VIR_NETWORK_MAX_VLAN_TAG 4095


/* ---- freeing and copying ---- */

void
virNetworkBandwidthFree(virNetworkBandwidth *bw)
{
    if (!bw)
        return;
    g_free(bw->in);
    g_free(bw->out);
    g_free(bw);
}

virNetworkBandwidth *
virNetworkBandwidthCopy(const virNetworkBandwidth *bw)
{
    virNetworkBandwidth *copy;

    if (!bw)
        return NULL;
    copy = g_new0(virNetworkBandwidth, 1);
    if (bw->in)
        copy->in = g_memdup2(bw->in, sizeof(*bw->in));
    if (bw->out)
        copy->out = g_memdup2(bw->out, sizeof(*bw->out));
    return copy;
}

void
virNetworkVlanClear(virNetworkVlan *vlan)
{
    g_clear_pointer(&vlan->tags, g_free);
    memset(vlan, 0, sizeof(*vlan));
}

void
virNetworkVlanCopy(virNetworkVlan *dst, const virNetworkVlan *src)
{
    *dst = *src;
    dst->tags = src->ntags ? g_memdup2(src->tags, src->ntags * sizeof(*src->tags)) : NULL;
}

void
virNetworkDHCPHostClear(virNetworkDHCPHost *host)
{
    g_free(host->mac);
    g_free(host->id);
    g_free(host->name);
    g_free(host->lease);
    memset(host, 0, sizeof(*host));
}

static void
virNetworkIPDefClear(virNetworkIPDef *ip)
{
    size_t i;

    g_free(ip->family);
    for (i = 0; i < ip->nranges; i++)
        g_free(ip->ranges[i].lease);
    g_free(ip->ranges);
    for (i = 0; i < ip->nhosts; i++)
        virNetworkDHCPHostClear(&ip->hosts[i]);
    g_free(ip->hosts);
    g_free(ip->tftproot);
    g_free(ip->bootfile);
    memset(ip, 0, sizeof(*ip));
}

void
virNetworkDNSHostClear(virNetworkDNSHost *host)
{
    size_t i;

    for (i = 0; i < host->nhostnames; i++)
        g_free(host->hostnames[i]);
    g_free(host->hostnames);
    memset(host, 0, sizeof(*host));
}

void
virNetworkDNSSrvClear(virNetworkDNSSrv *srv)
{
    g_free(srv->domain);
    g_free(srv->service);
    g_free(srv->protocol);
    g_free(srv->target);
    memset(srv, 0, sizeof(*srv));
}

void
virNetworkDNSTxtClear(virNetworkDNSTxt *txt)
{
    g_free(txt->name);
    g_free(txt->value);
    memset(txt, 0, sizeof(*txt));
}

static void
virNetworkDNSDefClear(virNetworkDNSDef *dns)
{
    size_t i;

    for (i = 0; i < dns->nfwds; i++)
        g_free(dns->forwarders[i].domain);
    g_free(dns->forwarders);
    for (i = 0; i < dns->ntxts; i++)
        virNetworkDNSTxtClear(&dns->txts[i]);
    g_free(dns->txts);
    for (i = 0; i < dns->nsrvs; i++)
        virNetworkDNSSrvClear(&dns->srvs[i]);
    g_free(dns->srvs);
    for (i = 0; i < dns->nhosts; i++)
        virNetworkDNSHostClear(&dns->hosts[i]);
    g_free(dns->hosts);
    memset(dns, 0, sizeof(*dns));
}

void
virNetworkForwardIfClear(virNetworkForwardIf *fif)
{
    g_free(fif->dev);
    memset(fif, 0, sizeof(*fif));
}

void
virNetworkPortGroupDefClear(virNetworkPortGroupDef *pg)
{
    g_free(pg->name);
    virNetworkVlanClear(&pg->vlan);
    virNetworkBandwidthFree(pg->bandwidth);
    memset(pg, 0, sizeof(*pg));
}

static void
virNetworkForwardDefClear(virNetworkForwardDef *fwd)
{
    size_t i;

    for (i = 0; i < fwd->npfs; i++)
        g_free(fwd->pfs[i]);
    g_free(fwd->pfs);
    for (i = 0; i < fwd->nifs; i++)
        virNetworkForwardIfClear(&fwd->ifs[i]);
    g_free(fwd->ifs);
    memset(fwd, 0, sizeof(*fwd));
}

/* Releases everything def owns, leaving it zeroed. */
void
virNetworkDefClear(virNetworkDef *def)
{
    size_t i;

    g_free(def->name);
    g_free(def->bridge);
    g_free(def->domain);
    virNetworkForwardDefClear(&def->forward);
    for (i = 0; i < def->nips; i++)
        virNetworkIPDefClear(&def->ips[i]);
    g_free(def->ips);
    virNetworkDNSDefClear(&def->dns);
    virNetworkVlanClear(&def->vlan);
    virNetworkBandwidthFree(def->bandwidth);
    for (i = 0; i < def->nportgroups; i++)
        virNetworkPortGroupDefClear(&def->portgroups[i]);
    g_free(def->portgroups);
    memset(def, 0, sizeof(*def));
}

void
virNetworkDefFree(virNetworkDef *def)
{
    if (!def)
        return;
    virNetworkDefClear(def);
    g_free(def);
}

static virNetworkDHCPLeaseTime *
virNetworkLeaseCopy(const virNetworkDHCPLeaseTime *lease)
{
    return lease ? g_memdup2(lease, sizeof(*lease)) : NULL;
}

static void
virNetworkDHCPHostCopy(virNetworkDHCPHost *dst, const virNetworkDHCPHost *src)
{
    *dst = *src;
    dst->mac = g_strdup(src->mac);
    dst->id = g_strdup(src->id);
    dst->name = g_strdup(src->name);
    dst->lease = virNetworkLeaseCopy(src->lease);
}

static void
virNetworkIPDefCopy(virNetworkIPDef *dst, const virNetworkIPDef *src)
{
    size_t i;

    *dst = *src;
    dst->family = g_strdup(src->family);
    dst->tftproot = g_strdup(src->tftproot);
    dst->bootfile = g_strdup(src->bootfile);
    dst->ranges = g_new0(virNetworkDHCPRange, src->nranges + 1);
    for (i = 0; i < src->nranges; i++) {
        dst->ranges[i] = src->ranges[i];
        dst->ranges[i].lease = virNetworkLeaseCopy(src->ranges[i].lease);
    }
    dst->hosts = g_new0(virNetworkDHCPHost, src->nhosts + 1);
    for (i = 0; i < src->nhosts; i++)
        virNetworkDHCPHostCopy(&dst->hosts[i], &src->hosts[i]);
}

static void
virNetworkDNSHostCopy(virNetworkDNSHost *dst, const virNetworkDNSHost *src)
{
    size_t i;

    *dst = *src;
    dst->hostnames = g_new0(char *, src->nhostnames + 1);
    for (i = 0; i < src->nhostnames; i++)
        dst->hostnames[i] = g_strdup(src->hostnames[i]);
}

static void
virNetworkDNSSrvCopy(virNetworkDNSSrv *dst, const virNetworkDNSSrv *src)
{
    *dst = *src;
    dst->domain = g_strdup(src->domain);
    dst->service = g_strdup(src->service);
    dst->protocol = g_strdup(src->protocol);
    dst->target = g_strdup(src->target);
}

static void
virNetworkDNSTxtCopy(virNetworkDNSTxt *dst, const virNetworkDNSTxt *src)
{
    dst->name = g_strdup(src->name);
    dst->value = g_strdup(src->value);
}

static void
virNetworkDNSDefCopy(virNetworkDNSDef *dst, const virNetworkDNSDef *src)
{
    size_t i;

    *dst = *src;
    dst->forwarders = g_new0(virNetworkDNSForwarder, src->nfwds + 1);
    for (i = 0; i < src->nfwds; i++) {
        dst->forwarders[i].addr = src->forwarders[i].addr;
        dst->forwarders[i].domain = g_strdup(src->forwarders[i].domain);
    }
    dst->txts = g_new0(virNetworkDNSTxt, src->ntxts + 1);
    for (i = 0; i < src->ntxts; i++)
        virNetworkDNSTxtCopy(&dst->txts[i], &src->txts[i]);
    dst->srvs = g_new0(virNetworkDNSSrv, src->nsrvs + 1);
    for (i = 0; i < src->nsrvs; i++)
        virNetworkDNSSrvCopy(&dst->srvs[i], &src->srvs[i]);
    dst->hosts = g_new0(virNetworkDNSHost, src->nhosts + 1);
    for (i = 0; i < src->nhosts; i++)
        virNetworkDNSHostCopy(&dst->hosts[i], &src->hosts[i]);
}

static void
virNetworkPortGroupDefCopy(virNetworkPortGroupDef *dst, const virNetworkPortGroupDef *src)
{
    *dst = *src;
    dst->name = g_strdup(src->name);
    virNetworkVlanCopy(&dst->vlan, &src->vlan);
    dst->bandwidth = virNetworkBandwidthCopy(src->bandwidth);
}

virNetworkDef *
virNetworkDefCopy(const virNetworkDef *def)
{
    virNetworkDef *copy = g_new0(virNetworkDef, 1);
    size_t i;

    *copy = *def;
    copy->name = g_strdup(def->name);
    copy->bridge = g_strdup(def->bridge);
    copy->domain = g_strdup(def->domain);

    copy->forward.pfs = g_new0(char *, def->forward.npfs + 1);
    for (i = 0; i < def->forward.npfs; i++)
        copy->forward.pfs[i] = g_strdup(def->forward.pfs[i]);
    copy->forward.ifs = g_new0(virNetworkForwardIf, def->forward.nifs + 1);
    for (i = 0; i < def->forward.nifs; i++) {
        copy->forward.ifs[i] = def->forward.ifs[i];
        copy->forward.ifs[i].dev = g_strdup(def->forward.ifs[i].dev);
    }

    copy->ips = g_new0(virNetworkIPDef, def->nips + 1);
    for (i = 0; i < def->nips; i++)
        virNetworkIPDefCopy(&copy->ips[i], &def->ips[i]);

    virNetworkDNSDefCopy(&copy->dns, &def->dns);
    virNetworkVlanCopy(&copy->vlan, &def->vlan);
    copy->bandwidth = virNetworkBandwidthCopy(def->bandwidth);

    copy->portgroups = g_new0(virNetworkPortGroupDef, def->nportgroups + 1);
    for (i = 0; i < def->nportgroups; i++)
        virNetworkPortGroupDefCopy(&copy->portgroups[i], &def->portgroups[i]);
    return copy;
}


/* ---- queries ---- */

virNetworkIPDef *
virNetworkDefGetIPByIndex(const virNetworkDef *def, int family, size_t n)
{
    size_t i;

    for (i = 0; i < def->nips; i++) {
        if (family != AF_UNSPEC && !VIR_SOCKET_ADDR_IS_FAMILY(&def->ips[i].address, family))
            continue;
        if (n-- == 0)
            return &def->ips[i];
    }
    return NULL;
}

int
virNetworkIPDefPrefix(const virNetworkIPDef *def)
{
    if (def->prefix > 0)
        return def->prefix;
    if (VIR_SOCKET_ADDR_VALID(&def->netmask))
        return virSocketAddrGetNumNetmaskBits(&def->netmask);
    return virSocketAddrDefaultPrefix(&def->address);
}

const virNetworkIPDef *
virNetworkDefFindIPForAddr(const virNetworkDef *def, const virSocketAddr *addr)
{
    size_t i;

    for (i = 0; i < def->nips; i++) {
        int prefix = virNetworkIPDefPrefix(&def->ips[i]);

        if (prefix >= 0 && virSocketAddrInSubnet(addr, &def->ips[i].address, prefix))
            return &def->ips[i];
    }
    return NULL;
}

bool
virNetworkDefForwardIsL3(int forwardType)
{
    return forwardType == VIR_NETWORK_FORWARD_NONE ||
           forwardType == VIR_NETWORK_FORWARD_NAT ||
           forwardType == VIR_NETWORK_FORWARD_ROUTE ||
           forwardType == VIR_NETWORK_FORWARD_OPEN;
}

const char *
virNetworkDefForwardIf(const virNetworkDef *def, size_t n)
{
    if (n < def->forward.nifs && def->forward.ifs[n].type == VIR_NETWORK_FORWARD_IF_NETDEV)
        return def->forward.ifs[n].dev;
    return NULL;
}


/* ---- parsing helpers: every error in VIR_FROM_NETWORK ---- */

static void
virNetworkReportBadProp(xmlNodePtr node, const char *name, const char *value)
{
    virReportError(VIR_ERR_XML_ERROR,
                   "invalid value for attribute '%s' in element '%s': '%s'",
                   name, (const char *)node->name, value);
}

/* 1 set, 0 absent, -1 reported. base 0 also takes "0x1f". */
static int
virNetworkPropULLBase(xmlNodePtr node, const char *name, int base,
                      unsigned long long max, unsigned long long *result)
{
    g_autofree char *val = virXMLPropString(node, name);
    unsigned long long v;

    if (!val)
        return 0;
    if (virXMLStrToULL(val, base, &v) < 0 || v > max) {
        virNetworkReportBadProp(node, name, val);
        return -1;
    }
    *result = v;
    return 1;
}

static int
virNetworkPropULL(xmlNodePtr node, const char *name, unsigned long long max,
                  unsigned long long *result)
{
    return virNetworkPropULLBase(node, name, 10, max, result);
}

static int
virNetworkPropUIntBase(xmlNodePtr node, const char *name, int base, unsigned int max,
                       unsigned int *result)
{
    unsigned long long v;
    int rc = virNetworkPropULLBase(node, name, base, max, &v);

    if (rc == 1)
        *result = v;
    return rc;
}

static int
virNetworkPropUInt(xmlNodePtr node, const char *name, unsigned int max,
                   unsigned int *result)
{
    unsigned long long v;
    int rc = virNetworkPropULL(node, name, max, &v);

    if (rc == 1)
        *result = v;
    return rc;
}

static int
virNetworkPropTristateBool(xmlNodePtr node, const char *name, virTristateBool *result)
{
    g_autofree char *val = virXMLPropString(node, name);
    int v;

    if (!val)
        return 0;
    if ((v = virTristateBoolTypeFromString(val)) <= 0) {
        virNetworkReportBadProp(node, name, val);
        return -1;
    }
    *result = v;
    return 1;
}

/* An attribute naming an address; an empty one counts as absent. */
static int
virNetworkPropAddr(xmlNodePtr node, const char *name, int family,
                   virSocketAddr *addr, char **text)
{
    g_autofree char *val = virXMLPropString(node, name);

    if (!val || !*val)
        return 0;
    if (virSocketAddrParse(addr, val, family) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "invalid address '%s' in attribute '%s' of element '%s'",
                       val, name, (const char *)node->name);
        return -1;
    }
    if (text)
        *text = g_steal_pointer(&val);
    return 1;
}

static bool
virNetworkNodeIs(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, BAD_CAST name);
}

static size_t
virNetworkCountChildren(xmlNodePtr node, const char *name)
{
    xmlNodePtr cur;
    size_t n = 0;

    for (cur = node ? node->children : NULL; cur; cur = cur->next) {
        if (virNetworkNodeIs(cur, name))
            n++;
    }
    return n;
}

#define VIR_NETWORK_APPEND(array, count, type) \
    ((array) = g_renew(type, (array), (count) + 2), \
     memset(&(array)[(count)], 0, 2 * sizeof(type)), \
     &(array)[(count)++])

static char *
virNetworkMacFormat(const unsigned char *mac)
{
    char buf[VIR_MAC_STRING_BUFLEN];

    return g_strdup(virMacAddrFormat(mac, buf));
}


/* ---- <bandwidth> and <vlan> ---- */

static int
virNetworkBandwidthRateParse(xmlNodePtr node, bool allowFloor,
                             virNetworkBandwidthRate **rate)
{
    g_autofree virNetworkBandwidthRate *r = g_new0(virNetworkBandwidthRate, 1);
    int hasAverage, hasFloor;

    if ((hasAverage = virNetworkPropULL(node, "average", G_MAXULONG, &r->average)) < 0 ||
        virNetworkPropULL(node, "peak", G_MAXULONG, &r->peak) < 0 ||
        virNetworkPropULL(node, "burst", G_MAXULONG, &r->burst) < 0 ||
        (hasFloor = virNetworkPropULL(node, "floor", G_MAXULONG, &r->floor)) < 0)
        return -1;

    if (hasFloor && !allowFloor) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "floor attribute isn't supported for this config");
        return -1;
    }
    if (hasFloor && !xmlStrEqual(node->name, BAD_CAST "inbound")) {
        virReportError(VIR_ERR_XML_DETAIL, "%s",
                       "floor attribute is supported only for inbound bandwidth");
        return -1;
    }
    if (!hasAverage && !hasFloor) {
        virReportError(VIR_ERR_XML_DETAIL, "%s",
                       "Missing mandatory average or floor attributes");
        return -1;
    }
    if ((r->peak || r->burst) && !hasAverage) {
        virReportError(VIR_ERR_XML_DETAIL, "%s",
                       "'peak' and 'burst' require 'average' attribute");
        return -1;
    }
    *rate = g_steal_pointer(&r);
    return 0;
}

int
virNetworkBandwidthParse(xmlNodePtr node, bool allowFloor,
                         virNetworkBandwidth **bw, unsigned int *classID)
{
    virNetworkBandwidth *result;
    xmlNodePtr in, out;

    *bw = NULL;
    if (!node)
        return 0;

    if (virNetworkCountChildren(node, "inbound") > 1) {
        virReportError(VIR_ERR_XML_DETAIL, "%s",
                       "Only one child <inbound> element allowed");
        return -1;
    }
    if (virNetworkCountChildren(node, "outbound") > 1) {
        virReportError(VIR_ERR_XML_DETAIL, "%s",
                       "Only one child <outbound> element allowed");
        return -1;
    }
    if (classID) {
        *classID = 0;
        if (virNetworkPropUInt(node, "classID", G_MAXUINT, classID) < 0)
            return -1;
    }

    result = g_new0(virNetworkBandwidth, 1);
    in = virXMLChild(node, "inbound");
    out = virXMLChild(node, "outbound");
    if ((in && virNetworkBandwidthRateParse(in, allowFloor, &result->in) < 0) ||
        (out && virNetworkBandwidthRateParse(out, allowFloor, &result->out) < 0)) {
        virNetworkBandwidthFree(result);
        return -1;
    }
    *bw = result;
    return 1;
}

static void
virNetworkBandwidthRateFormat(GString *buf, int indent, const char *name,
                              const virNetworkBandwidthRate *rate)
{
    if (!rate)
        return;
    g_string_append_printf(buf, "%*s<%s", indent, "", name);
    /* libvirt's fixed attribute order. */
    if (rate->average)
        g_string_append_printf(buf, " average='%llu'", rate->average);
    if (rate->peak)
        g_string_append_printf(buf, " peak='%llu'", rate->peak);
    if (rate->floor)
        g_string_append_printf(buf, " floor='%llu'", rate->floor);
    if (rate->burst)
        g_string_append_printf(buf, " burst='%llu'", rate->burst);
    g_string_append(buf, "/>\n");
}

void
virNetworkBandwidthFormat(GString *buf, int indent, const virNetworkBandwidth *bw,
                          unsigned int classID)
{
    if (!bw || (!bw->in && !bw->out))
        return;
    g_string_append_printf(buf, "%*s<bandwidth", indent, "");
    if (classID)
        g_string_append_printf(buf, " classID='%u'", classID);
    g_string_append(buf, ">\n");
    virNetworkBandwidthRateFormat(buf, indent + 2, "inbound", bw->in);
    virNetworkBandwidthRateFormat(buf, indent + 2, "outbound", bw->out);
    g_string_append_printf(buf, "%*s</bandwidth>\n", indent, "");
}

int
virNetworkVlanParse(xmlNodePtr node, virNetworkVlan *vlan)
{
    g_autofree char *trunk = NULL;
    xmlNodePtr cur;
    bool nativeSeen = false;

    memset(vlan, 0, sizeof(*vlan));
    if (!node)
        return 0;

    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *mode = NULL;
        unsigned int id = 0;
        int rc;

        if (!virNetworkNodeIs(cur, "tag"))
            continue;
        if ((rc = virNetworkPropUInt(cur, "id", G_MAXUINT, &id)) <= 0) {
            if (rc == 0)
                virReportError(VIR_ERR_XML_ERROR, "%s", "missing or invalid vlan tag id");
            goto error;
        }
        if (id > VIR_NETWORK_MAX_VLAN_TAG) {
            virReportError(VIR_ERR_XML_ERROR,
                           "vlan tag id %u too large (maximum %d)",
                           id, VIR_NETWORK_MAX_VLAN_TAG);
            goto error;
        }
        if ((mode = virXMLPropString(cur, "nativeMode"))) {
            int m = virNetworkVlanNativeModeTypeFromString(mode);

            if (nativeSeen) {
                virReportError(VIR_ERR_XML_ERROR, "%s", "duplicate native vlan setting");
                goto error;
            }
            if (m <= 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               "Invalid \"nativeMode='%s'\" in vlan <tag> element", mode);
                goto error;
            }
            vlan->nativeMode = m;
            vlan->nativeTag = id;
            nativeSeen = true;
        }
        vlan->tags = g_renew(unsigned int, vlan->tags, vlan->ntags + 1);
        vlan->tags[vlan->ntags++] = id;
    }

    if (vlan->ntags == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
        goto error;
    }

    trunk = virXMLPropString(node, "trunk");
    if (trunk) {
        if (g_strcmp0(trunk, "yes") != 0 && g_strcmp0(trunk, "no") != 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "invalid \"trunk='%s'\" in <vlan> - trunk can be set to 'yes' or 'no'",
                           trunk);
            goto error;
        }
        vlan->trunk = g_strcmp0(trunk, "yes") == 0;
        if (!vlan->trunk && vlan->ntags > 1) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "invalid \"trunk='no'\" setting with multiple vlan tags");
            goto error;
        }
        if (!vlan->trunk && nativeSeen) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "invalid configuration in <vlan> - \"trunk='no'\" is not allowed with a native vlan id");
            goto error;
        }
    } else {
        /* Several tags or a native one only make sense on a trunk. */
        vlan->trunk = vlan->ntags > 1 || nativeSeen;
    }
    return 1;

 error:
    virNetworkVlanClear(vlan);
    return -1;
}

void
virNetworkVlanFormat(GString *buf, int indent, const virNetworkVlan *vlan)
{
    size_t i;

    if (!vlan || vlan->ntags == 0)
        return;
    g_string_append_printf(buf, "%*s<vlan%s>\n", indent, "", vlan->trunk ? " trunk='yes'" : "");
    for (i = 0; i < vlan->ntags; i++) {
        g_string_append_printf(buf, "%*s<tag id='%u'", indent + 2, "", vlan->tags[i]);
        if (vlan->nativeMode != VIR_NETWORK_VLAN_NATIVE_MODE_DEFAULT &&
            vlan->nativeTag == vlan->tags[i])
            g_string_append_printf(buf, " nativeMode='%s'",
                                   virNetworkVlanNativeModeTypeToString(vlan->nativeMode));
        g_string_append(buf, "/>\n");
    }
    g_string_append_printf(buf, "%*s</vlan>\n", indent, "");
}


/* ---- <forward> ---- */

static int
virNetworkNatParse(xmlNodePtr node, const char *netName, virNetworkForwardDef *fwd)
{
    xmlNodePtr addr = virXMLChild(node, "address");
    xmlNodePtr port = virXMLChild(node, "port");

    if (virNetworkPropTristateBool(node, "ipv6", &fwd->natIPv6) < 0)
        return -1;

    if (virNetworkCountChildren(node, "address") > 1) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Only one <address> element is allowed in <nat> in <forward> in network %s",
                       netName);
        return -1;
    }
    if (addr) {
        g_autofree char *start = virXMLPropString(addr, "start");
        g_autofree char *end = virXMLPropString(addr, "end");

        if (!start) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Missing 'start' attribute in <address> element in <nat> in <forward> in network %s",
                           netName);
            return -1;
        }
        if (virSocketAddrParse(&fwd->addrStart, start, AF_INET) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Bad ipv4 start address '%s' in <nat> in <forward> in network '%s'",
                           start, netName);
            return -1;
        }
        if (end && virSocketAddrParse(&fwd->addrEnd, end, AF_INET) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Bad ipv4 end address '%s' in <nat> in <forward> in network '%s'",
                           end, netName);
            return -1;
        }
    }

    if (virNetworkCountChildren(node, "port") > 1) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Only one <port> element is allowed in <nat> in <forward> in network %s",
                       netName);
        return -1;
    }
    if (port) {
        g_autofree char *start = virXMLPropString(port, "start");
        g_autofree char *end = virXMLPropString(port, "end");
        unsigned long long v;

        if (!start || virXMLStrToULL(start, 10, &v) < 0 || v > G_MAXUINT) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network %s",
                           netName);
            return -1;
        }
        fwd->portStart = v;
        if (end) {
            if (virXMLStrToULL(end, 10, &v) < 0 || v > G_MAXUINT) {
                virReportError(VIR_ERR_XML_ERROR,
                               "Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network %s",
                               netName);
                return -1;
            }
            fwd->portEnd = v;
        }
    }
    return 0;
}

static int
virNetworkPCIAddressParse(xmlNodePtr node, virNetworkPCIAddress *addr)
{
    g_autofree char *type = virXMLPropString(node, "type");

    if (g_strcmp0(type, "pci") != 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "unsupported address type '%s' in <forward>, only 'pci' is allowed",
                       type ? type : "");
        return -1;
    }
    if (virNetworkPropUIntBase(node, "domain", 0, 0xffff, &addr->domain) < 0 ||
        virNetworkPropUIntBase(node, "bus", 0, 0xff, &addr->bus) < 0 ||
        virNetworkPropUIntBase(node, "slot", 0, 0x1f, &addr->slot) < 0 ||
        virNetworkPropUIntBase(node, "function", 0, 0x7, &addr->function) < 0)
        return -1;
    return 0;
}

static int
virNetworkForwardParse(xmlNodePtr node, const char *netName, virNetworkForwardDef *fwd)
{
    g_autofree char *mode = virXMLPropString(node, "mode");
    g_autofree char *dev = virXMLPropString(node, "dev");
    xmlNodePtr driver = virXMLChild(node, "driver");
    xmlNodePtr nat = virXMLChild(node, "nat");
    xmlNodePtr cur;

    fwd->type = VIR_NETWORK_FORWARD_NAT;
    if (mode && (fwd->type = virNetworkForwardTypeFromString(mode)) <= 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown forwarding type '%s'", mode);
        return -1;
    }
    if (virNetworkPropTristateBool(node, "managed", &fwd->managed) < 0)
        return -1;
    if (driver) {
        g_autofree char *name = virXMLPropString(driver, "name");

        if (name && (fwd->driverName = virNetworkForwardDriverNameTypeFromString(name)) <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "Unknown forward <driver name='%s'/> in network %s", name, netName);
            return -1;
        }
    }

    if (virNetworkCountChildren(node, "pf") > 1) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Only one <pf> element is allowed in <forward> of network %s", netName);
        return -1;
    }
    if (virNetworkCountChildren(node, "nat") > 1) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Only one <nat> element is allowed in <forward> of network %s", netName);
        return -1;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (virNetworkNodeIs(cur, "pf")) {
            g_autofree char *pfdev = virXMLPropString(cur, "dev");

            if (!pfdev || !*pfdev) {
                virReportError(VIR_ERR_XML_ERROR,
                               "Missing required dev attribute in <pf> element of network %s",
                               netName);
                return -1;
            }
            fwd->pfs = g_renew(char *, fwd->pfs, fwd->npfs + 1);
            fwd->pfs[fwd->npfs++] = g_steal_pointer(&pfdev);
        } else if (virNetworkNodeIs(cur, "interface")) {
            g_autofree char *ifdev = virXMLPropString(cur, "dev");
            virNetworkForwardIf *fif;
            size_t i;

            if (!ifdev || !*ifdev) {
                virReportError(VIR_ERR_XML_ERROR,
                               "Missing required dev attribute in <forward> <interface> element of network %s",
                               netName);
                return -1;
            }
            for (i = 0; i < fwd->nifs; i++) {
                if (g_strcmp0(fwd->ifs[i].dev, ifdev) == 0) {
                    virReportError(VIR_ERR_XML_ERROR,
                                   "interface '%s' is listed twice in <forward> of network %s",
                                   ifdev, netName);
                    return -1;
                }
            }
            if (fwd->nifs == 0 && dev && strcmp(dev, ifdev) != 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               "forward dev '%s' must match first interface element dev '%s' in network '%s'",
                               dev, ifdev, netName);
                return -1;
            }
            fif = VIR_NETWORK_APPEND(fwd->ifs, fwd->nifs, virNetworkForwardIf);
            fif->type = VIR_NETWORK_FORWARD_IF_NETDEV;
            fif->dev = g_steal_pointer(&ifdev);
            if (virNetworkPropUInt(cur, "connections", G_MAXINT, &fif->connections) < 0)
                return -1;
        } else if (virNetworkNodeIs(cur, "address")) {
            virNetworkForwardIf *fif = VIR_NETWORK_APPEND(fwd->ifs, fwd->nifs,
                                                          virNetworkForwardIf);

            fif->type = VIR_NETWORK_FORWARD_IF_PCI;
            if (virNetworkPCIAddressParse(cur, &fif->pci) < 0)
                return -1;
        }
    }

    /* A lone dev= is the (single) interface list. */
    if (dev && *dev && fwd->nifs == 0 && fwd->npfs == 0) {
        virNetworkForwardIf *fif = VIR_NETWORK_APPEND(fwd->ifs, fwd->nifs, virNetworkForwardIf);

        fif->type = VIR_NETWORK_FORWARD_IF_NETDEV;
        fif->dev = g_steal_pointer(&dev);
    }

    if (nat) {
        if (fwd->type != VIR_NETWORK_FORWARD_NAT) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "The <nat> element can only be used when <forward> 'mode' is 'nat'");
            return -1;
        }
        if (virNetworkNatParse(nat, netName, fwd) < 0)
            return -1;
    }
    return 0;
}


/* ---- <ip> ---- */

static int
virNetworkLeaseParse(xmlNodePtr parent, virNetworkDHCPLeaseTime **result)
{
    xmlNodePtr node = virXMLChild(parent, "lease");
    g_autofree virNetworkDHCPLeaseTime *lease = NULL;
    g_autofree char *unit = NULL;
    unsigned long long seconds;
    int rc;

    if (!node)
        return 0;
    lease = g_new0(virNetworkDHCPLeaseTime, 1);
    lease->unit = VIR_NETWORK_DHCP_LEASETIME_UNIT_MINUTES;

    if ((rc = virNetworkPropULL(node, "expiry", G_MAXUINT, &lease->expiry)) <= 0) {
        if (rc == 0)
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "Missing 'expiry' attribute in <lease> element");
        return -1;
    }
    if ((unit = virXMLPropString(node, "unit")) &&
        (lease->unit = virNetworkDHCPLeaseTimeUnitTypeFromString(unit)) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "Invalid unit: %s", unit);
        return -1;
    }

    seconds = lease->expiry;
    if (lease->unit == VIR_NETWORK_DHCP_LEASETIME_UNIT_MINUTES)
        seconds *= 60;
    else if (lease->unit == VIR_NETWORK_DHCP_LEASETIME_UNIT_HOURS)
        seconds *= 3600;
    if (seconds > 0 && seconds < VIR_NETWORK_MIN_LEASE_SECONDS) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "The minimum lease time should be greater than 2 minutes");
        return -1;
    }
    *result = g_steal_pointer(&lease);
    return 1;
}

int
virNetworkDHCPRangeParse(xmlNodePtr node, const char *netName, int family,
                         virNetworkDHCPRange *range)
{
    g_autofree char *start = virXMLPropString(node, "start");
    g_autofree char *end = virXMLPropString(node, "end");

    if (!start) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Missing 'start' attribute in dhcp range for network '%s'", netName);
        return -1;
    }
    if (virSocketAddrParse(&range->start, start, family) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Invalid dhcp range start address '%s' in network '%s'", start, netName);
        return -1;
    }
    if (!end) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Missing 'end' attribute in dhcp range for network '%s'", netName);
        return -1;
    }
    if (virSocketAddrParse(&range->end, end, family) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Invalid dhcp range end address '%s' in network '%s'", end, netName);
        return -1;
    }
    return virNetworkLeaseParse(node, &range->lease) < 0 ? -1 : 0;
}

/* partial: what net-update's delete accepts (any one identifying field). */
int
virNetworkDHCPHostParse(xmlNodePtr node, const char *netName, int family,
                        virNetworkDHCPHost *host, bool partial)
{
    g_autofree char *mac = virXMLPropString(node, "mac");
    g_autofree char *id = virXMLPropString(node, "id");
    g_autofree char *name = virXMLPropString(node, "name");
    g_autofree char *ip = virXMLPropString(node, "ip");
    unsigned char macbuf[VIR_MAC_BUFLEN];

    if (mac) {
        if (family == AF_INET6) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Invalid to specify MAC address '%s' in network '%s' IPv6 static host definition",
                           mac, netName);
            return -1;
        }
        if (virMacAddrParse(mac, macbuf) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Cannot parse MAC address '%s' in network '%s'", mac, netName);
            return -1;
        }
        if (macbuf[0] & 0x01) {
            virReportError(VIR_ERR_XML_ERROR,
                           "expected unicast mac address, found multicast '%s' in network '%s'",
                           mac, netName);
            return -1;
        }
        g_free(mac);
        mac = virNetworkMacFormat(macbuf);
    }
    if (id) {
        size_t i;

        /* A DUID: colon separated hex bytes. */
        for (i = 0; id[i]; i++) {
            if (!g_ascii_isxdigit(id[i]) && id[i] != ':')
                break;
        }
        if (id[i] || !*id) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Invalid character '%c' in id '%s' of network '%s'",
                           id[i] ? id[i] : ' ', id, netName);
            return -1;
        }
    }
    if (name && !g_ascii_isalpha(name[0])) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Cannot use host name '%s' in network '%s'", name, netName);
        return -1;
    }
    if (ip && virSocketAddrParse(&host->ip, ip, family) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Invalid IP address in static host definition for network '%s'",
                       netName);
        return -1;
    }

    if (partial) {
        if (!mac && !id && !name && !ip) {
            virReportError(VIR_ERR_XML_ERROR,
                           "At least one of name, mac, id or ip attribute must be specified for static host definition in network '%s'",
                           netName);
            return -1;
        }
    } else {
        if (family == AF_INET6 && !id && !name) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Static host definition in IPv6 network '%s' must have id or name attribute",
                           netName);
            return -1;
        }
        if (family != AF_INET6 && !mac && !name) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Static host definition in IPv4 network '%s' must have mac or name attribute",
                           netName);
            return -1;
        }
        if (!ip) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Missing IP address in static host definition for network '%s'",
                           netName);
            return -1;
        }
    }
    if (virNetworkLeaseParse(node, &host->lease) < 0)
        return -1;

    host->mac = g_steal_pointer(&mac);
    host->id = g_steal_pointer(&id);
    host->name = g_steal_pointer(&name);
    return 0;
}

static int
virNetworkDHCPParse(xmlNodePtr node, const char *netName, virNetworkIPDef *def)
{
    int family = VIR_SOCKET_ADDR_IS_FAMILY(&def->address, AF_INET6) ? AF_INET6 : AF_INET;
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (virNetworkNodeIs(cur, "range")) {
            virNetworkDHCPRange *range = VIR_NETWORK_APPEND(def->ranges, def->nranges,
                                                            virNetworkDHCPRange);

            if (virNetworkDHCPRangeParse(cur, netName, family, range) < 0)
                return -1;
        } else if (virNetworkNodeIs(cur, "host")) {
            virNetworkDHCPHost *host = VIR_NETWORK_APPEND(def->hosts, def->nhosts,
                                                          virNetworkDHCPHost);

            if (virNetworkDHCPHostParse(cur, netName, family, host, false) < 0)
                return -1;
        } else if (virNetworkNodeIs(cur, "bootp")) {
            g_autofree char *file = virXMLPropString(cur, "file");

            if (family == AF_INET6) {
                virReportError(VIR_ERR_XML_ERROR,
                               "Unsupported <bootp> element in an IPv6 element in network '%s'",
                               netName);
                return -1;
            }
            if (!file)
                continue;
            if (virNetworkPropAddr(cur, "server", AF_UNSPEC, &def->bootserver, NULL) < 0)
                return -1;
            g_free(def->bootfile);
            def->bootfile = g_steal_pointer(&file);
        }
    }
    return 0;
}

static int
virNetworkIPParse(xmlNodePtr node, const char *netName, virNetworkIPDef *def)
{
    g_autofree char *address = virXMLPropString(node, "address");
    g_autofree char *netmask = virXMLPropString(node, "netmask");
    g_autofree char *prefix = virXMLPropString(node, "prefix");
    xmlNodePtr tftp = virXMLChild(node, "tftp");
    xmlNodePtr dhcp = virXMLChild(node, "dhcp");
    int family = AF_UNSPEC;

    def->family = virXMLPropString(node, "family");
    if (def->family) {
        if (strcmp(def->family, "ipv4") == 0) {
            family = AF_INET;
        } else if (strcmp(def->family, "ipv6") == 0) {
            family = AF_INET6;
        } else {
            virReportError(VIR_ERR_XML_ERROR,
                           "Unrecognized family '%s' in network '%s'", def->family, netName);
            return -1;
        }
    }

    if (!address) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Missing required address attribute in network '%s'", netName);
        return -1;
    }
    if (virSocketAddrParse(&def->address, address, AF_UNSPEC) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Invalid address '%s' in network '%s'", address, netName);
        return -1;
    }
    if (family == AF_INET && !VIR_SOCKET_ADDR_IS_FAMILY(&def->address, AF_INET)) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Family 'ipv4' specified for non-IPv4 address '%s' in network '%s'",
                       address, netName);
        return -1;
    }
    if (family == AF_INET6 && !VIR_SOCKET_ADDR_IS_FAMILY(&def->address, AF_INET6)) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Family 'ipv6' specified for non-IPv6 address '%s' in network '%s'",
                       address, netName);
        return -1;
    }

    if (netmask && prefix) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Network '%s' IP address cannot have both a prefix and a netmask",
                       netName);
        return -1;
    }
    if (netmask) {
        if (!VIR_SOCKET_ADDR_IS_FAMILY(&def->address, AF_INET)) {
            virReportError(VIR_ERR_XML_ERROR,
                           "netmask not supported for address '%s' in network '%s' (IPv4 only)",
                           address, netName);
            return -1;
        }
        if (virSocketAddrParse(&def->netmask, netmask, AF_INET) < 0 ||
            virSocketAddrGetNumNetmaskBits(&def->netmask) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Invalid netmask '%s' in network '%s'", netmask, netName);
            return -1;
        }
    }
    if (prefix) {
        unsigned long long v;
        unsigned int max = virSocketAddrMaxPrefix(def->address.family);

        if (virXMLStrToULL(prefix, 10, &v) < 0 || v > max) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Invalid %s prefix '%s' in network '%s'",
                           max == 32 ? "IPv4" : "IPv6", prefix, netName);
            return -1;
        }
        def->prefix = v;
    }
    if (virNetworkPropTristateBool(node, "localPtr", &def->localPTR) < 0)
        return -1;

    if (tftp) {
        if (!VIR_SOCKET_ADDR_IS_FAMILY(&def->address, AF_INET)) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Unsupported <tftp> element in an IPv6 element in network '%s'",
                           netName);
            return -1;
        }
        if (!(def->tftproot = virXMLPropString(tftp, "root"))) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Missing 'root' attribute in <tftp> element of network '%s'",
                           netName);
            return -1;
        }
    }
    if (dhcp && virNetworkDHCPParse(dhcp, netName, def) < 0)
        return -1;
    return 0;
}


/* ---- <dns> ---- */

int
virNetworkDNSHostParse(xmlNodePtr node, const char *netName, virNetworkDNSHost *host,
                       bool partial)
{
    g_autofree char *ip = virXMLPropString(node, "ip");
    xmlNodePtr cur;

    if (ip && virSocketAddrParse(&host->ip, ip, AF_UNSPEC) < 0) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "Invalid IP address in network '%s' DNS HOST record", netName);
        return -1;
    }
    if (!ip && !partial) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "Missing IP address in network '%s' DNS HOST record", netName);
        return -1;
    }
    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *name = NULL;

        if (!virNetworkNodeIs(cur, "hostname"))
            continue;
        name = virXMLNodeText(cur);
        if (!name || !*name) {
            virReportError(VIR_ERR_XML_DETAIL,
                           "Empty hostname in network '%s' DNS HOST record", netName);
            return -1;
        }
        host->hostnames = g_renew(char *, host->hostnames, host->nhostnames + 2);
        host->hostnames[host->nhostnames++] = g_steal_pointer(&name);
        host->hostnames[host->nhostnames] = NULL;
    }
    if (host->nhostnames == 0 && !partial) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "Missing hostname in network '%s' DNS HOST record", netName);
        return -1;
    }
    if (!ip && host->nhostnames == 0) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "Missing ip and hostname in network '%s' DNS HOST record", netName);
        return -1;
    }
    return 0;
}

/* dnsmasq's limit on an SRV record's name. */
#define VIR_NETWORK_DNS_SRV_MAX 189

int
virNetworkDNSSrvParse(xmlNodePtr node, const char *netName, virNetworkDNSSrv *srv,
                      bool partial)
{
    srv->service = virXMLPropString(node, "service");
    srv->protocol = virXMLPropString(node, "protocol");
    srv->domain = virXMLPropString(node, "domain");
    srv->target = virXMLPropString(node, "target");

    if (!srv->service && !partial) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "missing required service attribute in DNS SRV record of network '%s'",
                       netName);
        return -1;
    }
    if (srv->service && strlen(srv->service) > VIR_NETWORK_DNS_SRV_MAX) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "service attribute '%s' in network '%s' is too long, limit is %d bytes",
                       srv->service, netName, VIR_NETWORK_DNS_SRV_MAX);
        return -1;
    }
    if (srv->service && strspn(srv->service, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") !=
        strlen(srv->service)) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "invalid character in service attribute '%s' in DNS SRV record of network '%s'",
                       srv->service, netName);
        return -1;
    }
    if (!srv->protocol && !partial) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "missing required protocol attribute in DNS SRV record '%s' of network '%s'",
                       srv->service, netName);
        return -1;
    }
    if (srv->protocol && strcmp(srv->protocol, "tcp") != 0 && strcmp(srv->protocol, "udp") != 0) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "invalid protocol attribute '%s' in DNS SRV record '%s' of network '%s', must be 'tcp' or 'udp'",
                       srv->protocol, srv->service ? srv->service : "", netName);
        return -1;
    }

    if (virNetworkPropUInt(node, "port", 65535, &srv->port) < 0 ||
        virNetworkPropUInt(node, "priority", 65535, &srv->priority) < 0 ||
        virNetworkPropUInt(node, "weight", 65535, &srv->weight) < 0)
        return -1;
    if (!srv->target && (srv->port || srv->priority || srv->weight)) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "DNS SRV port, priority and weight attributes not permitted without target in network '%s'",
                       netName);
        return -1;
    }
    return 0;
}

int
virNetworkDNSTxtParse(xmlNodePtr node, const char *netName, virNetworkDNSTxt *txt,
                      bool partial)
{
    txt->name = virXMLPropString(node, "name");
    txt->value = virXMLPropString(node, "value");

    if (!txt->name) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "missing required name attribute in DNS TXT record of network %s",
                       netName);
        return -1;
    }
    if (strchr(txt->name, ' ')) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "prohibited space character in DNS TXT record name '%s' of network %s",
                       txt->name, netName);
        return -1;
    }
    if (!txt->value && !partial) {
        virReportError(VIR_ERR_XML_DETAIL,
                       "missing required value attribute in DNS TXT record named '%s' of network %s",
                       txt->name, netName);
        return -1;
    }
    return 0;
}

static int
virNetworkDNSParse(xmlNodePtr node, const char *netName, virNetworkDNSDef *dns)
{
    xmlNodePtr cur;

    if (virNetworkPropTristateBool(node, "enable", &dns->enable) < 0 ||
        virNetworkPropTristateBool(node, "forwardPlainNames", &dns->forwardPlainNames) < 0)
        return -1;

    for (cur = node->children; cur; cur = cur->next) {
        if (virNetworkNodeIs(cur, "forwarder")) {
            virNetworkDNSForwarder *fwd = VIR_NETWORK_APPEND(dns->forwarders, dns->nfwds,
                                                             virNetworkDNSForwarder);
            g_autofree char *addr = virXMLPropString(cur, "addr");

            fwd->domain = virXMLPropString(cur, "domain");
            if (addr && virSocketAddrParse(&fwd->addr, addr, AF_UNSPEC) < 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               "Invalid forwarder IP address '%s' in network '%s'",
                               addr, netName);
                return -1;
            }
            if (!addr && !fwd->domain) {
                virReportError(VIR_ERR_XML_ERROR,
                               "Invalid forwarder element in network '%s', must contain at least one of addr or domain",
                               netName);
                return -1;
            }
        } else if (virNetworkNodeIs(cur, "host")) {
            virNetworkDNSHost *host = VIR_NETWORK_APPEND(dns->hosts, dns->nhosts,
                                                         virNetworkDNSHost);

            if (virNetworkDNSHostParse(cur, netName, host, false) < 0)
                return -1;
        } else if (virNetworkNodeIs(cur, "srv")) {
            virNetworkDNSSrv *srv = VIR_NETWORK_APPEND(dns->srvs, dns->nsrvs, virNetworkDNSSrv);

            if (virNetworkDNSSrvParse(cur, netName, srv, false) < 0)
                return -1;
        } else if (virNetworkNodeIs(cur, "txt")) {
            virNetworkDNSTxt *txt = VIR_NETWORK_APPEND(dns->txts, dns->ntxts, virNetworkDNSTxt);

            if (virNetworkDNSTxtParse(cur, netName, txt, false) < 0)
                return -1;
        }
    }

    if (dns->enable == VIR_TRISTATE_BOOL_NO &&
        (dns->nfwds || dns->nhosts || dns->nsrvs || dns->ntxts)) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Extra data in disabled network '%s'", netName);
        return -1;
    }
    return 0;
}


/* ---- <portgroup> ---- */

int
virNetworkPortGroupParse(xmlNodePtr node, virNetworkPortGroupDef *pg)
{
    g_autofree char *isDefault = virXMLPropString(node, "default");

    if (!(pg->name = virXMLPropString(node, "name"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "Missing required name attribute in portgroup");
        return -1;
    }
    if (isDefault) {
        if (strcmp(isDefault, "yes") != 0 && strcmp(isDefault, "no") != 0) {
            virNetworkReportBadProp(node, "default", isDefault);
            return -1;
        }
        pg->isDefault = strcmp(isDefault, "yes") == 0;
    }
    if (virNetworkPropTristateBool(node, "trustGuestRxFilters", &pg->trustGuestRxFilters) < 0)
        return -1;
    if (virNetworkCountChildren(node, "vlan") > 1 ||
        virNetworkCountChildren(node, "bandwidth") > 1) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Only one <vlan> and one <bandwidth> element are allowed in portgroup '%s'",
                       pg->name);
        return -1;
    }
    if (virNetworkVlanParse(virXMLChild(node, "vlan"), &pg->vlan) < 0 ||
        virNetworkBandwidthParse(virXMLChild(node, "bandwidth"), false, &pg->bandwidth, NULL) < 0)
        return -1;
    return 0;
}


/* ---- <network> ---- */

static int
virNetworkBridgeParse(xmlNodePtr node, virNetworkDef *def)
{
    g_autofree char *stp = virXMLPropString(node, "stp");
    g_autofree char *delay = virXMLPropString(node, "delay");
    g_autofree char *mtm = virXMLPropString(node, "macTableManager");

    def->bridge = virXMLPropString(node, "name");
    if (def->bridge && !*def->bridge)
        g_clear_pointer(&def->bridge, g_free);

    if (stp) {
        int v = virTristateSwitchTypeFromString(stp);

        if (v <= 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Invalid stp value '%s' in network '%s', must be 'on' or 'off'",
                           stp, def->name);
            return -1;
        }
        def->stp = v;
        def->stpOrDelayGiven = true;
    }
    if (delay) {
        unsigned long long v;

        if (virXMLStrToULL(delay, 10, &v) < 0 || v > G_MAXULONG) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Invalid delay value in network '%s'", def->name);
            return -1;
        }
        def->delay = v;
        def->stpOrDelayGiven = true;
    }
    if (mtm && (def->macTableManager = virNetworkBridgeMACTableManagerTypeFromString(mtm)) <= 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Invalid macTableManager setting '%s' in network '%s'", mtm, def->name);
        return -1;
    }
    return 0;
}

static int
virNetworkMacParse(xmlNodePtr node, virNetworkDef *def)
{
    g_autofree char *addr = virXMLPropString(node, "address");

    if (!addr || virMacAddrParse(addr, def->mac) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Invalid bridge mac address '%s' in network '%s'",
                       addr ? addr : "", def->name);
        return -1;
    }
    if (def->mac[0] & 0x01) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Invalid multicast bridge mac address '%s' in network '%s'",
                       addr, def->name);
        return -1;
    }
    def->macSpecified = true;
    return 0;
}

/* The combinations libvirt refuses between the forward mode and the rest
 * of the definition. */
int
virNetworkDefCheckForwardMode(const virNetworkDef *def)
{
    const char *mode = virNetworkForwardTypeToString(def->forward.type);

    switch ((virNetworkForwardType)def->forward.type) {
    case VIR_NETWORK_FORWARD_ROUTE:
    case VIR_NETWORK_FORWARD_NAT:
    case VIR_NETWORK_FORWARD_OPEN:
        if (def->nips == 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "%s forwarding requested, but no IP address provided for network '%s'",
                           mode, def->name);
            return -1;
        }
        if (def->forward.type == VIR_NETWORK_FORWARD_OPEN && def->forward.nifs) {
            virReportError(VIR_ERR_XML_ERROR,
                           "forward dev not allowed for network '%s' with forward mode='%s'",
                           def->name, mode);
            return -1;
        }
        if (def->forward.nifs > 1) {
            virReportError(VIR_ERR_XML_ERROR,
                           "multiple forwarding interfaces are only supported with forward mode 'bridge', 'private', 'vepa', 'passthrough' or 'hostdev' (network '%s')",
                           def->name);
            return -1;
        }
        if (def->forward.npfs) {
            virReportError(VIR_ERR_XML_ERROR,
                           "<pf> is not allowed in network '%s' with forward mode='%s'",
                           def->name, mode);
            return -1;
        }
        break;

    case VIR_NETWORK_FORWARD_PRIVATE:
    case VIR_NETWORK_FORWARD_VEPA:
    case VIR_NETWORK_FORWARD_PASSTHROUGH:
    case VIR_NETWORK_FORWARD_HOSTDEV:
        if (def->bridge) {
            virReportError(VIR_ERR_XML_ERROR,
                           "bridge name not allowed in %s mode (network '%s')",
                           mode, def->name);
            return -1;
        }
        if (def->macTableManager) {
            virReportError(VIR_ERR_XML_ERROR,
                           "bridge macTableManager setting not allowed in %s mode (network '%s')",
                           mode, def->name);
            return -1;
        }
        G_GNUC_FALLTHROUGH;
    case VIR_NETWORK_FORWARD_BRIDGE:
        if (def->nips) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Unsupported <ip> element in network %s with forward mode='%s'",
                           def->name, mode);
            return -1;
        }
        if (def->dns.nfwds || def->dns.ntxts || def->dns.nsrvs || def->dns.nhosts) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Unsupported <dns> element in network %s with forward mode='%s'",
                           def->name, mode);
            return -1;
        }
        if (def->domain) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Unsupported <domain> element in network %s with forward mode='%s'",
                           def->name, mode);
            return -1;
        }
        if (def->macSpecified) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Unsupported <mac> element in network %s with forward mode='%s'",
                           def->name, mode);
            return -1;
        }
        if (def->stpOrDelayGiven) {
            virReportError(VIR_ERR_XML_ERROR,
                           "bridge delay/stp options only allowed in route, nat, and isolated mode, not in %s (network '%s')",
                           mode, def->name);
            return -1;
        }
        if (def->bridge && (def->forward.nifs || def->forward.npfs)) {
            virReportError(VIR_ERR_XML_ERROR,
                           "A network with forward mode='%s' can specify a bridge name or a forward dev, but not both (network '%s')",
                           mode, def->name);
            return -1;
        }
        if (def->forward.type == VIR_NETWORK_FORWARD_BRIDGE && !def->bridge &&
            !def->forward.nifs) {
            virReportError(VIR_ERR_XML_ERROR,
                           "A network with forward mode='%s' needs a bridge name or a forward dev (network '%s')",
                           mode, def->name);
            return -1;
        }
        break;

    case VIR_NETWORK_FORWARD_NONE:
    case VIR_NETWORK_FORWARD_LAST:
        break;
    }
    return 0;
}

virNetworkDef *
virNetworkDefParseNode(xmlNodePtr root, unsigned int flags)
{
    g_autoptr(virNetworkDef) def = g_new0(virNetworkDef, 1);
    g_autofree char *uuid = NULL;
    virTristateBool ipv6 = VIR_TRISTATE_BOOL_ABSENT;
    xmlNodePtr node;
    xmlNodePtr cur;

    if (!root || !xmlStrEqual(root->name, BAD_CAST "network")) {
        virReportError(VIR_ERR_XML_ERROR, "expected root element 'network', found '%s'",
                       root ? (const char *)root->name : "");
        return NULL;
    }

    def->name = virXMLChildText(root, "name");
    if (def->name)
        g_strstrip(def->name);
    if (!def->name || !*def->name) {
        virReportError(VIR_ERR_NO_NAME, NULL);
        return NULL;
    }
    if (strchr(def->name, '/')) {
        virReportError(VIR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return NULL;
    }

    if ((uuid = virXMLChildText(root, "uuid")) && *g_strstrip(uuid)) {
        if (virUUIDParse(uuid, def->uuid) < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
            return NULL;
        }
    } else {
        virUUIDGenerate(def->uuid);
    }

    if (virNetworkPropUInt(root, "connections", G_MAXINT, &def->connections) < 0 ||
        virNetworkPropTristateBool(root, "ipv6", &ipv6) < 0 ||
        virNetworkPropTristateBool(root, "trustGuestRxFilters", &def->trustGuestRxFilters) < 0)
        return NULL;
    def->ipv6nogw = ipv6 == VIR_TRISTATE_BOOL_YES;

    if ((node = virXMLChild(root, "bridge")) && virNetworkBridgeParse(node, def) < 0)
        return NULL;
    if ((node = virXMLChild(root, "mtu"))) {
        g_autofree char *size = virXMLPropString(node, "size");
        unsigned long long v;

        if (!size || virXMLStrToULL(size, 10, &v) < 0 || v == 0 || v > G_MAXINT) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Invalid mtu size '%s' in network '%s'", size ? size : "", def->name);
            return NULL;
        }
        def->mtu = v;
    }
    if ((node = virXMLChild(root, "mac")) && virNetworkMacParse(node, def) < 0)
        return NULL;
    if ((node = virXMLChild(root, "domain"))) {
        def->domain = virXMLPropString(node, "name");
        if (virNetworkPropTristateBool(node, "localOnly", &def->domainLocalOnly) < 0)
            return NULL;
    }
    if ((node = virXMLChild(root, "dns")) && virNetworkDNSParse(node, def->name, &def->dns) < 0)
        return NULL;
    if (virNetworkVlanParse(virXMLChild(root, "vlan"), &def->vlan) < 0 ||
        virNetworkBandwidthParse(virXMLChild(root, "bandwidth"), false, &def->bandwidth, NULL) < 0)
        return NULL;

    for (cur = root->children; cur; cur = cur->next) {
        if (virNetworkNodeIs(cur, "ip")) {
            virNetworkIPDef *ip = VIR_NETWORK_APPEND(def->ips, def->nips, virNetworkIPDef);

            if (virNetworkIPParse(cur, def->name, ip) < 0)
                return NULL;
        } else if (virNetworkNodeIs(cur, "portgroup")) {
            virNetworkPortGroupDef *pg = VIR_NETWORK_APPEND(def->portgroups, def->nportgroups,
                                                            virNetworkPortGroupDef);

            if (virNetworkPortGroupParse(cur, pg) < 0)
                return NULL;
        }
    }

    if (virNetworkCountChildren(root, "forward") > 1) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Only one <forward> element is allowed in network '%s'", def->name);
        return NULL;
    }
    if ((node = virXMLChild(root, "forward")) &&
        virNetworkForwardParse(node, def->name, &def->forward) < 0)
        return NULL;

    if (virNetworkDefCheckForwardMode(def) < 0 ||
        virNetworkDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

virNetworkDef *
virNetworkDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = virXMLParseString(xml, "(network_definition)", "network",
                                              VIR_FROM_NETWORK);

    if (!doc)
        return NULL;
    return virNetworkDefParseNode(xmlDocGetRootElement(doc), flags);
}


/* ---- validation ---- */

static int
virNetworkValidateRange(const virNetworkDef *def, const virNetworkIPDef *ip, int prefix,
                        const virNetworkDHCPRange *range)
{
    g_autofree char *start = virSocketAddrFormat(&range->start);
    g_autofree char *end = virSocketAddrFormat(&range->end);
    g_autofree char *net = NULL;
    virSocketAddr netaddr;
    virSocketAddr bcast;

    virSocketAddrMaskByPrefix(&ip->address, prefix, &netaddr);
    net = virSocketAddrFormat(&netaddr);

    if (!virSocketAddrInSubnet(&range->start, &ip->address, prefix) ||
        !virSocketAddrInSubnet(&range->end, &ip->address, prefix)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "range %s - %s is not entirely within network %s/%d",
                       start ? start : "?", end ? end : "?", net, prefix);
        return -1;
    }
    if (virSocketAddrCompare(&range->start, &range->end) > 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "range %s - %s is reversed", start, end);
        return -1;
    }
    if (virSocketAddrRangeSize(&range->start, &range->end) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "range %s - %s is too large", start, end);
        return -1;
    }
    if (prefix < 31 && VIR_SOCKET_ADDR_IS_FAMILY(&ip->address, AF_INET)) {
        if (virSocketAddrEqual(&range->start, &netaddr)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "start of range %s - %s in network %s/%d is the network address",
                           start, end, net, prefix);
            return -1;
        }
        if (virSocketAddrBroadcastByPrefix(&ip->address, prefix, &bcast) == 0 &&
            virSocketAddrEqual(&range->end, &bcast)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "end of range %s - %s in network %s/%d is the broadcast address",
                           start, end, net, prefix);
            return -1;
        }
    }
    return 0;
}

static int
virNetworkValidateIP(const virNetworkDef *def, const virNetworkIPDef *ip)
{
    g_autofree char *addr = virSocketAddrFormat(&ip->address);
    g_autofree char *net = NULL;
    int prefix = virNetworkIPDefPrefix(ip);
    virSocketAddr netaddr;
    size_t i;

    if (!VIR_SOCKET_ADDR_VALID(&ip->address)) {
        virReportError(VIR_ERR_XML_ERROR,
                       "Missing required address attribute in network '%s'", def->name);
        return -1;
    }
    if (prefix < 0 || (unsigned int)prefix > virSocketAddrMaxPrefix(ip->address.family)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "invalid prefix or netmask for address '%s' in network '%s'",
                       addr, def->name);
        return -1;
    }

    virSocketAddrMaskByPrefix(&ip->address, prefix, &netaddr);
    net = virSocketAddrFormat(&netaddr);
    for (i = 0; i < ip->nranges; i++) {
        if (virNetworkValidateRange(def, ip, prefix, &ip->ranges[i]) < 0)
            return -1;
    }
    for (i = 0; i < ip->nhosts; i++) {
        const virNetworkDHCPHost *host = &ip->hosts[i];
        g_autofree char *hostip = virSocketAddrFormat(&host->ip);
        size_t j;

        if (!VIR_SOCKET_ADDR_VALID(&host->ip))
            continue;
        if (!virSocketAddrInSubnet(&host->ip, &ip->address, prefix)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "static host IP address %s is not within network %s/%d of network '%s'",
                           hostip, net, prefix, def->name);
            return -1;
        }
        for (j = 0; j < i; j++) {
            if (host->mac && g_strcmp0(host->mac, ip->hosts[j].mac) == 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "duplicate static host MAC address %s in network '%s'",
                               host->mac, def->name);
                return -1;
            }
        }
    }
    return 0;
}

static int
virNetworkValidateNat(const virNetworkDef *def)
{
    const virNetworkForwardDef *fwd = &def->forward;

    if (VIR_SOCKET_ADDR_VALID(&fwd->addrStart) && VIR_SOCKET_ADDR_VALID(&fwd->addrEnd) &&
        virSocketAddrCompare(&fwd->addrStart, &fwd->addrEnd) > 0) {
        g_autofree char *start = virSocketAddrFormat(&fwd->addrStart);
        g_autofree char *end = virSocketAddrFormat(&fwd->addrEnd);

        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "Invalid NAT address range %s - %s in network '%s': start is after end",
                       start, end, def->name);
        return -1;
    }
    if (fwd->portStart > 65535 || fwd->portEnd > 65535 ||
        (fwd->portEnd && fwd->portStart > fwd->portEnd)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "Invalid NAT port range %u - %u in network '%s'",
                       fwd->portStart, fwd->portEnd, def->name);
        return -1;
    }
    return 0;
}

int
virNetworkDefValidate(const virNetworkDef *def)
{
    const virNetworkIPDef *dhcp4 = NULL;
    const virNetworkIPDef *dhcp6 = NULL;
    const char *defaultPG = NULL;
    size_t i, j;

    if (!def->name || !*def->name) {
        virReportError(VIR_ERR_NO_NAME, NULL);
        return -1;
    }
    if (def->forward.type < 0 || def->forward.type >= VIR_NETWORK_FORWARD_LAST) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "unknown forward type %d in network '%s'",
                       def->forward.type, def->name);
        return -1;
    }
    if (def->macSpecified && (def->mac[0] & 0x01)) {
        char mac[VIR_MAC_STRING_BUFLEN];

        virReportError(VIR_ERR_XML_ERROR,
                       "Invalid multicast bridge mac address '%s' in network '%s'",
                       virMacAddrFormat(def->mac, mac), def->name);
        return -1;
    }

    for (i = 0; i < def->nips; i++) {
        const virNetworkIPDef *ip = &def->ips[i];

        if (virNetworkValidateIP(def, ip) < 0)
            return -1;
        if (!ip->nranges && !ip->nhosts)
            continue;
        if (VIR_SOCKET_ADDR_IS_FAMILY(&ip->address, AF_INET)) {
            if (dhcp4) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "Multiple IPv4 dhcp sections found -- dhcp is supported only for a single IPv4 address on each network");
                return -1;
            }
            dhcp4 = ip;
        } else {
            if (dhcp6) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "Multiple IPv6 dhcp sections found -- dhcp is supported only for a single IPv6 address on each network");
                return -1;
            }
            dhcp6 = ip;
        }
    }

    if (virNetworkValidateNat(def) < 0)
        return -1;

    for (i = 0; i < def->nportgroups; i++) {
        const virNetworkPortGroupDef *pg = &def->portgroups[i];

        for (j = 0; j < i; j++) {
            if (g_strcmp0(pg->name, def->portgroups[j].name) == 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               "Multiple <portgroup> elements with the same name (%s) in network '%s'",
                               pg->name, def->name);
                return -1;
            }
        }
        if (pg->isDefault) {
            if (defaultPG) {
                virReportError(VIR_ERR_XML_ERROR,
                               "Network '%s' has multiple default <portgroup> elements (%s and %s), but only one default is allowed",
                               def->name, defaultPG, pg->name);
                return -1;
            }
            defaultPG = pg->name;
        }
    }
    return 0;
}


/* ---- formatting: libvirt 9.0's element order and indentation ---- */

static void
virNetworkAppendAddrAttr(GString *buf, const char *name, const virSocketAddr *addr)
{
    g_autofree char *text = virSocketAddrFormat(addr);

    virXMLFormatAttr(buf, name, text);
}

static void
virNetworkNatFormat(GString *buf, int indent, const virNetworkForwardDef *fwd)
{
    bool hasStart = VIR_SOCKET_ADDR_VALID(&fwd->addrStart);

    if (!hasStart && !VIR_SOCKET_ADDR_VALID(&fwd->addrEnd) &&
        !fwd->portStart && !fwd->portEnd && !fwd->natIPv6)
        return;

    g_string_append_printf(buf, "%*s<nat", indent, "");
    if (fwd->natIPv6)
        g_string_append_printf(buf, " ipv6='%s'", virTristateBoolTypeToString(fwd->natIPv6));
    g_string_append(buf, ">\n");
    if (hasStart) {
        g_string_append_printf(buf, "%*s<address", indent + 2, "");
        virNetworkAppendAddrAttr(buf, "start", &fwd->addrStart);
        virNetworkAppendAddrAttr(buf, "end", &fwd->addrEnd);
        g_string_append(buf, "/>\n");
    }
    if (fwd->portStart || fwd->portEnd) {
        g_string_append_printf(buf, "%*s<port start='%u'", indent + 2, "", fwd->portStart);
        if (fwd->portEnd)
            g_string_append_printf(buf, " end='%u'", fwd->portEnd);
        g_string_append(buf, "/>\n");
    }
    g_string_append_printf(buf, "%*s</nat>\n", indent, "");
}

static void
virNetworkForwardFormat(GString *buf, int indent, const virNetworkDef *def,
                        unsigned int flags)
{
    const virNetworkForwardDef *fwd = &def->forward;
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);
    size_t i;

    if (fwd->type == VIR_NETWORK_FORWARD_NONE)
        return;

    if (!fwd->npfs)
        virXMLFormatAttr(attrs, "dev", virNetworkDefForwardIf(def, 0));
    virXMLFormatAttr(attrs, "mode", virNetworkForwardTypeToString(fwd->type));
    if (fwd->type == VIR_NETWORK_FORWARD_HOSTDEV)
        virXMLFormatAttr(attrs, "managed", fwd->managed == VIR_TRISTATE_BOOL_YES ? "yes" : "no");

    if (fwd->driverName)
        g_string_append_printf(children, "%*s<driver name='%s'/>\n", indent + 2, "",
                               virNetworkForwardDriverNameTypeToString(fwd->driverName));
    if (fwd->type == VIR_NETWORK_FORWARD_NAT)
        virNetworkNatFormat(children, indent + 2, fwd);
    if (fwd->npfs) {
        g_string_append_printf(children, "%*s<pf", indent + 2, "");
        virXMLFormatAttr(children, "dev", fwd->pfs[0]);
        g_string_append(children, "/>\n");
    }
    /* With a <pf>, the interface list is filled in at start-up. */
    if (fwd->nifs && (!fwd->npfs || !(flags & VIR_NETWORK_XML_INACTIVE))) {
        for (i = 0; i < fwd->nifs; i++) {
            const virNetworkForwardIf *fif = &fwd->ifs[i];

            if (fif->type == VIR_NETWORK_FORWARD_IF_PCI) {
                g_string_append_printf(children,
                                       "%*s<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                                       indent + 2, "", fif->pci.domain, fif->pci.bus,
                                       fif->pci.slot, fif->pci.function);
                continue;
            }
            if (fwd->type == VIR_NETWORK_FORWARD_HOSTDEV)
                continue;
            g_string_append_printf(children, "%*s<interface", indent + 2, "");
            virXMLFormatAttr(children, "dev", fif->dev);
            if (!(flags & VIR_NETWORK_XML_INACTIVE) && fif->connections > 0)
                g_string_append_printf(children, " connections='%u'", fif->connections);
            g_string_append(children, "/>\n");
        }
    }
    virXMLFormatElement(buf, indent, "forward", attrs, children);
}

static void
virNetworkLeaseFormat(GString *buf, int indent, const virNetworkDHCPLeaseTime *lease)
{
    if (!lease->expiry) {
        g_string_append_printf(buf, "%*s<lease expiry='0'/>\n", indent, "");
        return;
    }
    g_string_append_printf(buf, "%*s<lease expiry='%llu' unit='%s'/>\n", indent, "",
                           lease->expiry, virNetworkDHCPLeaseTimeUnitTypeToString(lease->unit));
}

static void
virNetworkDHCPRangeFormat(GString *buf, int indent, const virNetworkDHCPRange *range)
{
    g_string_append_printf(buf, "%*s<range", indent, "");
    virNetworkAppendAddrAttr(buf, "start", &range->start);
    virNetworkAppendAddrAttr(buf, "end", &range->end);
    if (!range->lease) {
        g_string_append(buf, "/>\n");
        return;
    }
    g_string_append(buf, ">\n");
    virNetworkLeaseFormat(buf, indent + 2, range->lease);
    g_string_append_printf(buf, "%*s</range>\n", indent, "");
}

static void
virNetworkDHCPHostFormat(GString *buf, int indent, const virNetworkDHCPHost *host)
{
    g_string_append_printf(buf, "%*s<host", indent, "");
    virXMLFormatAttr(buf, "mac", host->mac);
    virXMLFormatAttr(buf, "id", host->id);
    virXMLFormatAttr(buf, "name", host->name);
    virNetworkAppendAddrAttr(buf, "ip", &host->ip);
    if (!host->lease) {
        g_string_append(buf, "/>\n");
        return;
    }
    g_string_append(buf, ">\n");
    virNetworkLeaseFormat(buf, indent + 2, host->lease);
    g_string_append_printf(buf, "%*s</host>\n", indent, "");
}

static void
virNetworkIPFormat(GString *buf, int indent, const virNetworkIPDef *ip)
{
    size_t i;

    g_string_append_printf(buf, "%*s<ip", indent, "");
    virXMLFormatAttr(buf, "family", ip->family);
    virNetworkAppendAddrAttr(buf, "address", &ip->address);
    virNetworkAppendAddrAttr(buf, "netmask", &ip->netmask);
    if (ip->prefix > 0)
        g_string_append_printf(buf, " prefix='%u'", ip->prefix);
    if (ip->localPTR)
        g_string_append_printf(buf, " localPtr='%s'", virTristateBoolTypeToString(ip->localPTR));
    g_string_append(buf, ">\n");

    if (ip->tftproot) {
        g_string_append_printf(buf, "%*s<tftp", indent + 2, "");
        virXMLFormatAttr(buf, "root", ip->tftproot);
        g_string_append(buf, "/>\n");
    }
    if (ip->nranges || ip->nhosts) {
        g_string_append_printf(buf, "%*s<dhcp>\n", indent + 2, "");
        for (i = 0; i < ip->nranges; i++)
            virNetworkDHCPRangeFormat(buf, indent + 4, &ip->ranges[i]);
        for (i = 0; i < ip->nhosts; i++)
            virNetworkDHCPHostFormat(buf, indent + 4, &ip->hosts[i]);
        if (ip->bootfile) {
            g_string_append_printf(buf, "%*s<bootp", indent + 4, "");
            virXMLFormatAttr(buf, "file", ip->bootfile);
            virNetworkAppendAddrAttr(buf, "server", &ip->bootserver);
            g_string_append(buf, "/>\n");
        }
        g_string_append_printf(buf, "%*s</dhcp>\n", indent + 2, "");
    }
    g_string_append_printf(buf, "%*s</ip>\n", indent, "");
}

static void
virNetworkDNSFormat(GString *buf, int indent, const virNetworkDNSDef *dns)
{
    size_t i, j;

    if (!dns->enable && !dns->forwardPlainNames && !dns->nfwds && !dns->nhosts &&
        !dns->nsrvs && !dns->ntxts)
        return;

    g_string_append_printf(buf, "%*s<dns", indent, "");
    if (dns->enable)
        g_string_append_printf(buf, " enable='%s'", virTristateBoolTypeToString(dns->enable));
    if (dns->forwardPlainNames)
        g_string_append_printf(buf, " forwardPlainNames='%s'",
                               virTristateBoolTypeToString(dns->forwardPlainNames));
    if (!dns->nfwds && !dns->nhosts && !dns->nsrvs && !dns->ntxts) {
        g_string_append(buf, "/>\n");
        return;
    }
    g_string_append(buf, ">\n");
    indent += 2;

    for (i = 0; i < dns->nfwds; i++) {
        g_string_append_printf(buf, "%*s<forwarder", indent, "");
        virXMLFormatAttr(buf, "domain", dns->forwarders[i].domain);
        virNetworkAppendAddrAttr(buf, "addr", &dns->forwarders[i].addr);
        g_string_append(buf, "/>\n");
    }
    for (i = 0; i < dns->ntxts; i++) {
        g_string_append_printf(buf, "%*s<txt", indent, "");
        virXMLFormatAttr(buf, "name", dns->txts[i].name);
        virXMLFormatAttr(buf, "value", dns->txts[i].value);
        g_string_append(buf, "/>\n");
    }
    for (i = 0; i < dns->nsrvs; i++) {
        const virNetworkDNSSrv *srv = &dns->srvs[i];

        if (!srv->service || !srv->protocol)
            continue;
        g_string_append_printf(buf, "%*s<srv", indent, "");
        virXMLFormatAttr(buf, "service", srv->service);
        virXMLFormatAttr(buf, "protocol", srv->protocol);
        virXMLFormatAttr(buf, "domain", srv->domain);
        virXMLFormatAttr(buf, "target", srv->target);
        if (srv->port)
            g_string_append_printf(buf, " port='%u'", srv->port);
        if (srv->priority)
            g_string_append_printf(buf, " priority='%u'", srv->priority);
        if (srv->weight)
            g_string_append_printf(buf, " weight='%u'", srv->weight);
        g_string_append(buf, "/>\n");
    }
    for (i = 0; i < dns->nhosts; i++) {
        g_string_append_printf(buf, "%*s<host", indent, "");
        virNetworkAppendAddrAttr(buf, "ip", &dns->hosts[i].ip);
        g_string_append(buf, ">\n");
        for (j = 0; j < dns->hosts[i].nhostnames; j++)
            virXMLFormatTextElement(buf, indent + 2, "hostname", dns->hosts[i].hostnames[j]);
        g_string_append_printf(buf, "%*s</host>\n", indent, "");
    }
    g_string_append_printf(buf, "%*s</dns>\n", indent - 2, "");
}

static void
virNetworkPortGroupFormat(GString *buf, int indent, const virNetworkPortGroupDef *pg)
{
    g_string_append_printf(buf, "%*s<portgroup", indent, "");
    virXMLFormatAttr(buf, "name", pg->name);
    if (pg->isDefault)
        g_string_append(buf, " default='yes'");
    if (pg->trustGuestRxFilters)
        g_string_append_printf(buf, " trustGuestRxFilters='%s'",
                               virTristateBoolTypeToString(pg->trustGuestRxFilters));
    g_string_append(buf, ">\n");
    virNetworkVlanFormat(buf, indent + 2, &pg->vlan);
    virNetworkBandwidthFormat(buf, indent + 2, pg->bandwidth, 0);
    g_string_append_printf(buf, "%*s</portgroup>\n", indent, "");
}

void
virNetworkDefFormatBuf(GString *buf, int indent, const virNetworkDef *def, unsigned int flags)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool hasBridge = virNetworkDefForwardIsL3(def->forward.type);
    size_t i;

    g_string_append_printf(buf, "%*s<network", indent, "");
    if (!(flags & VIR_NETWORK_XML_INACTIVE) && def->connections > 0)
        g_string_append_printf(buf, " connections='%u'", def->connections);
    if (def->ipv6nogw)
        g_string_append(buf, " ipv6='yes'");
    if (def->trustGuestRxFilters)
        g_string_append_printf(buf, " trustGuestRxFilters='%s'",
                               virTristateBoolTypeToString(def->trustGuestRxFilters));
    g_string_append(buf, ">\n");
    indent += 2;

    virXMLFormatTextElement(buf, indent, "name", def->name);
    virXMLFormatTextElement(buf, indent, "uuid", virUUIDFormat(def->uuid, uuid));
    virNetworkForwardFormat(buf, indent, def, flags);

    if (hasBridge || def->bridge || def->macTableManager) {
        g_string_append_printf(buf, "%*s<bridge", indent, "");
        virXMLFormatAttr(buf, "name", def->bridge);
        if (def->macTableManager)
            g_string_append_printf(buf, " macTableManager='%s'",
                                   virNetworkBridgeMACTableManagerTypeToString(def->macTableManager));
        if (hasBridge)
            g_string_append_printf(buf, " stp='%s' delay='%lu'",
                                   def->stp == VIR_TRISTATE_SWITCH_OFF ? "off" : "on",
                                   def->delay);
        g_string_append(buf, "/>\n");
    }
    if (def->mtu)
        g_string_append_printf(buf, "%*s<mtu size='%u'/>\n", indent, "", def->mtu);
    if (def->macSpecified) {
        char mac[VIR_MAC_STRING_BUFLEN];

        g_string_append_printf(buf, "%*s<mac address='%s'/>\n", indent, "",
                               virMacAddrFormat(def->mac, mac));
    }
    if (def->domain) {
        g_string_append_printf(buf, "%*s<domain", indent, "");
        virXMLFormatAttr(buf, "name", def->domain);
        if (def->domainLocalOnly)
            g_string_append_printf(buf, " localOnly='%s'",
                                   virTristateBoolTypeToString(def->domainLocalOnly));
        g_string_append(buf, "/>\n");
    }
    virNetworkDNSFormat(buf, indent, &def->dns);
    virNetworkVlanFormat(buf, indent, &def->vlan);
    virNetworkBandwidthFormat(buf, indent, def->bandwidth, 0);
    for (i = 0; i < def->nips; i++)
        virNetworkIPFormat(buf, indent, &def->ips[i]);
    for (i = 0; i < def->nportgroups; i++)
        virNetworkPortGroupFormat(buf, indent, &def->portgroups[i]);

    g_string_append_printf(buf, "%*s</network>\n", indent - 2, "");
}

char *
virNetworkDefFormat(const virNetworkDef *def, unsigned int flags)
{
    GString *buf = g_string_new(NULL);

    virNetworkDefFormatBuf(buf, 0, def, flags);
    return g_string_free(buf, FALSE);
}
