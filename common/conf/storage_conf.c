/* libvirt's storage pool and volume XML: parse, check, format and copy
 * (the model is described in storage_conf.h). */
#include "storage_conf.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "virerror.h"
#include "virlog.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("conf.storage_conf");

VIR_ENUM_IMPL(virStorageVol, VIR_STORAGE_VOL_LAST,
              "file", "block", "dir", "network", "netdir", "ploop");

VIR_ENUM_IMPL(virStoragePool, VIR_STORAGE_POOL_LAST,
              "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct",
              "scsi", "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage");

VIR_ENUM_IMPL(virStoragePoolFormatFileSystem, VIR_STORAGE_POOL_FS_LAST,
              "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs",
              "gfs2", "vfat", "hfs+", "xfs", "ocfs2", "vmfs");

VIR_ENUM_IMPL(virStoragePoolFormatFileSystemNet, VIR_STORAGE_POOL_NETFS_LAST,
              "auto", "nfs", "glusterfs", "cifs");

VIR_ENUM_IMPL(virStoragePoolFormatDisk, VIR_STORAGE_POOL_DISK_LAST,
              "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2");

VIR_ENUM_IMPL(virStoragePoolFormatLogical, VIR_STORAGE_POOL_LOGICAL_LAST,
              "unknown", "lvm2");

VIR_ENUM_IMPL(virStorageVolFormatDisk, VIR_STORAGE_VOL_DISK_LAST,
              "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm",
              "linux-raid", "extended");


VIR_ENUM_IMPL(virStorageFileFeature, VIR_STORAGE_FILE_FEATURE_LAST,
              "lazy_refcounts");

VIR_ENUM_IMPL(virStorageAdapter, VIR_STORAGE_ADAPTER_TYPE_LAST,
              "default", "scsi_host", "fc_host");

VIR_ENUM_IMPL(virStorageAuth, VIR_STORAGE_AUTH_TYPE_LAST,
              "none", "chap", "ceph");

VIR_ENUM_IMPL(virStorageEncryptionFormat, VIR_STORAGE_ENCRYPTION_FORMAT_LAST,
              "default", "qcow", "luks");

VIR_ENUM_IMPL(virStorageEncryptionEngine, VIR_STORAGE_ENCRYPTION_ENGINE_LAST,
              "default", "qemu", "librbd");

VIR_ENUM_IMPL(virStorageEncryptionSecret, VIR_STORAGE_ENCRYPTION_SECRET_TYPE_LAST,
              "passphrase");

VIR_ENUM_IMPL(virStorageVolDefRefreshAllocation, VIR_STORAGE_VOL_DEF_REFRESH_ALLOCATION_LAST,
              "default", "capacity");

#define VIR_STORAGE_POOL_NS_FS "http://libvirt.org/schemas/storagepool/fs/1.0"
#define VIR_STORAGE_POOL_NS_RBD "http://libvirt.org/schemas/storagepool/rbd/1.0"


/* ---- what each pool type uses ---- */

/* The parts of <source> a pool type uses. */
enum {
    VIR_STORAGE_POOL_SOURCE_HOST = 1 << 0,
    VIR_STORAGE_POOL_SOURCE_DEVICE = 1 << 1,
    VIR_STORAGE_POOL_SOURCE_DIR = 1 << 2,
    VIR_STORAGE_POOL_SOURCE_ADAPTER = 1 << 3,
    VIR_STORAGE_POOL_SOURCE_NAME = 1 << 4,
    VIR_STORAGE_POOL_SOURCE_INITIATOR_IQN = 1 << 5,
    VIR_STORAGE_POOL_SOURCE_NETWORK = 1 << 6,    /* no local target */
};

typedef struct {
    unsigned int flags;
    /* the pool's <source><format>; no functions: the type has none */
    int defaultFormat;
    const char *(*formatToString)(int format);
    int (*formatFromString)(const char *format);
    /* its volumes' <target><format> */
    int volDefaultFormat;
    const char *(*volFormatToString)(int format);
    int (*volFormatFromString)(const char *format);
    int volType;                /* the default volume type */
} virStoragePoolTypeInfo;

/* Image formats as volume formats: "none" is not one, and libvirt 9.0's
 * volumes know no "luks" format (a LUKS volume is raw with <encryption>). */
static int
virStorageVolumeFormatFromString(const char *format)
{
    int ret = virStorageFileFormatTypeFromString(format);

    if (ret == VIR_STORAGE_FILE_NONE || ret == VIR_STORAGE_FILE_LUKS)
        return -1;
    return ret;
}

#define VIR_STORAGE_FILE_VOLS \
    .volDefaultFormat = VIR_STORAGE_FILE_RAW, \
    .volFormatToString = virStorageFileFormatTypeToString, \
    .volFormatFromString = virStorageVolumeFormatFromString

static const virStoragePoolTypeInfo virStoragePoolTypeInfos[VIR_STORAGE_POOL_LAST] = {
    [VIR_STORAGE_POOL_DIR] = {
        .volType = VIR_STORAGE_VOL_FILE, VIR_STORAGE_FILE_VOLS,
    },
    [VIR_STORAGE_POOL_FS] = {
        .flags = VIR_STORAGE_POOL_SOURCE_DEVICE,
        .defaultFormat = VIR_STORAGE_POOL_FS_AUTO,
        .formatToString = virStoragePoolFormatFileSystemTypeToString,
        .formatFromString = virStoragePoolFormatFileSystemTypeFromString,
        .volType = VIR_STORAGE_VOL_FILE, VIR_STORAGE_FILE_VOLS,
    },
    [VIR_STORAGE_POOL_NETFS] = {
        .flags = VIR_STORAGE_POOL_SOURCE_HOST | VIR_STORAGE_POOL_SOURCE_DIR,
        .defaultFormat = VIR_STORAGE_POOL_NETFS_AUTO,
        .formatToString = virStoragePoolFormatFileSystemNetTypeToString,
        .formatFromString = virStoragePoolFormatFileSystemNetTypeFromString,
        .volType = VIR_STORAGE_VOL_FILE, VIR_STORAGE_FILE_VOLS,
    },
    [VIR_STORAGE_POOL_LOGICAL] = {
        .flags = VIR_STORAGE_POOL_SOURCE_NAME | VIR_STORAGE_POOL_SOURCE_DEVICE,
        .defaultFormat = VIR_STORAGE_POOL_LOGICAL_LVM2,
        .formatToString = virStoragePoolFormatLogicalTypeToString,
        .formatFromString = virStoragePoolFormatLogicalTypeFromString,
        .volType = VIR_STORAGE_VOL_BLOCK,
    },
    [VIR_STORAGE_POOL_DISK] = {
        .flags = VIR_STORAGE_POOL_SOURCE_DEVICE,
        .defaultFormat = VIR_STORAGE_POOL_DISK_UNKNOWN,
        .formatToString = virStoragePoolFormatDiskTypeToString,
        .formatFromString = virStoragePoolFormatDiskTypeFromString,
        .volDefaultFormat = VIR_STORAGE_VOL_DISK_NONE,
        .volFormatToString = virStorageVolFormatDiskTypeToString,
        .volFormatFromString = virStorageVolFormatDiskTypeFromString,
        .volType = VIR_STORAGE_VOL_BLOCK,
    },
    [VIR_STORAGE_POOL_ISCSI] = {
        .flags = VIR_STORAGE_POOL_SOURCE_HOST | VIR_STORAGE_POOL_SOURCE_DEVICE |
                 VIR_STORAGE_POOL_SOURCE_INITIATOR_IQN,
        .volType = VIR_STORAGE_VOL_BLOCK,
    },
    [VIR_STORAGE_POOL_ISCSI_DIRECT] = {
        .flags = VIR_STORAGE_POOL_SOURCE_HOST | VIR_STORAGE_POOL_SOURCE_DEVICE |
                 VIR_STORAGE_POOL_SOURCE_NETWORK | VIR_STORAGE_POOL_SOURCE_INITIATOR_IQN,
        .volType = VIR_STORAGE_VOL_NETWORK,
    },
    [VIR_STORAGE_POOL_SCSI] = {
        .flags = VIR_STORAGE_POOL_SOURCE_ADAPTER,
        .volType = VIR_STORAGE_VOL_BLOCK,
    },
    [VIR_STORAGE_POOL_MPATH] = {
        .volType = VIR_STORAGE_VOL_BLOCK,
    },
    [VIR_STORAGE_POOL_RBD] = {
        .flags = VIR_STORAGE_POOL_SOURCE_HOST | VIR_STORAGE_POOL_SOURCE_NETWORK |
                 VIR_STORAGE_POOL_SOURCE_NAME,
        .volType = VIR_STORAGE_VOL_NETWORK, VIR_STORAGE_FILE_VOLS,
    },
    [VIR_STORAGE_POOL_SHEEPDOG] = {
        .flags = VIR_STORAGE_POOL_SOURCE_HOST | VIR_STORAGE_POOL_SOURCE_NETWORK |
                 VIR_STORAGE_POOL_SOURCE_NAME,
        .volType = VIR_STORAGE_VOL_NETWORK,
    },
    [VIR_STORAGE_POOL_GLUSTER] = {
        .flags = VIR_STORAGE_POOL_SOURCE_HOST | VIR_STORAGE_POOL_SOURCE_NETWORK |
                 VIR_STORAGE_POOL_SOURCE_NAME | VIR_STORAGE_POOL_SOURCE_DIR,
        .volType = VIR_STORAGE_VOL_NETWORK, VIR_STORAGE_FILE_VOLS,
    },
    [VIR_STORAGE_POOL_ZFS] = {
        .flags = VIR_STORAGE_POOL_SOURCE_NAME | VIR_STORAGE_POOL_SOURCE_DEVICE,
        .volType = VIR_STORAGE_VOL_BLOCK,
    },
    [VIR_STORAGE_POOL_VSTORAGE] = {
        .flags = VIR_STORAGE_POOL_SOURCE_NAME,
        .volType = VIR_STORAGE_VOL_FILE, VIR_STORAGE_FILE_VOLS,
    },
};

static const virStoragePoolTypeInfo *
virStoragePoolTypeInfoGet(int type)
{
    if (type < 0 || type >= VIR_STORAGE_POOL_LAST) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "missing backend for pool type %d", type);
        return NULL;
    }
    return &virStoragePoolTypeInfos[type];
}

bool
virStoragePoolTypeHasTarget(int type)
{
    return type != VIR_STORAGE_POOL_RBD && type != VIR_STORAGE_POOL_SHEEPDOG &&
           type != VIR_STORAGE_POOL_GLUSTER && type != VIR_STORAGE_POOL_ISCSI_DIRECT;
}

int
virStoragePoolTypeDefaultVolType(int type)
{
    if (type < 0 || type >= VIR_STORAGE_POOL_LAST)
        return VIR_STORAGE_VOL_FILE;
    return virStoragePoolTypeInfos[type].volType;
}

const char *
virStoragePoolSourceFormatToString(int poolType, int format)
{
    if (poolType < 0 || poolType >= VIR_STORAGE_POOL_LAST ||
        !virStoragePoolTypeInfos[poolType].formatToString)
        return NULL;
    return virStoragePoolTypeInfos[poolType].formatToString(format);
}

const char *
virStorageVolFormatToString(int poolType, int format)
{
    if (poolType < 0 || poolType >= VIR_STORAGE_POOL_LAST ||
        !virStoragePoolTypeInfos[poolType].volFormatToString)
        return NULL;
    return virStoragePoolTypeInfos[poolType].volFormatToString(format);
}

int
virStorageVolDefaultFormat(int poolType)
{
    if (poolType < 0 || poolType >= VIR_STORAGE_POOL_LAST ||
        !virStoragePoolTypeInfos[poolType].volFormatToString)
        return -1;
    return virStoragePoolTypeInfos[poolType].volDefaultFormat;
}


/* ---- freeing ---- */

static void
virStorageSecretLookupClear(virStorageSecretLookup *secret)
{
    g_free(secret->usage);
    memset(secret, 0, sizeof(*secret));
}

static void
virStorageAuthDefFree(virStorageAuthDef *auth)
{
    if (!auth)
        return;
    g_free(auth->username);
    g_free(auth->secrettype);
    virStorageSecretLookupClear(&auth->secret);
    g_free(auth);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageAuthDef, virStorageAuthDefFree);

static void
virStorageAdapterClear(virStorageAdapter *adapter)
{
    g_free(adapter->name);
    g_free(adapter->parent);
    g_free(adapter->parentWwnn);
    g_free(adapter->parentWwpn);
    g_free(adapter->parentFabricWwn);
    g_free(adapter->wwnn);
    g_free(adapter->wwpn);
    memset(adapter, 0, sizeof(*adapter));
}

static void
virStoragePoolSourceDeviceClear(virStoragePoolSourceDevice *dev)
{
    g_free(dev->path);
    g_free(dev->freeExtents);
    memset(dev, 0, sizeof(*dev));
}

void
virStoragePoolSourceClear(virStoragePoolSource *source)
{
    size_t i;

    if (!source)
        return;
    for (i = 0; i < source->nhost; i++)
        g_free(source->hosts[i].name);
    g_free(source->hosts);
    for (i = 0; i < source->ndevice; i++)
        virStoragePoolSourceDeviceClear(&source->devices[i]);
    g_free(source->devices);
    g_free(source->dir);
    virStorageAdapterClear(&source->adapter);
    g_free(source->name);
    g_free(source->initiatorIqn);
    virStorageAuthDefFree(source->auth);
    g_free(source->vendor);
    g_free(source->product);
    memset(source, 0, sizeof(*source));
}

void
virStoragePoolSourceFree(virStoragePoolSource *source)
{
    if (!source)
        return;
    virStoragePoolSourceClear(source);
    g_free(source);
}

void
virStoragePoolDefFree(virStoragePoolDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    virStoragePoolSourceClear(&def->source);
    g_free(def->target.path);
    g_free(def->target.perms.label);
    for (i = 0; i < def->nmountOpts; i++)
        g_free(def->mountOpts[i]);
    g_free(def->mountOpts);
    for (i = 0; i < def->nconfigOpts; i++) {
        g_free(def->configOptNames[i]);
        g_free(def->configOptValues[i]);
    }
    g_free(def->configOptNames);
    g_free(def->configOptValues);
    g_free(def);
}

static void
virStorageEncryptionFree(virStorageEncryption *enc)
{
    size_t i;

    if (!enc)
        return;
    for (i = 0; i < enc->nsecrets; i++)
        virStorageSecretLookupClear(&enc->secrets[i].secret);
    g_free(enc->secrets);
    g_free(enc->cipherName);
    g_free(enc->cipherMode);
    g_free(enc->cipherHash);
    g_free(enc->ivgenName);
    g_free(enc->ivgenHash);
    g_free(enc);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageEncryption, virStorageEncryptionFree);

static void
virStorageVolTargetClear(virStorageVolTarget *target)
{
    g_free(target->path);
    g_free(target->perms.label);
    g_free(target->timestamps);
    virStorageEncryptionFree(target->encryption);
    g_free(target->compat);
    memset(target, 0, sizeof(*target));
}

void
virStorageVolDefFree(virStorageVolDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->key);
    for (i = 0; i < def->nextents; i++)
        g_free(def->extents[i].path);
    g_free(def->extents);
    virStorageVolTargetClear(&def->target);
    if (def->backingStore) {
        virStorageVolTargetClear(def->backingStore);
        g_free(def->backingStore);
    }
    g_free(def);
}


/* ---- copying ---- */

static void
virStorageSecretLookupCopy(virStorageSecretLookup *dst, const virStorageSecretLookup *src)
{
    *dst = *src;
    dst->usage = g_strdup(src->usage);
}

static virStorageAuthDef *
virStorageAuthDefCopy(const virStorageAuthDef *src)
{
    virStorageAuthDef *dst;

    if (!src)
        return NULL;
    dst = g_new0(virStorageAuthDef, 1);
    dst->authType = src->authType;
    dst->username = g_strdup(src->username);
    dst->secrettype = g_strdup(src->secrettype);
    virStorageSecretLookupCopy(&dst->secret, &src->secret);
    return dst;
}

static void
virStoragePoolSourceCopy(virStoragePoolSource *dst, const virStoragePoolSource *src)
{
    const virStorageAdapter *sa = &src->adapter;
    virStorageAdapter *da = &dst->adapter;
    size_t i;

    *dst = *src;
    dst->hosts = g_new0(virStoragePoolSourceHost, src->nhost + 1);
    for (i = 0; i < src->nhost; i++) {
        dst->hosts[i].name = g_strdup(src->hosts[i].name);
        dst->hosts[i].port = src->hosts[i].port;
    }
    dst->devices = g_new0(virStoragePoolSourceDevice, src->ndevice + 1);
    for (i = 0; i < src->ndevice; i++) {
        const virStoragePoolSourceDevice *sd = &src->devices[i];

        dst->devices[i] = *sd;
        dst->devices[i].path = g_strdup(sd->path);
        dst->devices[i].freeExtents = sd->nfreeExtent ?
            g_memdup2(sd->freeExtents, sd->nfreeExtent * sizeof(*sd->freeExtents)) : NULL;
    }
    dst->dir = g_strdup(src->dir);
    da->name = g_strdup(sa->name);
    da->parent = g_strdup(sa->parent);
    da->parentWwnn = g_strdup(sa->parentWwnn);
    da->parentWwpn = g_strdup(sa->parentWwpn);
    da->parentFabricWwn = g_strdup(sa->parentFabricWwn);
    da->wwnn = g_strdup(sa->wwnn);
    da->wwpn = g_strdup(sa->wwpn);
    dst->name = g_strdup(src->name);
    dst->initiatorIqn = g_strdup(src->initiatorIqn);
    dst->auth = virStorageAuthDefCopy(src->auth);
    dst->vendor = g_strdup(src->vendor);
    dst->product = g_strdup(src->product);
}

virStoragePoolDef *
virStoragePoolDefCopy(const virStoragePoolDef *def)
{
    virStoragePoolDef *copy = g_new0(virStoragePoolDef, 1);
    size_t i;

    *copy = *def;
    copy->name = g_strdup(def->name);
    virStoragePoolSourceCopy(&copy->source, &def->source);
    copy->target.path = g_strdup(def->target.path);
    copy->target.perms.label = g_strdup(def->target.perms.label);
    copy->mountOpts = g_new0(char *, def->nmountOpts + 1);
    for (i = 0; i < def->nmountOpts; i++)
        copy->mountOpts[i] = g_strdup(def->mountOpts[i]);
    copy->configOptNames = g_new0(char *, def->nconfigOpts + 1);
    copy->configOptValues = g_new0(char *, def->nconfigOpts + 1);
    for (i = 0; i < def->nconfigOpts; i++) {
        copy->configOptNames[i] = g_strdup(def->configOptNames[i]);
        copy->configOptValues[i] = g_strdup(def->configOptValues[i]);
    }
    return copy;
}

static virStorageEncryption *
virStorageEncryptionCopy(const virStorageEncryption *src)
{
    virStorageEncryption *dst;
    size_t i;

    if (!src)
        return NULL;
    dst = g_new0(virStorageEncryption, 1);
    *dst = *src;
    dst->secrets = g_new0(virStorageEncryptionSecretDef, src->nsecrets + 1);
    for (i = 0; i < src->nsecrets; i++) {
        dst->secrets[i].type = src->secrets[i].type;
        virStorageSecretLookupCopy(&dst->secrets[i].secret, &src->secrets[i].secret);
    }
    dst->cipherName = g_strdup(src->cipherName);
    dst->cipherMode = g_strdup(src->cipherMode);
    dst->cipherHash = g_strdup(src->cipherHash);
    dst->ivgenName = g_strdup(src->ivgenName);
    dst->ivgenHash = g_strdup(src->ivgenHash);
    return dst;
}

static void
virStorageVolTargetCopy(virStorageVolTarget *dst, const virStorageVolTarget *src)
{
    *dst = *src;
    dst->path = g_strdup(src->path);
    dst->perms.label = g_strdup(src->perms.label);
    dst->timestamps = src->timestamps ? g_memdup2(src->timestamps, sizeof(*src->timestamps)) : NULL;
    dst->encryption = virStorageEncryptionCopy(src->encryption);
    dst->compat = g_strdup(src->compat);
}

virStorageVolDef *
virStorageVolDefCopy(const virStorageVolDef *def)
{
    virStorageVolDef *copy = g_new0(virStorageVolDef, 1);
    size_t i;

    *copy = *def;
    copy->name = g_strdup(def->name);
    copy->key = g_strdup(def->key);
    copy->extents = g_new0(virStorageVolSourceExtent, def->nextents + 1);
    for (i = 0; i < def->nextents; i++) {
        copy->extents[i] = def->extents[i];
        copy->extents[i].path = g_strdup(def->extents[i].path);
    }
    virStorageVolTargetCopy(&copy->target, &def->target);
    if (def->backingStore) {
        copy->backingStore = g_new0(virStorageVolTarget, 1);
        virStorageVolTargetCopy(copy->backingStore, def->backingStore);
    }
    return copy;
}


/* ---- parsing helpers: every error in VIR_FROM_STORAGE ---- */

static bool
virStorageNodeIs(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, BAD_CAST name) &&
           (!node->ns || !node->ns->prefix);
}

/* First child element without a namespace prefix. */
static xmlNodePtr
virStorageChild(xmlNodePtr node, const char *name)
{
    xmlNodePtr cur;

    for (cur = node ? node->children : NULL; cur; cur = cur->next) {
        if (virStorageNodeIs(cur, name))
            return cur;
    }
    return NULL;
}

/* Like libvirt's XPath string(): an empty text counts as absent. */
static char *
virStorageNonEmpty(char *text)
{
    if (text && !*text) {
        g_free(text);
        return NULL;
    }
    return text;
}

static char *
virStorageChildText(xmlNodePtr node, const char *name)
{
    xmlNodePtr child = virStorageChild(node, name);

    return child ? virStorageNonEmpty(virXMLNodeText(child)) : NULL;
}

static char *
virStorageProp(xmlNodePtr node, const char *name)
{
    return node ? virStorageNonEmpty(virXMLPropString(node, name)) : NULL;
}

/* The attribute of the first child called child. */
static char *
virStorageChildProp(xmlNodePtr node, const char *child, const char *name)
{
    return virStorageProp(virStorageChild(node, child), name);
}

/* yes/no attribute: 1 set, 0 absent, -1 reported. */
static int
virStoragePropTristateBool(xmlNodePtr node, const char *name, virTristateBool *result)
{
    g_autofree char *val = virXMLPropString(node, name);
    int v;

    if (!val)
        return 0;
    if ((v = virTristateBoolTypeFromString(val)) <= 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "invalid value for attribute '%s' in element '%s': '%s'",
                       name, (const char *)node->name, val);
        return -1;
    }
    *result = v;
    return 1;
}

/* Appends one zeroed element to a grown array and returns it. */
#define VIR_STORAGE_APPEND(array, count, type) \
    ((array) = g_renew(type, (array), (count) + 1), \
     memset(&(array)[(count)], 0, sizeof(type)), \
     &(array)[(count)++])

char *
virStoragePathSanitize(const char *path)
{
    GString *clean = g_string_sized_new(strlen(path));
    const char *p = path;

    /* POSIX gives "//" at the start a meaning of its own; "///" is "/". */
    if (p[0] == '/' && p[1] == '/' && p[2] != '/') {
        g_string_append(clean, "//");
        p += 2;
    }
    for (; *p; p++) {
        if (*p == '/' && clean->len && clean->str[clean->len - 1] == '/')
            continue;
        g_string_append_c(clean, *p);
    }
    if (clean->len > 1 && clean->str[clean->len - 1] == '/')
        g_string_truncate(clean, clean->len - 1);
    return g_string_free(clean, FALSE);
}

int
virStorageUnitParse(const char *unit, unsigned long long *value)
{
    const unsigned long long limit = LLONG_MAX;
    unsigned long long scale = 1;

    if (unit && *unit &&
        g_ascii_strcasecmp(unit, "b") != 0 && g_ascii_strcasecmp(unit, "byte") != 0 &&
        g_ascii_strcasecmp(unit, "bytes") != 0) {
        static const char powers[] = "kmgtpe";
        const char *power = strchr(powers, g_ascii_tolower(unit[0]));
        unsigned long long base;
        int n;

        if (!unit[1] || g_ascii_strcasecmp(unit + 1, "iB") == 0) {
            base = 1024;
        } else if (g_ascii_tolower(unit[1]) == 'b' && !unit[2]) {
            base = 1000;
        } else {
            virReportError(VIR_ERR_INVALID_ARG, "unknown suffix '%s'", unit);
            return -1;
        }
        if (!power || !*power) {
            virReportError(VIR_ERR_INVALID_ARG, "unknown suffix '%s'", unit);
            return -1;
        }
        for (n = power - powers + 1; n > 0; n--)
            scale *= base;
    }

    if (*value && *value > limit / scale) {
        virReportError(VIR_ERR_OVERFLOW, "value too large: %llu%s", *value, unit ? unit : "");
        return -1;
    }
    *value *= scale;
    return 0;
}

/* A size element's text and unit; libvirt calls any malformed size a
 * malformed capacity. */
static int
virStorageSizeParse(const char *text, const char *unit, unsigned long long *bytes)
{
    if (virXMLStrToULL(text, 10, bytes) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "malformed capacity element");
        return -1;
    }
    return virStorageUnitParse(unit, bytes);
}

/* A signed decimal number, surrounding blanks allowed. */
static int
virStorageParseLongLong(const char *text, long long *result)
{
    g_autofree char *copy = g_strstrip(g_strdup(text));
    char *end = NULL;

    errno = 0;
    *result = g_ascii_strtoll(copy, &end, 10);
    return (!*copy || errno || !end || *end) ? -1 : 0;
}

static void
virStoragePermsInit(virStoragePerms *perms)
{
    perms->mode = (mode_t)-1;
    perms->uid = (uid_t)-1;
    perms->gid = (gid_t)-1;
    perms->label = NULL;
}

/* <permissions>; absent parts stay unset. */
static int
virStoragePermsParse(xmlNodePtr node, virStoragePerms *perms)
{
    g_autofree char *mode = NULL;
    xmlNodePtr owner;
    xmlNodePtr group;
    long long val;

    virStoragePermsInit(perms);
    if (!node)
        return 0;

    if ((mode = virStorageChildText(node, "mode"))) {
        g_autofree char *copy = g_strstrip(g_strdup(mode));
        char *end = NULL;
        long m;

        errno = 0;
        m = strtol(copy, &end, 8);
        if (!*copy || errno || *end || m < 0 || (m & ~0777)) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "malformed octal mode");
            return -1;
        }
        perms->mode = m;
    }

    if ((owner = virStorageChild(node, "owner"))) {
        g_autofree char *text = virXMLNodeText(owner);

        /* -1 was once written out, so it is still read. */
        if (virStorageParseLongLong(text, &val) < 0 ||
            ((long long)(uid_t)val != val && val != -1)) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "malformed owner element");
            return -1;
        }
        perms->uid = val;
    }
    if ((group = virStorageChild(node, "group"))) {
        g_autofree char *text = virXMLNodeText(group);

        if (virStorageParseLongLong(text, &val) < 0 ||
            ((long long)(gid_t)val != val && val != -1)) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "malformed group element");
            return -1;
        }
        perms->gid = val;
    }
    perms->label = virStorageChildText(node, "label");
    return 0;
}

/* <secret uuid='...'/> or <secret usage='...'/>. */
static int
virStorageSecretLookupParse(xmlNodePtr node, virStorageSecretLookup *secret)
{
    g_autofree char *uuid = virXMLPropString(node, "uuid");
    g_autofree char *usage = virXMLPropString(node, "usage");

    if (!uuid && !usage) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing secret uuid or usage attribute");
        return -1;
    }
    if (uuid && usage) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "either secret uuid or usage expected");
        return -1;
    }
    if (uuid) {
        if (virUUIDParse(uuid, secret->uuid) < 0) {
            virReportError(VIR_ERR_XML_ERROR, "invalid secret uuid '%s'", uuid);
            return -1;
        }
        secret->type = VIR_STORAGE_SECRET_LOOKUP_UUID;
    } else {
        secret->usage = g_steal_pointer(&usage);
        secret->type = VIR_STORAGE_SECRET_LOOKUP_USAGE;
    }
    return 0;
}

static virStorageAuthDef *
virStorageAuthDefParse(xmlNodePtr node)
{
    g_autoptr(virStorageAuthDef) auth = g_new0(virStorageAuthDef, 1);
    g_autofree char *type = NULL;
    xmlNodePtr secret;

    if (!(auth->username = virStorageProp(node, "username"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing username for auth");
        return NULL;
    }
    if ((type = virStorageProp(node, "type")) &&
        (auth->authType = virStorageAuthTypeFromString(type)) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "unknown auth type '%s'", type);
        return NULL;
    }
    if (!(secret = virStorageChild(node, "secret"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "Missing <secret> element in auth");
        return NULL;
    }
    auth->secrettype = virXMLPropString(secret, "type");
    if (virStorageSecretLookupParse(secret, &auth->secret) < 0)
        return NULL;
    return g_steal_pointer(&auth);
}

/* "0x1f" or "31". */
static int
virStoragePropUIntBase0(xmlNodePtr node, const char *name, unsigned int max,
                        unsigned int *result)
{
    g_autofree char *val = virXMLPropString(node, name);
    unsigned long long v;

    if (!val)
        return 0;
    if (virXMLStrToULL(val, 0, &v) < 0 || v > max) {
        virReportError(VIR_ERR_XML_ERROR, "Cannot parse <address> '%s' attribute", name);
        return -1;
    }
    *result = v;
    return 1;
}

static int
virStorageAdapterParseSCSIHost(xmlNodePtr node, virStorageAdapter *adapter)
{
    xmlNodePtr parentaddr = virStorageChild(node, "parentaddr");

    adapter->name = virXMLPropString(node, "name");
    adapter->uniqueId = -1;
    if (parentaddr) {
        g_autofree char *uid = virXMLPropString(parentaddr, "unique_id");
        xmlNodePtr addr = virStorageChild(parentaddr, "address");
        long long v;

        if (!addr) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "Missing scsi_host PCI address element");
            return -1;
        }
        adapter->hasParentAddr = true;
        if (virStoragePropUIntBase0(addr, "domain", 0xffff, &adapter->parentAddr.domain) < 0 ||
            virStoragePropUIntBase0(addr, "bus", 0xff, &adapter->parentAddr.bus) < 0 ||
            virStoragePropUIntBase0(addr, "slot", 0x1f, &adapter->parentAddr.slot) < 0 ||
            virStoragePropUIntBase0(addr, "function", 0x7, &adapter->parentAddr.function) < 0)
            return -1;
        if (!uid || virStorageParseLongLong(uid, &v) < 0 || v < 0 || v > G_MAXINT) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "Missing or invalid scsi adapter 'unique_id' value");
            return -1;
        }
        adapter->uniqueId = v;
    }
    return 0;
}

static int
virStorageAdapterParseFCHost(xmlNodePtr node, virStorageAdapter *adapter)
{
    g_autofree char *managed = virXMLPropString(node, "managed");

    if (managed &&
        (adapter->managed = virTristateBoolTypeFromString(managed)) <= 0) {
        virReportError(VIR_ERR_XML_ERROR, "invalid fc_host managed setting '%s'", managed);
        return -1;
    }
    adapter->parent = virXMLPropString(node, "parent");
    adapter->parentWwnn = virXMLPropString(node, "parent_wwnn");
    adapter->parentWwpn = virXMLPropString(node, "parent_wwpn");
    adapter->parentFabricWwn = virXMLPropString(node, "parent_fabric_wwn");
    adapter->wwpn = virXMLPropString(node, "wwpn");
    adapter->wwnn = virXMLPropString(node, "wwnn");
    return 0;
}

static int
virStorageAdapterParse(xmlNodePtr node, virStorageAdapter *adapter)
{
    g_autofree char *type = virXMLPropString(node, "type");

    if (type) {
        if ((adapter->type = virStorageAdapterTypeFromString(type)) <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "Unknown pool adapter type '%s'", type);
            adapter->type = VIR_STORAGE_ADAPTER_TYPE_DEFAULT;
            return -1;
        }
        if (adapter->type == VIR_STORAGE_ADAPTER_TYPE_FC_HOST)
            return virStorageAdapterParseFCHost(node, adapter);
        return virStorageAdapterParseSCSIHost(node, adapter);
    }

    /* Before 'type', a bare name meant a scsi_host. */
    if (xmlHasProp(node, BAD_CAST "wwnn") || xmlHasProp(node, BAD_CAST "wwpn") ||
        xmlHasProp(node, BAD_CAST "parent")) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "Use of 'wwnn', 'wwpn', and 'parent' attributes requires use of the adapter 'type'");
        return -1;
    }
    if (virStorageChild(node, "parentaddr")) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "Use of 'parentaddr' element requires use of the adapter 'type'");
        return -1;
    }
    if ((adapter->name = virXMLPropString(node, "name"))) {
        adapter->type = VIR_STORAGE_ADAPTER_TYPE_SCSI_HOST;
        adapter->uniqueId = -1;
    }
    return 0;
}

/* 16 hex digits, optionally after "0x". */
static bool
virStorageWWNValid(const char *wwn)
{
    const char *p = wwn;
    size_t i;

    if (g_str_has_prefix(p, "0x") || g_str_has_prefix(p, "0X"))
        p += 2;
    for (i = 0; p[i]; i++) {
        if (!g_ascii_isxdigit(p[i]))
            return false;
    }
    return i == 16;
}

static int
virStorageAdapterValidate(const virStorageAdapter *adapter)
{
    const char *wwns[] = { adapter->wwnn, adapter->wwpn, adapter->parentWwnn,
                           adapter->parentWwpn, adapter->parentFabricWwn };
    size_t i;

    if (!adapter->type) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source adapter");
        return -1;
    }
    if (adapter->type == VIR_STORAGE_ADAPTER_TYPE_SCSI_HOST) {
        if (!adapter->name && !adapter->hasParentAddr) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "Either 'name' or 'parent' must be specified for the 'scsi_host' adapter");
            return -1;
        }
        if (adapter->name && adapter->hasParentAddr) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "Cannot specify both 'name' and 'parent' for the 'scsi_host' adapter");
            return -1;
        }
        return 0;
    }

    if (!adapter->wwnn || !adapter->wwpn) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "'wwnn' and 'wwpn' must be specified for adapter type 'fchost'");
        return -1;
    }
    for (i = 0; i < G_N_ELEMENTS(wwns); i++) {
        if (wwns[i] && !virStorageWWNValid(wwns[i])) {
            virReportError(VIR_ERR_XML_ERROR, "Malformed wwn: %s", wwns[i]);
            return -1;
        }
    }
    if (!adapter->parentWwnn != !adapter->parentWwpn) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "must supply both parent_wwnn and parent_wwpn not just one or the other");
        return -1;
    }
    return 0;
}

/* <source> by the rules of poolType. */
static int
virStoragePoolSourceParse(xmlNodePtr node, int poolType, virStoragePoolSource *source)
{
    const virStoragePoolTypeInfo *info = virStoragePoolTypeInfoGet(poolType);
    g_autofree char *format = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *ver = NULL;
    xmlNodePtr cur;

    if (!info)
        return -1;

    source->name = virStorageChildText(node, "name");
    if (poolType == VIR_STORAGE_POOL_RBD && !source->name) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "element 'name' is mandatory for RBD pool");
        return -1;
    }

    if (info->formatFromString) {
        format = virStorageChildProp(node, "format", "type");
        source->format = format ? info->formatFromString(format) : info->defaultFormat;
        if (source->format < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown pool format type %s", format);
            return -1;
        }
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (virStorageNodeIs(cur, "host")) {
            virStoragePoolSourceHost *host = VIR_STORAGE_APPEND(source->hosts, source->nhost,
                                                                virStoragePoolSourceHost);
            g_autofree char *port = NULL;

            if (!(host->name = virXMLPropString(cur, "name"))) {
                virReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool host name");
                return -1;
            }
            if ((port = virXMLPropString(cur, "port"))) {
                long long v;

                if (virStorageParseLongLong(port, &v) < 0 || v < G_MININT || v > G_MAXINT) {
                    virReportError(VIR_ERR_XML_ERROR, "Invalid port number: %s", port);
                    return -1;
                }
                host->port = v;
            }
        } else if (virStorageNodeIs(cur, "device")) {
            virStoragePoolSourceDevice *dev = VIR_STORAGE_APPEND(source->devices, source->ndevice,
                                                                 virStoragePoolSourceDevice);

            if (!(dev->path = virXMLPropString(cur, "path"))) {
                virReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source device path");
                return -1;
            }
            if (virStoragePropTristateBool(cur, "part_separator", &dev->partSeparator) < 0)
                return -1;
        }
    }

    source->initiatorIqn = virStorageProp(virStorageChild(virStorageChild(node, "initiator"), "iqn"),
                                          "name");

    if ((dir = virStorageChildProp(node, "dir", "path")))
        source->dir = virStoragePathSanitize(dir);
    /* A gluster volume's root, unless told otherwise. */
    if (!source->dir && poolType == VIR_STORAGE_POOL_GLUSTER)
        source->dir = g_strdup("/");

    if ((cur = virStorageChild(node, "adapter")) &&
        virStorageAdapterParse(cur, &source->adapter) < 0)
        return -1;

    if ((cur = virStorageChild(node, "auth"))) {
        if (!(source->auth = virStorageAuthDefParse(cur)))
            return -1;
        if (source->auth->authType == VIR_STORAGE_AUTH_TYPE_NONE) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "storage pool missing auth type");
            return -1;
        }
    }

    /* The NFS version; libvirt checks it against the netfs formats
     * whatever the pool type. */
    if ((ver = virStorageChildProp(node, "protocol", "ver"))) {
        unsigned long long v;

        if (source->format != VIR_STORAGE_POOL_NETFS_NFS &&
            source->format != VIR_STORAGE_POOL_NETFS_AUTO) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "storage pool protocol ver unsupported for pool type '%s'",
                           virStoragePoolFormatFileSystemNetTypeToString(source->format) ?
                           virStoragePoolFormatFileSystemNetTypeToString(source->format) : "(null)");
            return -1;
        }
        if (virXMLStrToULL(ver, 0, &v) < 0 || v > G_MAXUINT) {
            virReportError(VIR_ERR_XML_ERROR, "storage pool protocol ver '%s' is malformed", ver);
            return -1;
        }
        source->protocolVer = v;
    }

    source->vendor = virStorageChildProp(node, "vendor", "name");
    source->product = virStorageChildProp(node, "product", "name");
    return 0;
}

virStoragePoolSource *
virStoragePoolDefParseSourceString(const char *srcSpec, int poolType)
{
    g_autoptr(xmlDoc) doc = virXMLParseString(srcSpec, "(storage_source_specification)",
                                              "source", VIR_FROM_STORAGE);
    g_autoptr(virStoragePoolSource) source = NULL;

    if (!doc)
        return NULL;
    source = g_new0(virStoragePoolSource, 1);
    if (virStoragePoolSourceParse(xmlDocGetRootElement(doc), poolType, source) < 0)
        return NULL;
    return g_steal_pointer(&source);
}

/* The children of root in namespace href called name. */
static xmlNodePtr
virStorageNSChild(xmlNodePtr root, const char *href, const char *name)
{
    xmlNodePtr cur;

    for (cur = root->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && cur->ns &&
            xmlStrEqual(cur->ns->href, BAD_CAST href) &&
            xmlStrEqual(cur->name, BAD_CAST name))
            return cur;
    }
    return NULL;
}

/* fs/netfs <fs:mount_opts> and rbd <rbd:config_opts>. */
static int
virStoragePoolNamespaceParse(xmlNodePtr root, virStoragePoolDef *def)
{
    xmlNodePtr opts;
    xmlNodePtr cur;

    if (def->type == VIR_STORAGE_POOL_FS || def->type == VIR_STORAGE_POOL_NETFS) {
        if (!(opts = virStorageNSChild(root, VIR_STORAGE_POOL_NS_FS, "mount_opts")))
            return 0;
        for (cur = opts->children; cur; cur = cur->next) {
            g_autofree char *name = NULL;

            if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "option"))
                continue;
            if (!(name = virStorageProp(cur, "name"))) {
                virReportError(VIR_ERR_XML_ERROR, "%s", "empty mount_opts option name");
                return -1;
            }
            def->mountOpts = g_renew(char *, def->mountOpts, def->nmountOpts + 1);
            def->mountOpts[def->nmountOpts++] = g_steal_pointer(&name);
        }
    } else if (def->type == VIR_STORAGE_POOL_RBD) {
        if (!(opts = virStorageNSChild(root, VIR_STORAGE_POOL_NS_RBD, "config_opts")))
            return 0;
        for (cur = opts->children; cur; cur = cur->next) {
            g_autofree char *name = NULL;
            g_autofree char *value = NULL;

            if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "option"))
                continue;
            if (!(name = virStorageProp(cur, "name"))) {
                virReportError(VIR_ERR_XML_ERROR, "%s", "empty rbd config option name");
                return -1;
            }
            if (!(value = virStorageProp(cur, "value"))) {
                virReportError(VIR_ERR_XML_ERROR, "%s", "empty rbd config option value");
                return -1;
            }
            def->configOptNames = g_renew(char *, def->configOptNames, def->nconfigOpts + 1);
            def->configOptValues = g_renew(char *, def->configOptValues, def->nconfigOpts + 1);
            def->configOptNames[def->nconfigOpts] = g_steal_pointer(&name);
            def->configOptValues[def->nconfigOpts++] = g_steal_pointer(&value);
        }
    }
    return 0;
}

/* The checks after parsing, in libvirt's order. */
static int
virStoragePoolDefParseChecks(xmlNodePtr root, const virStoragePoolTypeInfo *info,
                             virStoragePoolDef *def)
{
    g_autofree char *targetPath = NULL;
    xmlNodePtr target = virStorageChild(root, "target");

    if ((info->flags & VIR_STORAGE_POOL_SOURCE_HOST) && !def->source.nhost) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source host name");
        return -1;
    }
    if ((info->flags & VIR_STORAGE_POOL_SOURCE_DIR) && !def->source.dir) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source path");
        return -1;
    }
    if ((info->flags & VIR_STORAGE_POOL_SOURCE_NAME) && !def->source.name)
        def->source.name = g_strdup(def->name);
    if ((info->flags & VIR_STORAGE_POOL_SOURCE_ADAPTER) &&
        virStorageAdapterValidate(&def->source.adapter) < 0)
        return -1;
    /* A device is required where it is the only source. */
    if (info->flags == VIR_STORAGE_POOL_SOURCE_DEVICE && !def->source.ndevice) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source device name");
        return -1;
    }

    if (!(info->flags & VIR_STORAGE_POOL_SOURCE_NETWORK)) {
        if (def->type == VIR_STORAGE_POOL_LOGICAL) {
            targetPath = g_strdup_printf("/dev/%s", def->source.name);
        } else if (def->type == VIR_STORAGE_POOL_ZFS) {
            targetPath = g_strdup_printf("/dev/zvol/%s", def->source.name);
        } else if (!(targetPath = virStorageChildText(target, "path"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool target path");
            return -1;
        }
        def->target.path = virStoragePathSanitize(targetPath);
        if (def->target.path[0] != '/') {
            virReportError(VIR_ERR_XML_ERROR,
                           "storage pool target path '%s' must be absolute", def->target.path);
            return -1;
        }
        if (virStoragePermsParse(virStorageChild(target, "permissions"), &def->target.perms) < 0)
            return -1;
    }

    if (def->type == VIR_STORAGE_POOL_ISCSI_DIRECT && !def->source.initiatorIqn) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "missing initiator IQN");
        return -1;
    }
    return 0;
}

static int
virStoragePoolDefParseFeaturesRefresh(xmlNodePtr root, virStoragePoolDef *def)
{
    xmlNodePtr cow = virStorageChild(virStorageChild(root, "features"), "cow");
    g_autofree char *alloc = NULL;
    virTristateBool state = VIR_TRISTATE_BOOL_ABSENT;
    int rc;

    if (cow && (rc = virStoragePropTristateBool(cow, "state", &state)) != 0) {
        if (rc < 0)
            return -1;
        if (def->type != VIR_STORAGE_POOL_FS && def->type != VIR_STORAGE_POOL_DIR) {
            virReportError(VIR_ERR_NO_SUPPORT, "%s",
                           "cow feature may only be used for 'fs' and 'dir' pools");
            return -1;
        }
        def->cow = state;
    }

    alloc = virStorageChildProp(virStorageChild(root, "refresh"), "volume", "allocation");
    if (alloc) {
        if ((def->refreshAllocation = virStorageVolDefRefreshAllocationTypeFromString(alloc)) < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "unknown storage pool volume refresh allocation type %s", alloc);
            return -1;
        }
        def->hasRefresh = true;
    }
    return 0;
}

virStoragePoolDef *
virStoragePoolDefParseNode(xmlNodePtr root, unsigned int flags)
{
    g_autoptr(virStoragePoolDef) def = NULL;
    g_autofree char *type = NULL;
    g_autofree char *uuid = NULL;
    const virStoragePoolTypeInfo *info;
    xmlNodePtr source;

    if (flags & ~VIR_STORAGE_POOL_DEF_PARSE_VALIDATE) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                       flags & ~VIR_STORAGE_POOL_DEF_PARSE_VALIDATE, __func__);
        return NULL;
    }
    if (!root || !xmlStrEqual(root->name, BAD_CAST "pool")) {
        virReportError(VIR_ERR_XML_ERROR, "unexpected root element <%s>, expecting <pool>",
                       root ? (const char *)root->name : "");
        return NULL;
    }

    def = g_new0(virStoragePoolDef, 1);
    if (!(type = virStorageProp(root, "type"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "storage pool missing type attribute");
        return NULL;
    }
    if ((def->type = virStoragePoolTypeFromString(type)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown storage pool type %s", type);
        return NULL;
    }
    info = &virStoragePoolTypeInfos[def->type];

    if ((source = virStorageChild(root, "source"))) {
        if (virStoragePoolSourceParse(source, def->type, &def->source) < 0)
            return NULL;
    } else if (info->formatFromString) {
        def->source.format = info->defaultFormat;
    }

    def->name = virStorageChildText(root, "name");
    if (!def->name && (info->flags & VIR_STORAGE_POOL_SOURCE_NAME))
        def->name = g_strdup(def->source.name);
    if (!def->name) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing pool source name element");
        return NULL;
    }
    if (strchr(def->name, '/')) {
        virReportError(VIR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return NULL;
    }

    if (!(uuid = virStorageChildText(root, "uuid"))) {
        virUUIDGenerate(def->uuid);
    } else if (virUUIDParse(uuid, def->uuid) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "malformed uuid element");
        return NULL;
    }

    if (virStoragePoolDefParseFeaturesRefresh(root, def) < 0 ||
        virStoragePoolDefParseChecks(root, info, def) < 0 ||
        virStoragePoolNamespaceParse(root, def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

virStoragePoolDef *
virStoragePoolDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = virXMLParseString(xml, "(storage_pool_definition)", NULL,
                                              VIR_FROM_STORAGE);

    if (!doc)
        return NULL;
    return virStoragePoolDefParseNode(xmlDocGetRootElement(doc), flags);
}


/* ---- pool formatting: libvirt 9.0's element order and indentation ---- */

static void
virStorageSecretLookupFormat(GString *buf, int indent, const char *type,
                             const virStorageSecretLookup *secret)
{
    char uuid[VIR_UUID_STRING_BUFLEN];

    g_string_append_printf(buf, "%*s<secret", indent, "");
    virXMLFormatAttr(buf, "type", type);
    if (secret->type == VIR_STORAGE_SECRET_LOOKUP_UUID)
        virXMLFormatAttr(buf, "uuid", virUUIDFormat(secret->uuid, uuid));
    else if (secret->type == VIR_STORAGE_SECRET_LOOKUP_USAGE)
        virXMLFormatAttr(buf, "usage", secret->usage);
    g_string_append(buf, "/>\n");
}

static void
virStorageAuthDefFormat(GString *buf, int indent, const virStorageAuthDef *auth)
{
    g_string_append_printf(buf, "%*s<auth", indent, "");
    if (auth->authType != VIR_STORAGE_AUTH_TYPE_NONE)
        virXMLFormatAttr(buf, "type", virStorageAuthTypeToString(auth->authType));
    virXMLFormatAttr(buf, "username", auth->username);
    g_string_append(buf, ">\n");
    virStorageSecretLookupFormat(buf, indent + 2, auth->secrettype, &auth->secret);
    g_string_append_printf(buf, "%*s</auth>\n", indent, "");
}

static void
virStorageAdapterFormat(GString *buf, int indent, const virStorageAdapter *adapter)
{
    g_string_append_printf(buf, "%*s<adapter type='%s'", indent, "",
                           virStorageAdapterTypeToString(adapter->type));
    if (adapter->type == VIR_STORAGE_ADAPTER_TYPE_FC_HOST) {
        virXMLFormatAttr(buf, "parent", adapter->parent);
        virXMLFormatAttr(buf, "parent_wwnn", adapter->parentWwnn);
        virXMLFormatAttr(buf, "parent_wwpn", adapter->parentWwpn);
        virXMLFormatAttr(buf, "parent_fabric_wwn", adapter->parentFabricWwn);
        if (adapter->managed)
            virXMLFormatAttr(buf, "managed", virTristateBoolTypeToString(adapter->managed));
        virXMLFormatAttr(buf, "wwnn", adapter->wwnn);
        virXMLFormatAttr(buf, "wwpn", adapter->wwpn);
        g_string_append(buf, "/>\n");
        return;
    }
    if (adapter->name) {
        virXMLFormatAttr(buf, "name", adapter->name);
        g_string_append(buf, "/>\n");
        return;
    }
    g_string_append(buf, ">\n");
    g_string_append_printf(buf, "%*s<parentaddr", indent + 2, "");
    if (adapter->uniqueId != -1)
        g_string_append_printf(buf, " unique_id='%d'", adapter->uniqueId);
    g_string_append(buf, ">\n");
    g_string_append_printf(buf,
                           "%*s<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                           indent + 4, "", adapter->parentAddr.domain, adapter->parentAddr.bus,
                           adapter->parentAddr.slot, adapter->parentAddr.function);
    g_string_append_printf(buf, "%*s</parentaddr>\n", indent + 2, "");
    g_string_append_printf(buf, "%*s</adapter>\n", indent, "");
}

static int
virStoragePoolSourceFormat(GString *buf, int indent, const virStoragePoolTypeInfo *info,
                           const virStoragePoolSource *src)
{
    int in = indent + 2;
    size_t i, j;

    g_string_append_printf(buf, "%*s<source>\n", indent, "");
    if (info->flags & VIR_STORAGE_POOL_SOURCE_HOST) {
        for (i = 0; i < src->nhost; i++) {
            g_string_append_printf(buf, "%*s<host", in, "");
            virXMLFormatAttr(buf, "name", src->hosts[i].name);
            if (src->hosts[i].port)
                g_string_append_printf(buf, " port='%d'", src->hosts[i].port);
            g_string_append(buf, "/>\n");
        }
    }
    if (info->flags & VIR_STORAGE_POOL_SOURCE_DEVICE) {
        for (i = 0; i < src->ndevice; i++) {
            const virStoragePoolSourceDevice *dev = &src->devices[i];

            g_string_append_printf(buf, "%*s<device", in, "");
            virXMLFormatAttr(buf, "path", dev->path);
            if (dev->partSeparator)
                virXMLFormatAttr(buf, "part_separator",
                                 virTristateBoolTypeToString(dev->partSeparator));
            if (!dev->nfreeExtent) {
                g_string_append(buf, "/>\n");
                continue;
            }
            g_string_append(buf, ">\n");
            for (j = 0; j < dev->nfreeExtent; j++)
                g_string_append_printf(buf, "%*s<freeExtent start='%llu' end='%llu'/>\n",
                                       in + 2, "", dev->freeExtents[j].start,
                                       dev->freeExtents[j].end);
            g_string_append_printf(buf, "%*s</device>\n", in, "");
        }
    }
    if ((info->flags & VIR_STORAGE_POOL_SOURCE_DIR) && src->dir) {
        g_string_append_printf(buf, "%*s<dir", in, "");
        virXMLFormatAttr(buf, "path", src->dir);
        g_string_append(buf, "/>\n");
    }
    if ((info->flags & VIR_STORAGE_POOL_SOURCE_ADAPTER) &&
        (src->adapter.type == VIR_STORAGE_ADAPTER_TYPE_SCSI_HOST ||
         src->adapter.type == VIR_STORAGE_ADAPTER_TYPE_FC_HOST))
        virStorageAdapterFormat(buf, in, &src->adapter);
    if (info->flags & VIR_STORAGE_POOL_SOURCE_NAME)
        virXMLFormatTextElement(buf, in, "name", src->name);
    if ((info->flags & VIR_STORAGE_POOL_SOURCE_INITIATOR_IQN) && src->initiatorIqn) {
        g_string_append_printf(buf, "%*s<initiator>\n%*s<iqn", in, "", in + 2, "");
        virXMLFormatAttr(buf, "name", src->initiatorIqn);
        g_string_append_printf(buf, "/>\n%*s</initiator>\n", in, "");
    }
    if (info->formatToString) {
        const char *format = info->formatToString(src->format);

        if (!format) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "unknown pool format number %d", src->format);
            return -1;
        }
        g_string_append_printf(buf, "%*s<format type='%s'/>\n", in, "", format);
    }
    if (src->auth)
        virStorageAuthDefFormat(buf, in, src->auth);
    if (src->protocolVer)
        g_string_append_printf(buf, "%*s<protocol ver='%u'/>\n", in, "", src->protocolVer);
    if (src->vendor) {
        g_string_append_printf(buf, "%*s<vendor", in, "");
        virXMLFormatAttr(buf, "name", src->vendor);
        g_string_append(buf, "/>\n");
    }
    if (src->product) {
        g_string_append_printf(buf, "%*s<product", in, "");
        virXMLFormatAttr(buf, "name", src->product);
        g_string_append(buf, "/>\n");
    }
    g_string_append_printf(buf, "%*s</source>\n", indent, "");
    return 0;
}

static void
virStoragePermsFormat(GString *buf, int indent, const virStoragePerms *perms)
{
    if (perms->mode == (mode_t)-1 && perms->uid == (uid_t)-1 &&
        perms->gid == (gid_t)-1 && !perms->label)
        return;
    g_string_append_printf(buf, "%*s<permissions>\n", indent, "");
    if (perms->mode != (mode_t)-1)
        g_string_append_printf(buf, "%*s<mode>0%o</mode>\n", indent + 2, "",
                               (unsigned int)perms->mode);
    if (perms->uid != (uid_t)-1)
        g_string_append_printf(buf, "%*s<owner>%d</owner>\n", indent + 2, "", (int)perms->uid);
    if (perms->gid != (gid_t)-1)
        g_string_append_printf(buf, "%*s<group>%d</group>\n", indent + 2, "", (int)perms->gid);
    virXMLFormatTextElement(buf, indent + 2, "label", perms->label);
    g_string_append_printf(buf, "%*s</permissions>\n", indent, "");
}

static void
virStoragePoolNamespaceFormat(GString *buf, int indent, const virStoragePoolDef *def)
{
    size_t i;

    if (def->nmountOpts) {
        g_string_append_printf(buf, "%*s<fs:mount_opts>\n", indent, "");
        for (i = 0; i < def->nmountOpts; i++) {
            g_string_append_printf(buf, "%*s<fs:option", indent + 2, "");
            virXMLFormatAttr(buf, "name", def->mountOpts[i]);
            g_string_append(buf, "/>\n");
        }
        g_string_append_printf(buf, "%*s</fs:mount_opts>\n", indent, "");
    }
    if (def->nconfigOpts) {
        g_string_append_printf(buf, "%*s<rbd:config_opts>\n", indent, "");
        for (i = 0; i < def->nconfigOpts; i++) {
            g_string_append_printf(buf, "%*s<rbd:option", indent + 2, "");
            virXMLFormatAttr(buf, "name", def->configOptNames[i]);
            virXMLFormatAttr(buf, "value", def->configOptValues[i]);
            g_string_append(buf, "/>\n");
        }
        g_string_append_printf(buf, "%*s</rbd:config_opts>\n", indent, "");
    }
}

int
virStoragePoolDefFormatBuf(GString *buf, int indent, const virStoragePoolDef *def)
{
    const virStoragePoolTypeInfo *info = virStoragePoolTypeInfoGet(def->type);
    char uuid[VIR_UUID_STRING_BUFLEN];
    int in = indent + 2;

    if (!info)
        return -1;

    g_string_append_printf(buf, "%*s<pool type='%s'", indent, "",
                           virStoragePoolTypeToString(def->type));
    if (def->nmountOpts)
        virXMLFormatAttr(buf, "xmlns:fs", VIR_STORAGE_POOL_NS_FS);
    if (def->nconfigOpts)
        virXMLFormatAttr(buf, "xmlns:rbd", VIR_STORAGE_POOL_NS_RBD);
    g_string_append(buf, ">\n");
    virXMLFormatTextElement(buf, in, "name", def->name);
    virXMLFormatTextElement(buf, in, "uuid", virUUIDFormat(def->uuid, uuid));
    g_string_append_printf(buf, "%*s<capacity unit='bytes'>%llu</capacity>\n", in, "",
                           def->capacity);
    g_string_append_printf(buf, "%*s<allocation unit='bytes'>%llu</allocation>\n", in, "",
                           def->allocation);
    g_string_append_printf(buf, "%*s<available unit='bytes'>%llu</available>\n", in, "",
                           def->available);
    if (def->cow)
        g_string_append_printf(buf, "%*s<features>\n%*s<cow state='%s'/>\n%*s</features>\n",
                               in, "", in + 2, "", virTristateBoolTypeToString(def->cow), in, "");

    if (virStoragePoolSourceFormat(buf, in, info, &def->source) < 0)
        return -1;

    if (virStoragePoolTypeHasTarget(def->type)) {
        g_string_append_printf(buf, "%*s<target>\n", in, "");
        virXMLFormatTextElement(buf, in + 2, "path", def->target.path);
        virStoragePermsFormat(buf, in + 2, &def->target.perms);
        g_string_append_printf(buf, "%*s</target>\n", in, "");
    }
    if (def->hasRefresh)
        g_string_append_printf(buf, "%*s<refresh>\n%*s<volume allocation='%s'/>\n%*s</refresh>\n",
                               in, "", in + 2, "",
                               virStorageVolDefRefreshAllocationTypeToString(def->refreshAllocation),
                               in, "");
    virStoragePoolNamespaceFormat(buf, in, def);
    g_string_append_printf(buf, "%*s</pool>\n", indent, "");
    return 0;
}

char *
virStoragePoolDefFormat(const virStoragePoolDef *def)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    if (virStoragePoolDefFormatBuf(buf, 0, def) < 0)
        return NULL;
    return g_string_free(g_steal_pointer(&buf), FALSE);
}


/* ---- find-storage-pool-sources ---- */

virStoragePoolSource *
virStoragePoolSourceListNewSource(virStoragePoolSourceList *list)
{
    return VIR_STORAGE_APPEND(list->sources, list->nsources, virStoragePoolSource);
}

char *
virStoragePoolSourceListFormat(const virStoragePoolSourceList *list)
{
    const virStoragePoolTypeInfo *info = virStoragePoolTypeInfoGet(list->type);
    g_autoptr(GString) buf = g_string_new("<sources>\n");
    size_t i;

    if (!info)
        return NULL;
    for (i = 0; i < list->nsources; i++) {
        if (virStoragePoolSourceFormat(buf, 2, info, &list->sources[i]) < 0)
            return NULL;
    }
    g_string_append(buf, "</sources>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

void
virStoragePoolSourceListFree(virStoragePoolSourceList *list)
{
    size_t i;

    if (!list)
        return;
    for (i = 0; i < list->nsources; i++)
        virStoragePoolSourceClear(&list->sources[i]);
    g_free(list->sources);
    g_free(list);
}


/* ---- volume parsing ---- */

/* A volume format by the pool's rules; absent: the pool's default. */
static int
virStorageVolFormatParse(xmlNodePtr parent, const virStoragePoolTypeInfo *info, int *format)
{
    g_autofree char *type = NULL;

    if (!info->volFormatFromString)
        return 0;
    type = virStorageChildProp(parent, "format", "type");
    *format = type ? info->volFormatFromString(type) : info->volDefaultFormat;
    if (*format < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown volume format type %s", type);
        return -1;
    }
    return 0;
}

static int
virStorageEncryptionCipherParse(xmlNodePtr node, virStorageEncryption *enc)
{
    g_autofree char *size = NULL;
    unsigned long long v;

    if (!(enc->cipherName = virXMLPropString(node, "name"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "cipher info missing 'name' attribute");
        return -1;
    }
    if (!(size = virXMLPropString(node, "size"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "cipher info missing 'size' attribute");
        return -1;
    }
    if (virXMLStrToULL(size, 10, &v) < 0 || v > G_MAXUINT) {
        virReportError(VIR_ERR_XML_ERROR, "cannot parse cipher size: '%s'", size);
        return -1;
    }
    enc->cipherSize = v;
    enc->cipherMode = virXMLPropString(node, "mode");
    enc->cipherHash = virXMLPropString(node, "hash");
    return 0;
}

static virStorageEncryption *
virStorageEncryptionParse(xmlNodePtr node)
{
    g_autoptr(virStorageEncryption) enc = g_new0(virStorageEncryption, 1);
    g_autofree char *format = virXMLPropString(node, "format");
    g_autofree char *engine = virXMLPropString(node, "engine");
    xmlNodePtr cur;

    if (!format) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "unknown volume encryption format type");
        return NULL;
    }
    if ((enc->format = virStorageEncryptionFormatTypeFromString(format)) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "unknown volume encryption format type %s", format);
        return NULL;
    }
    if (engine && (enc->engine = virStorageEncryptionEngineTypeFromString(engine)) <= 0) {
        virReportError(VIR_ERR_XML_ERROR, "unknown volume encryption engine type %s", engine);
        return NULL;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (virStorageNodeIs(cur, "secret")) {
            virStorageEncryptionSecretDef *secret =
                VIR_STORAGE_APPEND(enc->secrets, enc->nsecrets, virStorageEncryptionSecretDef);
            g_autofree char *type = virXMLPropString(cur, "type");

            if (!type) {
                virReportError(VIR_ERR_XML_ERROR, "%s", "unknown volume encryption secret type");
                return NULL;
            }
            if ((secret->type = virStorageEncryptionSecretTypeFromString(type)) < 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               "unknown volume encryption secret type %s", type);
                return NULL;
            }
            if (virStorageSecretLookupParse(cur, &secret->secret) < 0)
                return NULL;
        }
    }

    if ((cur = virStorageChild(node, "cipher")) && virStorageEncryptionCipherParse(cur, enc) < 0)
        return NULL;
    if ((cur = virStorageChild(node, "ivgen"))) {
        if (!(enc->ivgenName = virXMLPropString(cur, "name"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "missing ivgen info name string");
            return NULL;
        }
        enc->ivgenHash = virXMLPropString(cur, "hash");
    }
    return g_steal_pointer(&enc);
}

/* "N.M", both numbers. */
static int
virStorageCompatCheck(const char *compat)
{
    g_auto(GStrv) parts = NULL;
    unsigned long long v;

    if (!compat)
        return 0;
    parts = g_strsplit(compat, ".", 2);
    if (!parts[0] || !parts[1] ||
        virXMLStrToULL(parts[0], 10, &v) < 0 || v > G_MAXUINT ||
        virXMLStrToULL(parts[1], 10, &v) < 0 || v > G_MAXUINT) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "forbidden characters in 'compat' attribute");
        return -1;
    }
    return 0;
}

static int
virStorageVolTargetParseExtra(xmlNodePtr target, virStorageVolTarget *def)
{
    xmlNodePtr node;
    g_autofree char *cluster = NULL;

    if ((node = virStorageChild(target, "encryption")) &&
        !(def->encryption = virStorageEncryptionParse(node)))
        return -1;

    def->compat = virStorageChildText(target, "compat");
    if (virStorageCompatCheck(def->compat) < 0)
        return -1;
    def->nocow = virStorageChild(target, "nocow") != NULL;

    if ((node = virStorageChild(target, "clusterSize")) &&
        (cluster = virStorageNonEmpty(virXMLNodeText(node)))) {
        g_autofree char *unit = virXMLPropString(node, "unit");

        if (virXMLStrToULL(cluster, 10, &def->clusterSize) < 0) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "could not parse element ./target/clusterSize");
            return -1;
        }
        if (virStorageUnitParse(unit, &def->clusterSize) < 0)
            return -1;
    }

    if ((node = virStorageChild(target, "features"))) {
        xmlNodePtr cur;

        if (!def->compat)
            def->compat = g_strdup("1.1");
        def->hasFeatures = true;
        for (cur = node->children; cur; cur = cur->next) {
            int f;

            if (cur->type != XML_ELEMENT_NODE)
                continue;
            if ((f = virStorageFileFeatureTypeFromString((const char *)cur->name)) < 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unsupported feature %s",
                               (const char *)cur->name);
                return -1;
            }
            def->features |= 1U << f;
        }
    }
    return 0;
}

/* <source><device path><extent start end/>...</device>...</source> */
static int
virStorageVolSourceParse(xmlNodePtr source, virStorageVolDef *def)
{
    xmlNodePtr dev;
    xmlNodePtr ext;

    for (dev = source ? source->children : NULL; dev; dev = dev->next) {
        if (!virStorageNodeIs(dev, "device"))
            continue;
        for (ext = dev->children; ext; ext = ext->next) {
            virStorageVolSourceExtent *extent;

            if (!virStorageNodeIs(ext, "extent"))
                continue;
            extent = VIR_STORAGE_APPEND(def->extents, def->nextents, virStorageVolSourceExtent);
            extent->path = virXMLPropString(dev, "path");
            if (!extent->path) {
                virReportError(VIR_ERR_XML_ERROR, "%s", "missing volume source device path");
                return -1;
            }
            if (virXMLPropULongLong(ext, "start", &extent->start) < 0 ||
                virXMLPropULongLong(ext, "end", &extent->end) < 0) {
                virErrorReset();
                virReportError(VIR_ERR_XML_ERROR, "%s", "malformed volume extent");
                return -1;
            }
        }
    }
    return 0;
}

static int
virStorageVolSizesParse(xmlNodePtr root, virStorageVolDef *def, unsigned int flags)
{
    xmlNodePtr node;
    g_autofree char *capacity = NULL;
    g_autofree char *allocation = NULL;

    node = virStorageChild(root, "capacity");
    if ((capacity = node ? virStorageNonEmpty(virXMLNodeText(node)) : NULL)) {
        g_autofree char *unit = virStorageProp(node, "unit");

        if (virStorageSizeParse(capacity, unit, &def->capacity) < 0)
            return -1;
    } else if (!(flags & VIR_VOL_XML_PARSE_NO_CAPACITY) &&
               !((flags & VIR_VOL_XML_PARSE_OPT_CAPACITY) && def->backingStore)) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing capacity element");
        return -1;
    }

    node = virStorageChild(root, "allocation");
    if ((allocation = node ? virStorageNonEmpty(virXMLNodeText(node)) : NULL)) {
        g_autofree char *unit = virStorageProp(node, "unit");

        if (virStorageSizeParse(allocation, unit, &def->allocation) < 0)
            return -1;
        def->hasAllocation = true;
    } else {
        def->allocation = def->capacity;
    }
    return 0;
}

virStorageVolDef *
virStorageVolDefParseNode(const virStoragePoolDef *pool, xmlNodePtr root, unsigned int flags)
{
    const unsigned int known = VIR_VOL_XML_PARSE_NO_CAPACITY | VIR_VOL_XML_PARSE_OPT_CAPACITY;
    const virStoragePoolTypeInfo *info;
    g_autoptr(virStorageVolDef) def = NULL;
    g_autofree char *type = NULL;
    g_autofree char *backing = NULL;
    xmlNodePtr target;
    xmlNodePtr node;

    if (flags & ~known) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                       flags & ~known, __func__);
        return NULL;
    }
    if (!(info = virStoragePoolTypeInfoGet(pool->type)))
        return NULL;
    if (!root || !xmlStrEqual(root->name, BAD_CAST "volume")) {
        virReportError(VIR_ERR_XML_ERROR, "unexpected root element <%s>, expecting <volume>",
                       root ? (const char *)root->name : "");
        return NULL;
    }

    def = g_new0(virStorageVolDef, 1);
    if (!(def->name = virStorageChildText(root, "name"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing volume name element");
        return NULL;
    }
    /* Volumes are not nested: no escape to ../ or a subdirectory. */
    if (strchr(def->name, '/')) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "volume name '%s' cannot contain '/'",
                       def->name);
        return NULL;
    }
    def->key = virStorageChildText(root, "key");

    if ((type = virStorageProp(root, "type"))) {
        if ((def->type = virStorageVolTypeFromString(type)) < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown volume type '%s'", type);
            return NULL;
        }
    } else {
        def->type = info->volType;
    }

    if ((node = virStorageChild(root, "backingStore")) &&
        (backing = virStorageChildText(node, "path"))) {
        def->backingStore = g_new0(virStorageVolTarget, 1);
        def->backingStore->path = g_steal_pointer(&backing);
        if (virStorageVolFormatParse(node, info, &def->backingStore->format) < 0 ||
            virStoragePermsParse(virStorageChild(node, "permissions"),
                                 &def->backingStore->perms) < 0)
            return NULL;
    }

    if (virStorageVolSizesParse(root, def, flags) < 0 ||
        virStorageVolSourceParse(virStorageChild(root, "source"), def) < 0)
        return NULL;

    target = virStorageChild(root, "target");
    def->target.path = virStorageChildText(target, "path");
    if (virStorageVolFormatParse(target, info, &def->target.format) < 0 ||
        virStoragePermsParse(virStorageChild(target, "permissions"), &def->target.perms) < 0 ||
        virStorageVolTargetParseExtra(target, &def->target) < 0)
        return NULL;

    /* In file-based pools the format says what the volume is. */
    if (!type && info->volFormatToString == virStorageFileFormatTypeToString &&
        info->volType == VIR_STORAGE_VOL_FILE) {
        if (def->target.format == VIR_STORAGE_FILE_DIR)
            def->type = VIR_STORAGE_VOL_DIR;
        else if (def->target.format == VIR_STORAGE_FILE_PLOOP)
            def->type = VIR_STORAGE_VOL_PLOOP;
    }
    return g_steal_pointer(&def);
}

virStorageVolDef *
virStorageVolDefParseString(const virStoragePoolDef *pool, const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = virXMLParseString(xml, "(storage_volume_definition)", NULL,
                                              VIR_FROM_STORAGE);

    if (!doc)
        return NULL;
    return virStorageVolDefParseNode(pool, xmlDocGetRootElement(doc), flags);
}


/* ---- volume formatting ---- */

static void
virStorageTimestampFormat(GString *buf, int indent, const char *name,
                          const virStorageTimestamp *ts)
{
    if (ts->nsec < 0)
        return;
    g_string_append_printf(buf, "%*s<%s>%llu", indent, "", name, (unsigned long long)ts->sec);
    if (ts->nsec)
        g_string_append_printf(buf, ".%09ld", ts->nsec);
    g_string_append_printf(buf, "</%s>\n", name);
}

static int
virStorageEncryptionFormatBuf(GString *buf, int indent, const virStorageEncryption *enc)
{
    const char *format = virStorageEncryptionFormatTypeToString(enc->format);
    size_t i;

    if (!format) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "unexpected encryption format");
        return -1;
    }
    g_string_append_printf(buf, "%*s<encryption format='%s'", indent, "", format);
    if (enc->engine)
        virXMLFormatAttr(buf, "engine", virStorageEncryptionEngineTypeToString(enc->engine));
    g_string_append(buf, ">\n");
    for (i = 0; i < enc->nsecrets; i++)
        virStorageSecretLookupFormat(buf, indent + 2,
                                     virStorageEncryptionSecretTypeToString(enc->secrets[i].type),
                                     &enc->secrets[i].secret);
    if (enc->format == VIR_STORAGE_ENCRYPTION_FORMAT_LUKS) {
        if (enc->cipherName) {
            g_string_append_printf(buf, "%*s<cipher", indent + 2, "");
            virXMLFormatAttr(buf, "name", enc->cipherName);
            g_string_append_printf(buf, " size='%u'", enc->cipherSize);
            virXMLFormatAttr(buf, "mode", enc->cipherMode);
            virXMLFormatAttr(buf, "hash", enc->cipherHash);
            g_string_append(buf, "/>\n");
        }
        if (enc->ivgenName) {
            g_string_append_printf(buf, "%*s<ivgen", indent + 2, "");
            virXMLFormatAttr(buf, "name", enc->ivgenName);
            virXMLFormatAttr(buf, "hash", enc->ivgenHash);
            g_string_append(buf, "/>\n");
        }
    }
    g_string_append_printf(buf, "%*s</encryption>\n", indent, "");
    return 0;
}

static int
virStorageVolTargetFormat(GString *buf, int indent, const virStoragePoolTypeInfo *info,
                          const virStorageVolTarget *def, const char *element)
{
    int in = indent + 2;
    size_t i;

    g_string_append_printf(buf, "%*s<%s>\n", indent, "", element);
    virXMLFormatTextElement(buf, in, "path", def->path);
    if (info->volFormatToString) {
        const char *format = info->volFormatToString(def->format);

        if (!format) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "unknown volume format number %d",
                           def->format);
            return -1;
        }
        g_string_append_printf(buf, "%*s<format type='%s'/>\n", in, "", format);
    }
    virStoragePermsFormat(buf, in, &def->perms);
    if (def->timestamps) {
        g_string_append_printf(buf, "%*s<timestamps>\n", in, "");
        virStorageTimestampFormat(buf, in + 2, "atime", &def->timestamps->atime);
        virStorageTimestampFormat(buf, in + 2, "mtime", &def->timestamps->mtime);
        virStorageTimestampFormat(buf, in + 2, "ctime", &def->timestamps->ctime);
        virStorageTimestampFormat(buf, in + 2, "btime", &def->timestamps->btime);
        g_string_append_printf(buf, "%*s</timestamps>\n", in, "");
    }
    if (def->encryption && virStorageEncryptionFormatBuf(buf, in, def->encryption) < 0)
        return -1;
    virXMLFormatTextElement(buf, in, "compat", def->compat);
    if (def->clusterSize)
        g_string_append_printf(buf, "%*s<clusterSize unit='B'>%llu</clusterSize>\n", in, "",
                               def->clusterSize);
    if (def->hasFeatures) {
        if (!def->features) {
            g_string_append_printf(buf, "%*s<features/>\n", in, "");
        } else {
            g_string_append_printf(buf, "%*s<features>\n", in, "");
            for (i = 0; i < VIR_STORAGE_FILE_FEATURE_LAST; i++) {
                if (def->features & (1U << i))
                    g_string_append_printf(buf, "%*s<%s/>\n", in + 2, "",
                                           virStorageFileFeatureTypeToString(i));
            }
            g_string_append_printf(buf, "%*s</features>\n", in, "");
        }
    }
    g_string_append_printf(buf, "%*s</%s>\n", indent, "", element);
    return 0;
}

/* Consecutive extents on one device share its <device> element. */
static void
virStorageVolSourceFormat(GString *buf, int indent, const virStorageVolDef *def)
{
    const char *current = NULL;
    size_t i;

    if (!def->nextents)
        return;
    g_string_append_printf(buf, "%*s<source>\n", indent, "");
    for (i = 0; i < def->nextents; i++) {
        const virStorageVolSourceExtent *ext = &def->extents[i];

        if (!current || g_strcmp0(current, ext->path) != 0) {
            if (current)
                g_string_append_printf(buf, "%*s</device>\n", indent + 2, "");
            g_string_append_printf(buf, "%*s<device", indent + 2, "");
            virXMLFormatAttr(buf, "path", ext->path);
            g_string_append(buf, ">\n");
            current = ext->path;
        }
        g_string_append_printf(buf, "%*s<extent start='%llu' end='%llu'/>\n", indent + 4, "",
                               ext->start, ext->end);
    }
    g_string_append_printf(buf, "%*s</device>\n", indent + 2, "");
    g_string_append_printf(buf, "%*s</source>\n", indent, "");
}

char *
virStorageVolDefFormat(const virStoragePoolDef *pool, const virStorageVolDef *vol)
{
    const virStoragePoolTypeInfo *info = virStoragePoolTypeInfoGet(pool->type);
    g_autoptr(GString) buf = g_string_new(NULL);
    const char *type = virStorageVolTypeToString(vol->type);

    if (!info)
        return NULL;
    if (!type) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "unknown volume type %d", vol->type);
        return NULL;
    }
    g_string_append_printf(buf, "<volume type='%s'>\n", type);
    virXMLFormatTextElement(buf, 2, "name", vol->name);
    virXMLFormatTextElement(buf, 2, "key", vol->key);
    virStorageVolSourceFormat(buf, 2, vol);
    g_string_append_printf(buf, "  <capacity unit='bytes'>%llu</capacity>\n", vol->capacity);
    g_string_append_printf(buf, "  <allocation unit='bytes'>%llu</allocation>\n", vol->allocation);
    if (vol->physical)
        g_string_append_printf(buf, "  <physical unit='bytes'>%llu</physical>\n", vol->physical);
    if (virStorageVolTargetFormat(buf, 2, info, &vol->target, "target") < 0)
        return NULL;
    if (vol->backingStore &&
        virStorageVolTargetFormat(buf, 2, info, vol->backingStore, "backingStore") < 0)
        return NULL;
    g_string_append(buf, "</volume>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}
