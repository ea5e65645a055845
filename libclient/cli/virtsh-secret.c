/* virtsh: secret commands, defining secrets, setting and reading their
 * values, listing them and waiting for their events. A secret is named
 * by its UUID only, as in virsh. */
#include "virtsh.h"
#include "virtsh-table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

void
virtshSecretFree(virtshSecret *secret)
{
    if (secret)
        virSecretFree(secret);
}


/* The secret the command's --secret names; NULL with an error printed
 * and libvirt's own error kept for the command's end. */
static virSecretPtr
virtshCommandOptSecret(virtshControl *ctl, const virtshCmd *cmd, const char **name)
{
    virSecretPtr secret;
    const char *n = NULL;

    if (virtshOptString(ctl, cmd, "secret", &n) <= 0)
        return NULL;
    if (name)
        *name = n;

    virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <secret> trying as secret UUID\n", cmd->def->name);
    if (!(secret = virSecretLookupByUUIDString(ctl->conn, n)))
        virtshError(ctl, "failed to get secret '%s'", n);
    return secret;
}


/* ---- define, undefine, XML ------------------------------------------ */

static bool
cmdSecretDefine(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshSecret) secret = NULL;
    g_autofree char *xml = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    const char *from = NULL;
    unsigned int flags = 0;

    if (virtshOptString(ctl, cmd, "file", &from) <= 0)
        return false;
    if (!(xml = virtshReadFile(ctl, from)))
        return false;
    if (virtshOptBool(cmd, "validate"))
        flags |= VIR_SECRET_DEFINE_VALIDATE;

    if (!(secret = virSecretDefineXML(ctl->conn, xml, flags))) {
        virtshError(ctl, "Failed to set attributes from %s", from);
        return false;
    }
    if (virSecretGetUUIDString(secret, uuid) < 0) {
        virtshError(ctl, "%s", "Failed to get UUID of created secret");
        return false;
    }
    virtshPrintExtra(ctl, "Secret %s created\n", uuid);
    return true;
}


static bool
cmdSecretUndefine(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshSecret) secret = NULL;
    const char *uuid = NULL;

    if (!(secret = virtshCommandOptSecret(ctl, cmd, &uuid)))
        return false;
    if (virSecretUndefine(secret) < 0) {
        virtshError(ctl, "Failed to delete secret %s", uuid);
        return false;
    }
    virtshPrintExtra(ctl, "Secret %s deleted\n", uuid);
    return true;
}


static bool
cmdSecretDumpxml(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshSecret) secret = NULL;
    g_autofree char *xml = NULL;

    if (!(secret = virtshCommandOptSecret(ctl, cmd, NULL)))
        return false;
    if (!(xml = virSecretGetXMLDesc(secret, 0)))
        return false;
    virtshPrint(ctl, "%s", xml);
    return true;
}


/* ---- values --------------------------------------------------------- */

/* One line from stdin, without echo on a terminal; the newline is not
 * part of the value. */
static char *
virtshReadSecretLine(virtshControl *ctl G_GNUC_UNUSED, const char *prompt)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    struct termios old, noecho;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    char c;

    fputs(prompt, stdout);
    fflush(stdout);
    if (tty) {
        noecho = old;
        noecho.c_lflag &= ~ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &noecho);
    }
    while (read(STDIN_FILENO, &c, 1) == 1 && c != '\n')
        g_string_append_c(buf, c);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stdout);
    }
    return g_string_free(g_steal_pointer(&buf), FALSE);
}


static bool
cmdSecretSetValue(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshSecret) secret = NULL;
    g_autofree char *input = NULL;
    g_autofree unsigned char *value = NULL;
    const char *file = NULL;
    const char *base64 = NULL;
    bool plain = virtshOptBool(cmd, "plain");
    gsize value_size = 0;
    int rc;

    if (!virtshOptExclusive(ctl, cmd, "file", "base64") ||
        !virtshOptExclusive(ctl, cmd, "interactive", "file") ||
        !virtshOptExclusive(ctl, cmd, "interactive", "base64") ||
        !virtshOptExclusive(ctl, cmd, "interactive", "plain") ||
        !virtshOptExclusive(ctl, cmd, "plain", "base64"))
        return false;

    if (virtshOptString(ctl, cmd, "file", &file) < 0 ||
        virtshOptString(ctl, cmd, "base64", &base64) < 0)
        return false;

    if (!(secret = virtshCommandOptSecret(ctl, cmd, NULL)))
        return false;

    if (file) {
        if (!(input = virtshReadFile(ctl, file)))
            return false;
    } else if (virtshOptBool(cmd, "interactive")) {
        /* What is typed is the value itself. */
        input = virtshReadSecretLine(ctl, "Enter new value for secret:");
        plain = true;
    } else if (base64) {
        /* Said even though the value is still set, as virsh does. */
        virtshError(ctl, "%s", "Passing secret value as command-line argument is insecure!");
        input = g_strdup(base64);
    } else {
        virtshError(ctl, "%s", "Input secret value is missing");
        return false;
    }

    if (plain) {
        value_size = strlen(input);
        value = (unsigned char *)g_steal_pointer(&input);
    } else {
        value = g_base64_decode(input, &value_size);
    }

    rc = virSecretSetValue(secret, value, value_size, 0);
    if (value)
        memset(value, 0, value_size);
    if (input)
        memset(input, 0, strlen(input));
    if (rc < 0) {
        virtshError(ctl, "%s", "Failed to set secret value");
        return false;
    }
    virtshPrintExtra(ctl, "%s", "Secret value set\n");
    return true;
}


static bool
cmdSecretGetValue(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshSecret) secret = NULL;
    g_autofree char *encoded = NULL;
    unsigned char *value;
    size_t value_size = 0;
    bool ret = false;

    if (!(secret = virtshCommandOptSecret(ctl, cmd, NULL)))
        return false;
    if (!(value = virSecretGetValue(secret, &value_size, 0)))
        return false;

    if (virtshOptBool(cmd, "plain")) {
        if (fwrite(value, 1, value_size, stdout) != value_size) {
            virtshError(ctl, "%s", "failed to write secret");
            goto cleanup;
        }
    } else {
        encoded = g_base64_encode(value, value_size);
        virtshPrint(ctl, "%s", encoded);
    }
    ret = true;

 cleanup:
    memset(value, 0, value_size);
    free(value);
    return ret;
}


/* ---- list ----------------------------------------------------------- */

static const char *const virtshSecretUsageNames[] = {
    "none", "volume", "ceph", "iscsi", "tls", "vtpm",
};

static int
virtshSecretSorter(const void *a, const void *b)
{
    virSecretPtr sa = *(virSecretPtr *)a;
    virSecretPtr sb = *(virSecretPtr *)b;
    char ua[VIR_UUID_STRING_BUFLEN] = "";
    char ub[VIR_UUID_STRING_BUFLEN] = "";

    virSecretGetUUIDString(sa, ua);
    virSecretGetUUIDString(sb, ub);
    return strcmp(ua, ub);
}


static const struct {
    const char *opt;
    unsigned int flag;
} virtshSecretListFilters[] = {
    { "ephemeral", VIR_CONNECT_LIST_SECRETS_EPHEMERAL },
    { "no-ephemeral", VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL },
    { "private", VIR_CONNECT_LIST_SECRETS_PRIVATE },
    { "no-private", VIR_CONNECT_LIST_SECRETS_NO_PRIVATE },
};

static bool
cmdSecretList(virtshControl *ctl, const virtshCmd *cmd)
{
    static const char *const header[] = { "UUID", "Usage", NULL };
    g_autoptr(virtshTable) table = NULL;
    virSecretPtr *secrets = NULL;
    unsigned int flags = 0;
    bool ret = false;
    int nsecrets;
    int i;

    for (i = 0; i < (int)G_N_ELEMENTS(virtshSecretListFilters); i++) {
        if (virtshOptBool(cmd, virtshSecretListFilters[i].opt))
            flags |= virtshSecretListFilters[i].flag;
    }

    if ((nsecrets = virConnectListAllSecrets(ctl->conn, &secrets, flags)) < 0) {
        virtshError(ctl, "%s", "Failed to list secrets");
        return false;
    }
    if (nsecrets > 0)
        qsort(secrets, nsecrets, sizeof(*secrets), virtshSecretSorter);

    table = virtshTableNew(header);
    for (i = 0; i < nsecrets; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        g_autofree char *usage = NULL;
        int type = virSecretGetUsageType(secrets[i]);
        const char *cells[2];

        if (virSecretGetUUIDString(secrets[i], uuid) < 0) {
            virtshError(ctl, "%s", "Failed to get uuid of secret");
            goto cleanup;
        }
        if (type > VIR_SECRET_USAGE_TYPE_NONE &&
            type < (int)G_N_ELEMENTS(virtshSecretUsageNames))
            usage = g_strdup_printf("%s %s", virtshSecretUsageNames[type],
                                    virSecretGetUsageID(secrets[i]));
        else
            usage = g_strdup("Unused");
        cells[0] = uuid;
        cells[1] = usage;
        virtshTableAppend(table, cells);
    }
    virtshTablePrint(ctl, table);
    ret = true;

 cleanup:
    for (i = 0; i < nsecrets; i++)
        virSecretFree(secrets[i]);
    free(secrets);
    return ret;
}


/* ---- events --------------------------------------------------------- */

typedef struct _virtshSecretEventType virtshSecretEventType;

/* One registration. */
typedef struct {
    virtshControl *ctl;
    const virtshSecretEventType *type;
    bool loop;
    bool timestamp;
    int count;
    int id;                 /* callback id, -1 until registered */
} virtshSecretEventData;

struct _virtshSecretEventType {
    const char *name;
    virConnectSecretEventGenericCallback cb;
};


/* Prints one event, unless a one-shot wait already got its event. */
static void
virtshSecretEventPrint(virtshSecretEventData *data, virSecretPtr secret, const char *rest)
{
    char uuid[VIR_UUID_STRING_BUFLEN] = "";

    if (!data->loop && data->count)
        return;

    virSecretGetUUIDString(secret, uuid);
    if (data->timestamp) {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");

        virtshPrint(data->ctl, "%s.%03d+0000: ", stamp,
                    g_date_time_get_microsecond(now) / 1000);
    }
    virtshPrint(data->ctl, "event '%s' for secret %s%s\n", data->type->name, uuid, rest);
    fflush(stdout);

    data->count++;
    if (!data->loop)
        virtshEventDone(data->ctl);
}

static const char *const virtshSecretLifecycleEvents[] = { "Defined", "Undefined" };

static void
virtshSecretEventLifecycle(virConnectPtr conn G_GNUC_UNUSED, virSecretPtr secret, int event,
                           int detail G_GNUC_UNUSED, void *opaque)
{
    g_autofree char *rest = NULL;
    const char *name = "unknown";

    if (event >= 0 && event < (int)G_N_ELEMENTS(virtshSecretLifecycleEvents))
        name = virtshSecretLifecycleEvents[event];
    rest = g_strdup_printf(": %s", name);
    virtshSecretEventPrint(opaque, secret, rest);
}

static void
virtshSecretEventGeneric(virConnectPtr conn G_GNUC_UNUSED, virSecretPtr secret, void *opaque)
{
    virtshSecretEventPrint(opaque, secret, "");
}

/* In libvirt's event ID order: the index is the ID. */
static const virtshSecretEventType virtshSecretEventTypes[] = {
    { "lifecycle", VIR_SECRET_EVENT_CALLBACK(virtshSecretEventLifecycle) },
    { "value-changed", virtshSecretEventGeneric },
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshSecretEventTypes) == VIR_SECRET_EVENT_ID_VALUE_CHANGED + 1);


static bool
cmdSecretEvent(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshSecret) secret = NULL;
    virtshSecretEventData data = { 0 };
    const char *event_name = NULL;
    int timeout = 0;
    size_t i;
    bool ret = false;

    if (virtshOptBool(cmd, "list")) {
        for (i = 0; i < G_N_ELEMENTS(virtshSecretEventTypes); i++)
            virtshPrint(ctl, "%s\n", virtshSecretEventTypes[i].name);
        return true;
    }

    if (virtshOptString(ctl, cmd, "event", &event_name) < 0)
        return false;
    if (!event_name) {
        virtshError(ctl, "%s", "either --list or --event <type> is required");
        return false;
    }
    for (i = 0; i < G_N_ELEMENTS(virtshSecretEventTypes); i++) {
        if (strcmp(event_name, virtshSecretEventTypes[i].name) == 0)
            break;
    }
    if (i == G_N_ELEMENTS(virtshSecretEventTypes)) {
        virtshError(ctl, "unknown event type %s", event_name);
        return false;
    }

    data.ctl = ctl;
    data.type = &virtshSecretEventTypes[i];
    data.loop = virtshOptBool(cmd, "loop");
    data.timestamp = virtshOptBool(cmd, "timestamp");
    data.id = -1;

    if (virtshOptTimeoutMs(ctl, cmd, &timeout) < 0)
        return false;
    /* As virsh: a secret that is not found is reported, and the wait
     * then covers every secret (the command fails in the end). */
    if (virtshOptBool(cmd, "secret"))
        secret = virtshCommandOptSecret(ctl, cmd, NULL);

    if (virtshEventStart(ctl, timeout) < 0)
        goto cleanup;

    data.id = virConnectSecretEventRegisterAny(ctl->conn, secret, i, data.type->cb, &data,
                                               NULL);
    if (data.id < 0)
        goto cleanup;

    switch (virtshEventWait(ctl)) {
    case VIRTSH_EVENT_INTERRUPT:
        virtshPrint(ctl, "%s", "event loop interrupted\n");
        break;
    case VIRTSH_EVENT_TIMEOUT:
        virtshPrint(ctl, "%s", "event loop timed out\n");
        break;
    case VIRTSH_EVENT_DONE:
        break;
    case VIRTSH_EVENT_ERROR:
    default:
        goto cleanup;
    }
    virtshPrint(ctl, "events received: %d\n", data.count);
    ret = data.count > 0;

 cleanup:
    virtshEventCleanup(ctl);
    if (data.id >= 0 && virConnectSecretEventDeregisterAny(ctl->conn, data.id) < 0)
        ret = false;
    return ret;
}


/* ---- the table ------------------------------------------------------ */

#define VIRTSH_OPT_SECRET \
    { "secret", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE, "the secret's UUID" }
#define VIRTSH_OPT_FLAG(name, help) \
    { name, VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE, help }

static const virtshOptDef virtshOptsSecretOnly[] = {
    VIRTSH_OPT_SECRET,
    { NULL }
};

static const virtshOptDef virtshOptsSecretDefine[] = {
    { "file", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_FILE,
      "the secret XML file" },
    VIRTSH_OPT_FLAG("validate", "check the XML against the schema first"),
    { NULL }
};

static const virtshOptDef virtshOptsSecretList[] = {
    VIRTSH_OPT_FLAG("ephemeral", "only secrets kept in memory"),
    VIRTSH_OPT_FLAG("no-ephemeral", "only secrets stored on disk"),
    VIRTSH_OPT_FLAG("private", "only secrets whose value is never handed out"),
    VIRTSH_OPT_FLAG("no-private", "only secrets whose value can be read back"),
    { NULL }
};

static const virtshOptDef virtshOptsSecretSetValue[] = {
    VIRTSH_OPT_SECRET,
    { "file", VIRTSH_OT_STRING, VIRTSH_OFLAG_NAMED, VIRTSH_COMPLETE_FILE,
      "take the value from this file (base64 unless --plain)" },
    VIRTSH_OPT_FLAG("plain", "the file holds the raw value, not base64"),
    VIRTSH_OPT_FLAG("interactive", "type the value at a prompt"),
    { "base64", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE,
      "the value in base64 on the command line (others can see it)" },
    { NULL }
};

static const virtshOptDef virtshOptsSecretGetValue[] = {
    VIRTSH_OPT_SECRET,
    VIRTSH_OPT_FLAG("plain", "print the raw value rather than base64"),
    { NULL }
};

static const virtshOptDef virtshOptsSecretEvent[] = {
    { "secret", VIRTSH_OT_STRING, VIRTSH_OFLAG_NAMED, VIRTSH_COMPLETE_NONE,
      "only events of this secret (UUID)" },
    { "event", VIRTSH_OT_STRING, VIRTSH_OFLAG_NAMED, VIRTSH_COMPLETE_NONE,
      "the event type to wait for (see --list)" },
    VIRTSH_OPT_FLAG("loop", "keep printing events until the timeout or Ctrl-C"),
    { "timeout", VIRTSH_OT_INT, VIRTSH_OFLAG_NAMED, VIRTSH_COMPLETE_NONE,
      "give up after this many seconds" },
    VIRTSH_OPT_FLAG("list", "print the event types and exit"),
    VIRTSH_OPT_FLAG("timestamp", "start each event line with the time it arrived"),
    { NULL }
};

const virtshCmdDef virtshSecretCmds[] = {
    { "secret-define", cmdSecretDefine, virtshOptsSecretDefine,
      "define a secret from an XML file",
      "Makes the secret described by the XML file known, or updates the "
      "definition of the one with the same UUID. Its value is set separately.", 0 },
    { "secret-dumpxml", cmdSecretDumpxml, virtshOptsSecretOnly,
      "print a secret's XML",
      "Prints the secret's XML description (never its value).", 0 },
    { "secret-event", cmdSecretEvent, virtshOptsSecretEvent,
      "wait for secret events",
      "Prints secret events of one type as they arrive: the first one, or with "
      "--loop all until the timeout expires or Ctrl-C is pressed. Succeeds if "
      "any event arrived.", 0 },
    { "secret-get-value", cmdSecretGetValue, virtshOptsSecretGetValue,
      "print a secret's value",
      "Prints the secret's value in base64, or as it is with --plain. A private "
      "secret's value cannot be read.", 0 },
    { "secret-list", cmdSecretList, virtshOptsSecretList,
      "list secrets",
      "Lists the secrets, or those the filters select, with what each is used "
      "for.", 0 },
    { "secret-set-value", cmdSecretSetValue, virtshOptsSecretSetValue,
      "set a secret's value",
      "Sets the secret's value from a file, from a prompt or from a base64 "
      "argument.", 0 },
    { "secret-undefine", cmdSecretUndefine, virtshOptsSecretOnly,
      "remove a secret",
      "Removes the secret's definition and its value.", 0 },
    { NULL }
};
