/* The client library's configuration, libvirt.conf:
 *
 *   uri_default = "qemu:///system"
 *   uri_aliases = [ "hv1=qemu+ssh://root@hv1/system", "local=qemu:///system" ]
 *   remote_mode = "direct"        # auto | direct | legacy
 *   remote_proxy = "native"       # auto | netcat | native
 *
 * Root reads /etc/libvirt/libvirt.conf, other users
 * $XDG_CONFIG_HOME/libvirt/libvirt.conf (~/.config when unset). Every value
 * is checked when the file is loaded, so a bad entry is reported once, up
 * front, whichever URI is opened later. */
#pragma once

#include "internal.h"

#include "remote_sockets.h"

typedef struct _virClientConfig virClientConfig;

/* The file for this user. root (NULL or "": none) prefixes the system
 * path, for tests and --root style installs. */
char *virClientConfigGetPath(bool privileged, const char *root);

/* Loads path; a missing file gives the defaults (no aliases, no default
 * URI, modes auto). NULL with an error reported when the file cannot be
 * read, does not parse, or holds a bad value: VIR_ERR_CONF_SYNTAX for an
 * alias entry that is not "name=uri" with a name of [a-zA-Z0-9_-]+ and a
 * non-empty URI, or for an unknown remote_mode/remote_proxy. */
virClientConfig *virClientConfigLoad(const char *path);
void virClientConfigFree(virClientConfig *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virClientConfig, virClientConfigFree);

/* The URI an alias stands for, or NULL when name is no alias (the first
 * entry of a name wins). */
const char *virClientConfigResolveAlias(virClientConfig *cfg, const char *name);

/* The URI to open for the caller's name (NULL or "" when none), in
 * libvirt's order:
 *   1. name, where "xen" and "xen://" still mean "xen:///system";
 *   2. else $LIBVIRT_DEFAULT_URI when set and not empty;
 *   3. else uri_default;
 * and whichever was taken goes through uri_aliases unless noAliases
 * (VIR_CONNECT_NO_ALIASES). NULL when none applies: the caller probes. */
char *virClientConfigChooseURI(virClientConfig *cfg, const char *name, bool noAliases);

/* uri_default, or NULL. */
const char *virClientConfigGetDefaultURI(virClientConfig *cfg);

/* remote_mode / remote_proxy; VIR_REMOTE_*_AUTO when unset. A client
 * running inside a daemon uses direct unless remote_mode is set: it asks
 * virClientConfigHasMode. */
virRemoteMode virClientConfigGetMode(virClientConfig *cfg);
bool virClientConfigHasMode(virClientConfig *cfg);
virRemoteProxy virClientConfigGetProxy(virClientConfig *cfg);
