/* Linux bridges: created and deleted through rtnetlink, ports attached by
 * setting their master, STP settings through sysfs (/sys/class/net/BR/bridge). */
#pragma once

#include "internal.h"

/* Creates bridge ifname (an existing one is an error: EEXIST), with the MAC
 * address mac unless it is NULL. The bridge is left down. */
int virNetDevBridgeCreate(const char *ifname, const unsigned char *mac);
/* Brings the bridge down and deletes it; a missing bridge is an error. */
int virNetDevBridgeDelete(const char *ifname);

int virNetDevBridgeAddPort(const char *bridge, const char *ifname);
/* Fails when ifname is not a port of bridge. */
int virNetDevBridgeRemovePort(const char *bridge, const char *ifname);
/* The bridge ifname is a port of into *bridge (NULL when none). */
int virNetDevBridgeGetMaster(const char *ifname, char **bridge);

int virNetDevBridgeSetSTP(const char *bridge, bool enable);
int virNetDevBridgeGetSTP(const char *bridge, bool *enable);
/* The forward delay in milliseconds (the kernel keeps centiseconds). While
 * STP is on the kernel refuses delays under 2s, so set it before enabling. */
int virNetDevBridgeSetSTPDelay(const char *bridge, int delay);
int virNetDevBridgeGetSTPDelay(const char *bridge, int *delay);
