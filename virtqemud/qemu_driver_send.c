/* What virtqemud sends into a running guest on request: an NMI (virsh
 * inject-nmi) and key presses (virsh send-key). */
#include "qemu_driver.h"

#include <json-c/json.h>

#include "qemu_domain.h"
#include "virerror.h"
#include "virkeycode.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

int
qemuDomainInjectNMI(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomainJobBegin(obj, "inject NMI", true) == 0) {
        ret = qemuMonitorCommand(qemuDomainObjPrivateGet(obj)->mon, "inject-nmi", NULL, NULL);
        qemuDomainJobEnd(obj);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

/* send-key's arguments: every key as its qnum, all pressed together and
 * released after holdtime ms. */
static json_object *
qemuSendKeyArgs(unsigned int codeset, unsigned int holdtime, const unsigned int *keycodes,
                int nkeycodes)
{
    g_autoptr(json_object) args = json_object_new_object();
    json_object *keys = json_object_new_array();
    int i;

    json_object_object_add(args, "keys", keys);
    for (i = 0; i < nkeycodes; i++) {
        int qnum = virKeycodeToQnum(codeset, keycodes[i]);
        json_object *key;

        if (qnum < 0)
            return NULL;
        key = json_object_new_object();
        json_object_object_add(key, "type", json_object_new_string("number"));
        json_object_object_add(key, "data", json_object_new_int(qnum));
        json_object_array_add(keys, key);
    }
    if (holdtime)
        json_object_object_add(args, "hold-time", json_object_new_int64(holdtime));
    return g_steal_pointer(&args);
}

int
qemuDomainSendKey(virDrvConnect *conn, virDrvDomain *dom, unsigned int codeset,
                  unsigned int holdtime, const unsigned int *keycodes, int nkeycodes,
                  unsigned int flags)
{
    g_autoptr(json_object) args = NULL;
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    if (nkeycodes <= 0 || nkeycodes > VIR_DOMAIN_SEND_KEY_MAX_KEYS) {
        virReportError(VIR_ERR_INVALID_ARG, "nkeycodes must be between 1 and %d",
                       VIR_DOMAIN_SEND_KEY_MAX_KEYS);
        return -1;
    }
    if (!(args = qemuSendKeyArgs(codeset, holdtime, keycodes, nkeycodes)))
        return -1;
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomainJobBegin(obj, "send key", true) == 0) {
        ret = qemuMonitorCommand(qemuDomainObjPrivateGet(obj)->mon, "send-key",
                                 g_steal_pointer(&args), NULL);
        qemuDomainJobEnd(obj);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}
