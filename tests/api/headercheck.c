/*
 * headercheck.c: compile-time checks of the public headers in include/libvirt
 *
 * Everything here is decided by the compiler; the program only exists so
 * that meson has something to build and run.  The values are libvirt 9.0's
 * (see compare-enums.py for the exhaustive comparison).  It uses no library
 * symbol, so it links without libvirt.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* virterror.h first: it must work without libvirt.h before it. */
#include <libvirt/virterror.h>
#include <libvirt/libvirt.h>

#include <stddef.h>
#include <string.h>

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
# define CHECK(expr) _Static_assert(expr, #expr)
#else
# define CHECK_JOIN2(a, b) a##b
# define CHECK_JOIN(a, b) CHECK_JOIN2(a, b)
# define CHECK(expr) \
    typedef char CHECK_JOIN(check_at_line_, __LINE__)[(expr) ? 1 : -1]
#endif

/* ---- version and sizes ---- */
CHECK(LIBVIR_VERSION_NUMBER == 9000000);
CHECK(LIBVIR_CHECK_VERSION(9, 0, 0));
CHECK(LIBVIR_CHECK_VERSION(8, 10, 0));
CHECK(!LIBVIR_CHECK_VERSION(9, 0, 1));
CHECK(VIR_UUID_BUFLEN == 16);
CHECK(VIR_UUID_STRING_BUFLEN == 37);
CHECK(VIR_TYPED_PARAM_FIELD_LENGTH == 80);
CHECK(VIR_SECURITY_LABEL_BUFLEN == 4097);
CHECK(VIR_SECURITY_MODEL_BUFLEN == 257);
CHECK(VIR_SECURITY_DOI_BUFLEN == 257);

/* ---- errors ---- */
CHECK(VIR_ERR_OK == 0);
CHECK(VIR_ERR_INTERNAL_ERROR == 1);
CHECK(VIR_ERR_NO_SUPPORT == 3);
CHECK(VIR_ERR_INVALID_ARG == 8);
CHECK(VIR_ERR_OPERATION_FAILED == 9);
CHECK(VIR_ERR_XML_ERROR == 27);
CHECK(VIR_ERR_OPERATION_DENIED == 29);
CHECK(VIR_ERR_RPC == 39);
CHECK(VIR_ERR_NO_DOMAIN == 42);
CHECK(VIR_ERR_AUTH_FAILED == 45);
CHECK(VIR_ERR_OPERATION_INVALID == 55);
CHECK(VIR_ERR_CONFIG_UNSUPPORTED == 67);
CHECK(VIR_ERR_INVALID_STREAM == 73);
CHECK(VIR_ERR_OPERATION_UNSUPPORTED == 84);
CHECK(VIR_ERR_ACCESS_DENIED == 88);
CHECK(VIR_ERR_NO_HOSTNAME == 108);
CHECK(VIR_ERR_MULTIPLE_DOMAINS == 110);
CHECK(VIR_FROM_NONE == 0);
CHECK(VIR_FROM_QEMU == 10);
CHECK(VIR_FROM_REMOTE == 13);
CHECK(VIR_FROM_DOMAIN == 20);
CHECK(VIR_FROM_STREAMS == 38);
CHECK(VIR_FROM_EVENT == 40);
CHECK(VIR_FROM_CH == 72);
CHECK(VIR_ERR_ERROR == 2);
CHECK(offsetof(virError, code) == 0);
CHECK(offsetof(virError, domain) == sizeof(int));

/* ---- host ---- */
CHECK(VIR_CONNECT_RO == 1);
CHECK(VIR_CONNECT_NO_ALIASES == 2);
CHECK(VIR_CRED_USERNAME == 1);
CHECK(VIR_CRED_PASSPHRASE == 5);
CHECK(VIR_CRED_EXTERNAL == 9);
CHECK(VIR_CONNECT_CLOSE_REASON_KEEPALIVE == 2);
CHECK(VIR_TYPED_PARAM_STRING == 7);
CHECK(VIR_TYPED_PARAM_STRING_OKAY == 4);

/* ---- domains ---- */
CHECK(VIR_DOMAIN_RUNNING == 1);
CHECK(VIR_DOMAIN_SHUTOFF == 5);
CHECK(VIR_DOMAIN_PMSUSPENDED == 7);
CHECK(VIR_DOMAIN_RUNNING_BOOTED == 1);
CHECK(VIR_DOMAIN_RUNNING_POSTCOPY_FAILED == 11);
CHECK(VIR_DOMAIN_PAUSED_USER == 1);
CHECK(VIR_DOMAIN_PAUSED_STARTING_UP == 11);
CHECK(VIR_DOMAIN_SHUTOFF_SHUTDOWN == 1);
CHECK(VIR_DOMAIN_SHUTOFF_DESTROYED == 2);
CHECK(VIR_DOMAIN_SHUTOFF_DAEMON == 8);
CHECK(VIR_DOMAIN_CRASHED_PANICKED == 1);
CHECK(VIR_CONNECT_LIST_DOMAINS_ACTIVE == 1);
CHECK(VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT == 32768);
CHECK(VIR_DOMAIN_START_PAUSED == 1);
CHECK(VIR_DOMAIN_START_RESET_NVRAM == 32);
CHECK(VIR_DOMAIN_XML_INACTIVE == 2);
CHECK(VIR_DOMAIN_DEFINE_VALIDATE == 1);
CHECK(VIR_DOMAIN_UNDEFINE_NVRAM == 4);
CHECK(VIR_DOMAIN_UNDEFINE_KEEP_TPM == 64);
CHECK(VIR_DOMAIN_DESTROY_GRACEFUL == 1);
CHECK(VIR_DOMAIN_SHUTDOWN_GUEST_AGENT == 2);
CHECK(VIR_DOMAIN_REBOOT_PARAVIRT == 16);
CHECK(VIR_DOMAIN_CONSOLE_SAFE == 2);

/* ---- events ---- */
CHECK(VIR_DOMAIN_EVENT_ID_LIFECYCLE == 0);
CHECK(VIR_DOMAIN_EVENT_ID_REBOOT == 1);
CHECK(VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED == 15);
CHECK(VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE == 25);
CHECK(VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE == 26);
CHECK(VIR_DOMAIN_EVENT_STARTED == 2);
CHECK(VIR_DOMAIN_EVENT_STOPPED == 5);
CHECK(VIR_DOMAIN_EVENT_CRASHED == 8);
CHECK(VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT == 3);
CHECK(VIR_DOMAIN_EVENT_STARTED_WAKEUP == 4);
CHECK(VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED == 8);
CHECK(VIR_DOMAIN_EVENT_STOPPED_DESTROYED == 1);
CHECK(VIR_DOMAIN_EVENT_SHUTDOWN_HOST == 2);
CHECK(VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED == 1);
CHECK(VIR_EVENT_HANDLE_READABLE == 1);
CHECK(VIR_EVENT_HANDLE_HANGUP == 8);

/* ---- streams ---- */
CHECK(VIR_STREAM_NONBLOCK == 1);
CHECK(VIR_STREAM_RECV_STOP_AT_HOLE == 1);
CHECK(VIR_STREAM_EVENT_WRITABLE == 2);
CHECK(VIR_STREAM_EVENT_ERROR == 4);

/* ---- secrets ---- */
CHECK(VIR_ERR_INVALID_SECRET == 65);
CHECK(VIR_ERR_NO_SECRET == 66);
CHECK(VIR_FROM_SECRET == 30);
CHECK(VIR_SECRET_USAGE_TYPE_VOLUME == 1);
CHECK(VIR_SECRET_USAGE_TYPE_VTPM == 5);
CHECK(VIR_CONNECT_LIST_SECRETS_NO_PRIVATE == 8);
CHECK(VIR_SECRET_DEFINE_VALIDATE == 1);
CHECK(VIR_SECRET_EVENT_ID_VALUE_CHANGED == 1);
CHECK(VIR_SECRET_EVENT_UNDEFINED == 1);

/* ---- sentinels are absent unless asked for ---- */
#ifdef VIR_ENUM_SENTINELS
CHECK(VIR_DOMAIN_EVENT_ID_LAST == 27);
CHECK(VIR_ERR_NUMBER_LAST == 111);
CHECK(VIR_ERR_DOMAIN_LAST == 73);
#else
enum { VIR_DOMAIN_EVENT_ID_LAST = -1, VIR_ERR_NUMBER_LAST = -1 };
#endif

/* ---- callbacks written the way clients write them ---- */
static int
lifecycleCb(virConnectPtr conn, virDomainPtr dom, int event, int detail,
            void *opaque)
{
    (void)conn; (void)dom; (void)event; (void)detail; (void)opaque;
    return 0;
}

static void
rebootCb(virConnect *conn, virDomain *dom, void *opaque)
{
    (void)conn; (void)dom; (void)opaque;
}

static void
secretValueCb(virConnectPtr conn, virSecret *secret, void *opaque)
{
    (void)conn; (void)secret; (void)opaque;
}

static void
closeCb(virConnectPtr conn, int reason, void *opaque)
{
    (void)conn; (void)reason; (void)opaque;
}

static int
sinkCb(virStreamPtr st, const char *data, size_t nbytes, void *opaque)
{
    (void)st; (void)data; (void)opaque;
    return (int)nbytes;
}

int
main(void)
{
    virConnectDomainEventCallback lifecycle = lifecycleCb;
    /* Casting a differently shaped callback is what the macro is for,
     * but -Wextra flags that; the reboot one needs no conversion. */
    virConnectDomainEventGenericCallback reboot =
        VIR_DOMAIN_EVENT_CALLBACK(rebootCb);
    virConnectSecretEventGenericCallback secretValue =
        VIR_SECRET_EVENT_CALLBACK(secretValueCb);
    virConnectCloseFunc onClose = closeCb;
    virStreamSinkFunc sink = sinkCb;
    virNodeInfo node = { "x86_64", 1024, 4, 0, 1, 1, 2, 2 };
    virError err;
    virConnectAuth auth = { NULL, 0, NULL, NULL };
    virTypedParameter param;

    /* Both spellings of each handle type name the same thing. */
    virDomainPtr dom = (virDomain *)NULL;
    virStream *st = (virStreamPtr)NULL;

    /* The prototypes accept what clients pass (never evaluated). */
    (void)sizeof(virConnectDomainEventRegisterAny(NULL, dom,
                                                  VIR_DOMAIN_EVENT_ID_REBOOT,
                                                  reboot, NULL, NULL));
    (void)sizeof(virConnectDomainEventRegister(NULL, lifecycle, NULL, NULL));
    (void)sizeof(virStreamRecvAll(st, sink, NULL));
    (void)sizeof(virConnectSecretEventRegisterAny(NULL, (virSecretPtr)NULL,
                                                  VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                                  secretValue, NULL, NULL));
    (void)sizeof(virConnectRegisterCloseCallback(NULL, onClose, NULL, NULL));
    (void)sizeof(virGetLastErrorMessage());
    (void)sizeof(virConnectOpenAuth("test:///default", &auth, VIR_CONNECT_RO));

    memset(&err, 0, sizeof(err));
    param.type = VIR_TYPED_PARAM_ULLONG;
    param.value.ul = 1;
    err.code = VIR_ERR_NO_DOMAIN;
    err.domain = VIR_FROM_QEMU;
    err.level = VIR_ERR_ERROR;

    (void)VIR_DOMAIN_EVENT_ID_LAST;
    (void)VIR_ERR_NUMBER_LAST;
    return VIR_NODEINFO_MAXCPUS(node) == 4 && err.code == 42 &&
           param.value.ul == 1 ? 0 : 1;
}
