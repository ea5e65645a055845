/* Internal to common/conf: the element parsers and clearers of
 * network_conf.c that net-update (network_conf_update.c) also uses.
 * Parsers report their errors; partial=true accepts the subset of
 * attributes net-update's "match this entry" snippets carry. */
#pragma once

#include "network_conf.h"

void virNetworkDefClear(virNetworkDef *def);
void virNetworkForwardIfClear(virNetworkForwardIf *fif);
void virNetworkPortGroupDefClear(virNetworkPortGroupDef *pg);
void virNetworkDHCPHostClear(virNetworkDHCPHost *host);
void virNetworkDNSHostClear(virNetworkDNSHost *host);
void virNetworkDNSSrvClear(virNetworkDNSSrv *srv);
void virNetworkDNSTxtClear(virNetworkDNSTxt *txt);
int virNetworkDHCPRangeParse(xmlNodePtr node, const char *netName, int family,
                             virNetworkDHCPRange *range);
int virNetworkDHCPHostParse(xmlNodePtr node, const char *netName, int family,
                            virNetworkDHCPHost *host, bool partial);
int virNetworkDNSHostParse(xmlNodePtr node, const char *netName, virNetworkDNSHost *host,
                           bool partial);
int virNetworkDNSSrvParse(xmlNodePtr node, const char *netName, virNetworkDNSSrv *srv,
                          bool partial);
int virNetworkDNSTxtParse(xmlNodePtr node, const char *netName, virNetworkDNSTxt *txt,
                          bool partial);
int virNetworkPortGroupParse(xmlNodePtr node, virNetworkPortGroupDef *pg);
int virNetworkDefCheckForwardMode(const virNetworkDef *def);
