/* net-update (virNetworkDefUpdateSection): add, modify and delete one
 * element of a section of a network definition. Split from network_conf.c,
 * whose element parsers it shares through network_conf_priv.h. */
#include "network_conf_priv.h"

#include <string.h>

#include <libxml/tree.h>

#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK


/* Names of virNetworkUpdateSection, for messages. */
static const char *const virNetworkSectionNames[] = {
    "none", "bridge", "domain", "ip", "ip-dhcp-host", "ip-dhcp-range", "forward",
    "forward-interface", "forward-pf", "portgroup", "dns-host", "dns-txt", "dns-srv",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virNetworkSectionNames) == VIR_NETWORK_SECTION_LAST);

static void *
virNetworkArrayInsert(void **array, size_t *count, size_t size, bool first)
{
    char *a = g_realloc(*array, (*count + 2) * size);
    size_t at = first ? 0 : *count;

    if (first)
        memmove(a + size, a, *count * size);
    memset(a + at * size, 0, size);
    memset(a + (*count + 1) * size, 0, size);
    *array = a;
    (*count)++;
    return a + at * size;
}

/* The caller has cleared the element already. */
static void
virNetworkArrayRemove(void *array, size_t *count, size_t size, size_t idx)
{
    char *a = array;

    memmove(a + idx * size, a + (idx + 1) * size, (*count - idx - 1) * size);
    (*count)--;
    memset(a + *count * size, 0, size);
}

static bool
virNetworkUpdateIsAdd(unsigned int command)
{
    return command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
           command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
}

static int
virNetworkUpdateCheckElement(const virNetworkDef *def, xmlNodePtr node, const char *name)
{
    if (!xmlStrEqual(node->name, BAD_CAST name)) {
        virReportError(VIR_ERR_XML_ERROR,
                       "unexpected element <%s>, expecting <%s>, while updating network '%s'",
                       (const char *)node->name, name, def->name);
        return -1;
    }
    return 0;
}

static int
virNetworkUpdateNoModify(unsigned int command, const char *what)
{
    if (command != VIR_NETWORK_UPDATE_COMMAND_MODIFY)
        return 0;
    virReportError(VIR_ERR_NO_SUPPORT, "%s cannot be modified, only added or deleted", what);
    return -1;
}

/* The <ip> a DHCP entry goes to: by index, else the one whose subnet holds
 * addr, else the first of family with DHCP, else the first of family. */
static virNetworkIPDef *
virNetworkUpdateFindIP(virNetworkDef *def, int parentIndex, const virSocketAddr *addr,
                       int family, const char *what)
{
    virNetworkIPDef *ip;
    size_t i;

    if (parentIndex >= 0) {
        if (!(ip = virNetworkDefGetIPByIndex(def, AF_UNSPEC, parentIndex)))
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't update %s entry - no <ip> element found at index %d in network '%s'",
                           what, parentIndex, def->name);
        return ip;
    }
    if (VIR_SOCKET_ADDR_VALID(addr)) {
        if ((ip = (virNetworkIPDef *)virNetworkDefFindIPForAddr(def, addr)))
            return ip;
        family = addr->family;
    }
    for (i = 0; (ip = virNetworkDefGetIPByIndex(def, family, i)); i++) {
        if (ip->nranges || ip->nhosts)
            return ip;
    }
    if ((ip = virNetworkDefGetIPByIndex(def, family, 0)))
        return ip;
    virReportError(VIR_ERR_OPERATION_INVALID,
                   "couldn't update %s entry - no <ip> element found in network '%s'",
                   what, def->name);
    return NULL;
}

static int
virNetworkUpdateDHCPHost(virNetworkDef *def, unsigned int command, int parentIndex,
                         xmlNodePtr node)
{
    g_autofree char *ipattr = virXMLPropString(node, "ip");
    g_autofree char *idattr = virXMLPropString(node, "id");
    virNetworkDHCPHost host = { 0 };
    virSocketAddr addr = { 0 };
    virNetworkIPDef *ip;
    bool partial = command == VIR_NETWORK_UPDATE_COMMAND_DELETE;
    size_t i;
    int ret = -1;

    if (virNetworkUpdateCheckElement(def, node, "host") < 0)
        return -1;
    if (ipattr)
        (void)virSocketAddrParse(&addr, ipattr, AF_UNSPEC);
    if (!(ip = virNetworkUpdateFindIP(def, parentIndex, &addr,
                                      idattr ? AF_INET6 : AF_INET, "dhcp host")))
        return -1;
    if (virNetworkDHCPHostParse(node, def->name,
                                VIR_SOCKET_ADDR_IS_FAMILY(&ip->address, AF_INET6) ? AF_INET6 : AF_INET,
                                &host, partial) < 0)
        goto cleanup;

    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        /* The entry to replace is the one with the same MAC (IPv4) or
         * DUID or, lacking both, the same name. */
        const char *key = host.mac ? "mac" : host.id ? "id" : "name";
        const char *val = host.mac ? host.mac : host.id ? host.id : host.name;

        for (i = 0; i < ip->nhosts; i++) {
            const char *other = host.mac ? ip->hosts[i].mac :
                                host.id ? ip->hosts[i].id : ip->hosts[i].name;
            if (g_strcmp0(other, val) == 0)
                break;
        }
        if (i == ip->nhosts) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate an existing dhcp host entry with \"%s='%s'\" in network '%s'",
                           key, val, def->name);
            goto cleanup;
        }
        virNetworkDHCPHostClear(&ip->hosts[i]);
        ip->hosts[i] = host;
        memset(&host, 0, sizeof(host));
    } else if (virNetworkUpdateIsAdd(command)) {
        for (i = 0; i < ip->nhosts; i++) {
            const virNetworkDHCPHost *h = &ip->hosts[i];

            if ((host.mac && g_strcmp0(host.mac, h->mac) == 0) ||
                (host.id && g_strcmp0(host.id, h->id) == 0) ||
                (host.name && g_strcmp0(host.name, h->name) == 0) ||
                virSocketAddrEqual(&host.ip, &h->ip)) {
                g_autofree char *hip = virSocketAddrFormat(&h->ip);

                virReportError(VIR_ERR_OPERATION_INVALID,
                               "there is an existing dhcp host entry in network '%s' that matches \"<host mac='%s' name='%s' ip='%s'/>\"",
                               def->name, h->mac ? h->mac : (h->id ? h->id : ""),
                               h->name ? h->name : "", hip ? hip : "");
                goto cleanup;
            }
        }
        *(virNetworkDHCPHost *)virNetworkArrayInsert((void **)&ip->hosts, &ip->nhosts,
                                                     sizeof(host),
                                                     command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) = host;
        memset(&host, 0, sizeof(host));
    } else {
        for (i = 0; i < ip->nhosts; i++) {
            const virNetworkDHCPHost *h = &ip->hosts[i];

            if ((!host.mac || g_strcmp0(host.mac, h->mac) == 0) &&
                (!host.id || g_strcmp0(host.id, h->id) == 0) &&
                (!host.name || g_strcmp0(host.name, h->name) == 0) &&
                (!VIR_SOCKET_ADDR_VALID(&host.ip) || virSocketAddrEqual(&host.ip, &h->ip)))
                break;
        }
        if (i == ip->nhosts) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate a matching dhcp host entry in network '%s'",
                           def->name);
            goto cleanup;
        }
        virNetworkDHCPHostClear(&ip->hosts[i]);
        virNetworkArrayRemove(ip->hosts, &ip->nhosts, sizeof(host), i);
    }
    ret = 0;

 cleanup:
    virNetworkDHCPHostClear(&host);
    return ret;
}

static int
virNetworkUpdateDHCPRange(virNetworkDef *def, unsigned int command, int parentIndex,
                          xmlNodePtr node)
{
    g_autofree char *startattr = virXMLPropString(node, "start");
    virNetworkDHCPRange range = { 0 };
    virSocketAddr addr = { 0 };
    virNetworkIPDef *ip;
    size_t i;
    int ret = -1;

    if (virNetworkUpdateCheckElement(def, node, "range") < 0 ||
        virNetworkUpdateNoModify(command, "dhcp ranges") < 0)
        return -1;
    if (startattr)
        (void)virSocketAddrParse(&addr, startattr, AF_UNSPEC);
    if (!(ip = virNetworkUpdateFindIP(def, parentIndex, &addr, AF_INET, "dhcp range")))
        return -1;
    if (virNetworkDHCPRangeParse(node, def->name, ip->address.family, &range) < 0)
        goto cleanup;

    for (i = 0; i < ip->nranges; i++) {
        if (virSocketAddrEqual(&range.start, &ip->ranges[i].start) &&
            virSocketAddrEqual(&range.end, &ip->ranges[i].end))
            break;
    }
    if (virNetworkUpdateIsAdd(command)) {
        if (i < ip->nranges) {
            g_autofree char *start = virSocketAddrFormat(&range.start);
            g_autofree char *end = virSocketAddrFormat(&range.end);

            virReportError(VIR_ERR_OPERATION_INVALID,
                           "there is an existing dhcp range entry in network '%s' that matches \"<range start='%s' end='%s'/>\"",
                           def->name, start, end);
            goto cleanup;
        }
        *(virNetworkDHCPRange *)virNetworkArrayInsert((void **)&ip->ranges, &ip->nranges,
                                                      sizeof(range),
                                                      command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) = range;
        range.lease = NULL;
    } else {
        if (i == ip->nranges) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate a matching dhcp range entry in network '%s'",
                           def->name);
            goto cleanup;
        }
        g_free(ip->ranges[i].lease);
        virNetworkArrayRemove(ip->ranges, &ip->nranges, sizeof(range), i);
    }
    ret = 0;

 cleanup:
    g_free(range.lease);
    return ret;
}

static bool
virNetworkDNSHostMatches(const virNetworkDNSHost *pattern, const virNetworkDNSHost *host,
                         bool any)
{
    size_t i, j;
    bool ipMatch = VIR_SOCKET_ADDR_VALID(&pattern->ip) &&
                   virSocketAddrEqual(&pattern->ip, &host->ip);
    size_t namesFound = 0;

    for (i = 0; i < pattern->nhostnames; i++) {
        for (j = 0; j < host->nhostnames; j++) {
            if (strcmp(pattern->hostnames[i], host->hostnames[j]) == 0) {
                namesFound++;
                break;
            }
        }
    }
    if (any)
        return ipMatch || namesFound > 0;
    return (!VIR_SOCKET_ADDR_VALID(&pattern->ip) || ipMatch) &&
           namesFound == pattern->nhostnames;
}

static int
virNetworkUpdateDNSHost(virNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    virNetworkDNSDef *dns = &def->dns;
    virNetworkDNSHost host = { 0 };
    size_t i, found = 0, foundIdx = 0;
    int ret = -1;

    if (virNetworkUpdateCheckElement(def, node, "host") < 0 ||
        virNetworkUpdateNoModify(command, "DNS HOST records") < 0)
        return -1;
    if (virNetworkDNSHostParse(node, def->name, &host,
                               command == VIR_NETWORK_UPDATE_COMMAND_DELETE) < 0)
        goto cleanup;

    for (i = 0; i < dns->nhosts; i++) {
        if (virNetworkDNSHostMatches(&host, &dns->hosts[i], virNetworkUpdateIsAdd(command))) {
            found++;
            foundIdx = i;
        }
    }
    if (virNetworkUpdateIsAdd(command)) {
        if (found) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "there is already at least one DNS HOST record with a matching field in network %s",
                           def->name);
            goto cleanup;
        }
        *(virNetworkDNSHost *)virNetworkArrayInsert((void **)&dns->hosts, &dns->nhosts,
                                                    sizeof(host),
                                                    command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) = host;
        memset(&host, 0, sizeof(host));
    } else {
        if (found == 0) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate a matching DNS HOST record in network %s", def->name);
            goto cleanup;
        }
        if (found > 1) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "multiple matching DNS HOST records were found in network %s",
                           def->name);
            goto cleanup;
        }
        virNetworkDNSHostClear(&dns->hosts[foundIdx]);
        virNetworkArrayRemove(dns->hosts, &dns->nhosts, sizeof(host), foundIdx);
    }
    ret = 0;

 cleanup:
    virNetworkDNSHostClear(&host);
    return ret;
}

static bool
virNetworkDNSSrvMatches(const virNetworkDNSSrv *pattern, const virNetworkDNSSrv *srv)
{
    return (!pattern->domain || g_strcmp0(pattern->domain, srv->domain) == 0) &&
           (!pattern->service || g_strcmp0(pattern->service, srv->service) == 0) &&
           (!pattern->protocol || g_strcmp0(pattern->protocol, srv->protocol) == 0) &&
           (!pattern->target || g_strcmp0(pattern->target, srv->target) == 0) &&
           (!pattern->port || pattern->port == srv->port) &&
           (!pattern->priority || pattern->priority == srv->priority) &&
           (!pattern->weight || pattern->weight == srv->weight);
}

static int
virNetworkUpdateDNSSrv(virNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    virNetworkDNSDef *dns = &def->dns;
    virNetworkDNSSrv srv = { 0 };
    size_t i, found = 0, foundIdx = 0;
    int ret = -1;

    if (virNetworkUpdateCheckElement(def, node, "srv") < 0 ||
        virNetworkUpdateNoModify(command, "DNS SRV records") < 0)
        return -1;
    if (virNetworkDNSSrvParse(node, def->name, &srv,
                              command == VIR_NETWORK_UPDATE_COMMAND_DELETE) < 0)
        goto cleanup;

    for (i = 0; i < dns->nsrvs; i++) {
        if (virNetworkDNSSrvMatches(&srv, &dns->srvs[i])) {
            found++;
            foundIdx = i;
        }
    }
    if (virNetworkUpdateIsAdd(command)) {
        if (found) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "there is already at least one DNS SRV record matching all specified fields in network %s",
                           def->name);
            goto cleanup;
        }
        *(virNetworkDNSSrv *)virNetworkArrayInsert((void **)&dns->srvs, &dns->nsrvs, sizeof(srv),
                                                   command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) = srv;
        memset(&srv, 0, sizeof(srv));
    } else {
        if (found == 0) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate a matching DNS SRV record in network %s", def->name);
            goto cleanup;
        }
        if (found > 1) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "multiple DNS SRV records matching all specified fields were found in network %s",
                           def->name);
            goto cleanup;
        }
        virNetworkDNSSrvClear(&dns->srvs[foundIdx]);
        virNetworkArrayRemove(dns->srvs, &dns->nsrvs, sizeof(srv), foundIdx);
    }
    ret = 0;

 cleanup:
    virNetworkDNSSrvClear(&srv);
    return ret;
}

static int
virNetworkUpdateDNSTxt(virNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    virNetworkDNSDef *dns = &def->dns;
    virNetworkDNSTxt txt = { 0 };
    size_t i;
    int ret = -1;

    if (virNetworkUpdateCheckElement(def, node, "txt") < 0 ||
        virNetworkUpdateNoModify(command, "DNS TXT records") < 0)
        return -1;
    if (virNetworkDNSTxtParse(node, def->name, &txt,
                              command == VIR_NETWORK_UPDATE_COMMAND_DELETE) < 0)
        goto cleanup;

    for (i = 0; i < dns->ntxts; i++) {
        if (strcmp(txt.name, dns->txts[i].name) == 0)
            break;
    }
    if (virNetworkUpdateIsAdd(command)) {
        if (i < dns->ntxts) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "there is already a DNS TXT record with name '%s' in network %s",
                           txt.name, def->name);
            goto cleanup;
        }
        *(virNetworkDNSTxt *)virNetworkArrayInsert((void **)&dns->txts, &dns->ntxts, sizeof(txt),
                                                   command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) = txt;
        memset(&txt, 0, sizeof(txt));
    } else {
        if (i == dns->ntxts) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate a matching DNS TXT record in network %s", def->name);
            goto cleanup;
        }
        virNetworkDNSTxtClear(&dns->txts[i]);
        virNetworkArrayRemove(dns->txts, &dns->ntxts, sizeof(txt), i);
    }
    ret = 0;

 cleanup:
    virNetworkDNSTxtClear(&txt);
    return ret;
}

static int
virNetworkUpdatePortGroup(virNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    virNetworkPortGroupDef pg = { 0 };
    size_t i, found;
    int ret = -1;

    if (virNetworkUpdateCheckElement(def, node, "portgroup") < 0 ||
        virNetworkPortGroupParse(node, &pg) < 0)
        goto cleanup;

    for (found = 0; found < def->nportgroups; found++) {
        if (strcmp(def->portgroups[found].name, pg.name) == 0)
            break;
    }
    if (found == def->nportgroups && !virNetworkUpdateIsAdd(command)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "couldn't find a portgroup entry in network '%s' matching <portgroup name='%s'>",
                       def->name, pg.name);
        goto cleanup;
    }
    if (found < def->nportgroups && virNetworkUpdateIsAdd(command)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "there is already a portgroup entry in network '%s' that matches <portgroup name='%s'>",
                       def->name, pg.name);
        goto cleanup;
    }
    if (command != VIR_NETWORK_UPDATE_COMMAND_DELETE && pg.isDefault) {
        for (i = 0; i < def->nportgroups; i++) {
            if (i != found && def->portgroups[i].isDefault) {
                virReportError(VIR_ERR_OPERATION_INVALID,
                               "a different portgroup entry in network '%s' is already set as the default. Only one default is allowed.",
                               def->name);
                goto cleanup;
            }
        }
    }

    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        virNetworkPortGroupDefClear(&def->portgroups[found]);
        def->portgroups[found] = pg;
        memset(&pg, 0, sizeof(pg));
    } else if (virNetworkUpdateIsAdd(command)) {
        *(virNetworkPortGroupDef *)virNetworkArrayInsert((void **)&def->portgroups,
                                                         &def->nportgroups, sizeof(pg),
                                                         command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) = pg;
        memset(&pg, 0, sizeof(pg));
    } else {
        virNetworkPortGroupDefClear(&def->portgroups[found]);
        virNetworkArrayRemove(def->portgroups, &def->nportgroups, sizeof(pg), found);
    }
    ret = 0;

 cleanup:
    virNetworkPortGroupDefClear(&pg);
    return ret;
}

static int
virNetworkUpdateForwardInterface(virNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    virNetworkForwardDef *fwd = &def->forward;
    g_autofree char *dev = NULL;
    size_t i;

    if (virNetworkUpdateCheckElement(def, node, "interface") < 0 ||
        virNetworkUpdateNoModify(command, "forward interface entries") < 0)
        return -1;
    if (!(dev = virXMLPropString(node, "dev")) || !*dev) {
        virReportError(VIR_ERR_XML_ERROR,
                       "missing dev attribute in <interface> element of network '%s'", def->name);
        return -1;
    }
    for (i = 0; i < fwd->nifs; i++) {
        if (fwd->ifs[i].type == VIR_NETWORK_FORWARD_IF_NETDEV &&
            g_strcmp0(fwd->ifs[i].dev, dev) == 0)
            break;
    }
    if (virNetworkUpdateIsAdd(command)) {
        virNetworkForwardIf *fif;

        if (i < fwd->nifs) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "there is an existing interface entry in network '%s' that matches \"<interface dev='%s'>\"",
                           def->name, dev);
            return -1;
        }
        fif = virNetworkArrayInsert((void **)&fwd->ifs, &fwd->nifs, sizeof(*fif),
                                    command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
        fif->type = VIR_NETWORK_FORWARD_IF_NETDEV;
        fif->dev = g_steal_pointer(&dev);
        return 0;
    }
    if (i == fwd->nifs) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "couldn't find an interface entry in network '%s' matching <interface dev='%s'>",
                       def->name, dev);
        return -1;
    }
    if (fwd->ifs[i].connections > 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "unable to delete interface '%s' in network '%s'. It is currently being used by %u domains.",
                       dev, def->name, fwd->ifs[i].connections);
        return -1;
    }
    virNetworkForwardIfClear(&fwd->ifs[i]);
    virNetworkArrayRemove(fwd->ifs, &fwd->nifs, sizeof(fwd->ifs[0]), i);
    return 0;
}

int
virNetworkDefUpdateSection(virNetworkDef *def, unsigned int command, unsigned int section,
                           int parentIndex, const char *xml, unsigned int flags)
{
    g_autoptr(virNetworkDef) copy = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr node;
    int rc;

    if (command < VIR_NETWORK_UPDATE_COMMAND_MODIFY ||
        command > VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       "unrecognized network update command code %u", command);
        return -1;
    }
    if (!(doc = virXMLParseString(xml, "network_update_xml", NULL, VIR_FROM_NETWORK)))
        return -1;
    node = xmlDocGetRootElement(doc);
    copy = virNetworkDefCopy(def);

    switch (section) {
    case VIR_NETWORK_SECTION_IP_DHCP_HOST:
        rc = virNetworkUpdateDHCPHost(copy, command, parentIndex, node);
        break;
    case VIR_NETWORK_SECTION_IP_DHCP_RANGE:
        rc = virNetworkUpdateDHCPRange(copy, command, parentIndex, node);
        break;
    case VIR_NETWORK_SECTION_FORWARD_INTERFACE:
        rc = virNetworkUpdateForwardInterface(copy, command, node);
        break;
    case VIR_NETWORK_SECTION_PORTGROUP:
        rc = virNetworkUpdatePortGroup(copy, command, node);
        break;
    case VIR_NETWORK_SECTION_DNS_HOST:
        rc = virNetworkUpdateDNSHost(copy, command, node);
        break;
    case VIR_NETWORK_SECTION_DNS_TXT:
        rc = virNetworkUpdateDNSTxt(copy, command, node);
        break;
    case VIR_NETWORK_SECTION_DNS_SRV:
        rc = virNetworkUpdateDNSSrv(copy, command, node);
        break;
    default:
        if (section < G_N_ELEMENTS(virNetworkSectionNames))
            virReportError(VIR_ERR_NO_SUPPORT, "can't update '%s' section of network '%s'",
                           virNetworkSectionNames[section], def->name);
        else
            virReportError(VIR_ERR_NO_SUPPORT, "%s",
                           "can't update unrecognized section of network");
        return -1;
    }
    if (rc < 0 ||
        virNetworkDefCheckForwardMode(copy) < 0 ||
        virNetworkDefValidate(copy) < 0)
        return -1;

    /* Only now that everything passed does def change. */
    virNetworkDefClear(def);
    *def = *copy;
    memset(copy, 0, sizeof(*copy));
    return 0;
}
