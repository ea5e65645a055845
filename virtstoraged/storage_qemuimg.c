/* qemu-img command lines and the parsing of its JSON info. */
#include "storage_qemuimg.h"

#include <json-c/json.h>
#include <string.h>

#include "virstorageprobe.h"
#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("storage.storage_qemuimg");

#define STORAGE_QEMU_IMG "qemu-img"

VIR_ENUM_IMPL(storageQemuImgFormat, STORAGE_QEMU_IMG_FORMAT_LAST,
              "raw", "qcow2");

VIR_ENUM_IMPL(storageQemuImgPrealloc, STORAGE_QEMU_IMG_PREALLOC_LAST,
              "default", "off", "metadata", "falloc", "full");

/* A format name goes into argv and -o option strings: keep it a word. */
static int
storageQemuImgCheckFormatName(const char *format)
{
    if (!format || !*format ||
        strspn(format, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(format)) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid image format '%s'", format ? format : "");
        return -1;
    }
    return 0;
}

static int
storageQemuImgCheckPath(const char *path)
{
    if (!path || !*path || *path == '-') {
        virReportError(VIR_ERR_INVALID_ARG, "invalid image path '%s'", path ? path : "");
        return -1;
    }
    return 0;
}

/* The -o options of create and convert; NULL (and no error) when there are
 * none. Reports and returns -1 for combinations qemu-img would refuse. */
static int
storageQemuImgOptions(const storageQemuImgCreateParams *p, char **ret)
{
    g_autoptr(GString) opts = g_string_new(NULL);
    bool qcow2 = p->format == STORAGE_QEMU_IMG_FORMAT_QCOW2;

    *ret = NULL;
    if (!storageQemuImgFormatTypeToString(p->format)) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported volume format %d", p->format);
        return -1;
    }
    if (!storageQemuImgPreallocTypeToString(p->prealloc)) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported preallocation mode %d", p->prealloc);
        return -1;
    }
    if (!qcow2 && p->prealloc == STORAGE_QEMU_IMG_PREALLOC_METADATA) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "metadata preallocation is not supported for raw volumes");
        return -1;
    }
    if (!qcow2 && (p->compat || p->lazyRefcounts || p->clusterSize)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "compat, lazy_refcounts and cluster size need a qcow2 volume");
        return -1;
    }
    if (p->compat && strcmp(p->compat, "0.10") != 0 && strcmp(p->compat, "1.1") != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unsupported qcow2 compat level '%s'", p->compat);
        return -1;
    }
    if (p->lazyRefcounts && p->compat && strcmp(p->compat, "0.10") == 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "lazy_refcounts not supported with compat level %s",
                       p->compat);
        return -1;
    }
    if (p->clusterSize &&
        (p->clusterSize < 512 || p->clusterSize > 2 * 1024 * 1024 ||
         (p->clusterSize & (p->clusterSize - 1)) != 0)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "cluster size %llu is not a power of two between 512 bytes and 2 MiB",
                       p->clusterSize);
        return -1;
    }

    if (p->compat)
        g_string_append_printf(opts, "compat=%s,", p->compat);
    if (p->lazyRefcounts)
        g_string_append(opts, "lazy_refcounts=on,");
    if (p->clusterSize)
        g_string_append_printf(opts, "cluster_size=%llu,", p->clusterSize);
    if (p->prealloc != STORAGE_QEMU_IMG_PREALLOC_DEFAULT)
        g_string_append_printf(opts, "preallocation=%s,",
                               storageQemuImgPreallocTypeToString(p->prealloc));
    if (opts->len == 0)
        return 0;
    g_string_truncate(opts, opts->len - 1);
    *ret = g_strdup(opts->str);
    return 0;
}

static virCommand *
storageQemuImgCreateBuild(const char *binary, const storageQemuImgCreateParams *p)
{
    g_autoptr(virCommand) cmd = NULL;
    g_autofree char *opts = NULL;

    if (storageQemuImgCheckPath(p->path) < 0 || storageQemuImgOptions(p, &opts) < 0)
        return NULL;
    if (p->backingPath) {
        if (p->format != STORAGE_QEMU_IMG_FORMAT_QCOW2) {
            virReportError(VIR_ERR_NO_SUPPORT, "%s", "backing storage not supported for raw volumes");
            return NULL;
        }
        if (storageQemuImgCheckPath(p->backingPath) < 0)
            return NULL;
        if (!p->backingFormat) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "backing store '%s' needs a format",
                           p->backingPath);
            return NULL;
        }
        if (storageQemuImgCheckFormatName(p->backingFormat) < 0)
            return NULL;
    } else if (p->capacity == 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "volume '%s' needs a capacity", p->path);
        return NULL;
    }

    cmd = virCommandNewArgList(binary, "create", "-f",
                               storageQemuImgFormatTypeToString(p->format), NULL);
    if (p->backingPath) {
        virCommandAddArgPair(cmd, "-b", p->backingPath);
        virCommandAddArgPair(cmd, "-F", p->backingFormat);
    }
    if (opts)
        virCommandAddArgPair(cmd, "-o", opts);
    virCommandAddArg(cmd, p->path);
    if (p->capacity)
        virCommandAddArgFormat(cmd, "%llu", p->capacity);
    return g_steal_pointer(&cmd);
}

static virCommand *
storageQemuImgConvertBuild(const char *binary, const char *srcPath, const char *srcFormat,
                           const storageQemuImgCreateParams *dst)
{
    g_autoptr(virCommand) cmd = NULL;
    g_autofree char *opts = NULL;

    if (storageQemuImgCheckPath(srcPath) < 0 || storageQemuImgCheckPath(dst->path) < 0 ||
        (srcFormat && storageQemuImgCheckFormatName(srcFormat) < 0) ||
        storageQemuImgOptions(dst, &opts) < 0)
        return NULL;
    if (dst->backingPath || dst->capacity) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "a converted volume takes the capacity of its source and no backing store");
        return NULL;
    }

    cmd = virCommandNewArgList(binary, "convert", NULL);
    if (srcFormat)
        virCommandAddArgPair(cmd, "-f", srcFormat);
    virCommandAddArgPair(cmd, "-O", storageQemuImgFormatTypeToString(dst->format));
    if (opts)
        virCommandAddArgPair(cmd, "-o", opts);
    virCommandAddArg(cmd, srcPath);
    virCommandAddArg(cmd, dst->path);
    return g_steal_pointer(&cmd);
}

static virCommand *
storageQemuImgResizeBuild(const char *binary, const char *path, const char *format,
                          unsigned long long capacity, bool shrink,
                          storageQemuImgPrealloc prealloc)
{
    virCommand *cmd;

    if (storageQemuImgCheckPath(path) < 0 || (format && storageQemuImgCheckFormatName(format) < 0))
        return NULL;
    if (!storageQemuImgPreallocTypeToString(prealloc)) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported preallocation mode %d", prealloc);
        return NULL;
    }
    if (capacity == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "cannot resize volume '%s' to 0 bytes", path);
        return NULL;
    }
    if (shrink && prealloc != STORAGE_QEMU_IMG_PREALLOC_DEFAULT) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "preallocation is only possible when growing a volume");
        return NULL;
    }

    cmd = virCommandNewArgList(binary, "resize", NULL);
    if (format)
        virCommandAddArgPair(cmd, "-f", format);
    if (prealloc != STORAGE_QEMU_IMG_PREALLOC_DEFAULT)
        virCommandAddArgFormat(cmd, "--preallocation=%s", storageQemuImgPreallocTypeToString(prealloc));
    if (shrink)
        virCommandAddArg(cmd, "--shrink");
    virCommandAddArg(cmd, path);
    virCommandAddArgFormat(cmd, "%llu", capacity);
    return cmd;
}

static virCommand *
storageQemuImgInfoBuild(const char *binary, const char *path, const char *format, bool backingChain)
{
    virCommand *cmd;

    if (storageQemuImgCheckPath(path) < 0 || (format && storageQemuImgCheckFormatName(format) < 0))
        return NULL;
    cmd = virCommandNewArgList(binary, "info", "--output=json", NULL);
    if (backingChain)
        virCommandAddArg(cmd, "--backing-chain");
    if (format)
        virCommandAddArgPair(cmd, "-f", format);
    virCommandAddArg(cmd, path);
    return cmd;
}

/* The rendering of a built command; NULL when building failed. */
static char *
storageQemuImgRender(virCommand *cmd)
{
    g_autoptr(virCommand) owned = cmd;

    if (!owned)
        return NULL;
    return virCommandToString(owned);
}

char *
storageQemuImgCreateArgv(const storageQemuImgCreateParams *params)
{
    return storageQemuImgRender(storageQemuImgCreateBuild(STORAGE_QEMU_IMG, params));
}

char *
storageQemuImgConvertArgv(const char *srcPath, const char *srcFormat,
                          const storageQemuImgCreateParams *dst)
{
    return storageQemuImgRender(storageQemuImgConvertBuild(STORAGE_QEMU_IMG, srcPath, srcFormat, dst));
}

char *
storageQemuImgResizeArgv(const char *path, const char *format,
                         unsigned long long capacity, bool shrink,
                         storageQemuImgPrealloc prealloc)
{
    return storageQemuImgRender(storageQemuImgResizeBuild(STORAGE_QEMU_IMG, path, format,
                                                          capacity, shrink, prealloc));
}

char *
storageQemuImgInfoArgv(const char *path, const char *format, bool backingChain)
{
    return storageQemuImgRender(storageQemuImgInfoBuild(STORAGE_QEMU_IMG, path, format, backingChain));
}

/* Runs a built command (NULL: building failed and was reported). */
static int
storageQemuImgRun(virCommand *cmd, char **out)
{
    g_autoptr(virCommand) owned = cmd;

    if (!owned)
        return -1;
    if (out)
        virCommandSetOutputBuffer(owned, out);
    return virCommandRun(owned, NULL);
}

int
storageQemuImgCreate(const storageQemuImgCreateParams *params)
{
    g_autofree char *binary = virStorageProbeFindTool(STORAGE_QEMU_IMG);

    if (!binary)
        return -1;
    return storageQemuImgRun(storageQemuImgCreateBuild(binary, params), NULL);
}

int
storageQemuImgConvert(const char *srcPath, const char *srcFormat,
                      const storageQemuImgCreateParams *dst)
{
    g_autofree char *binary = virStorageProbeFindTool(STORAGE_QEMU_IMG);

    if (!binary)
        return -1;
    return storageQemuImgRun(storageQemuImgConvertBuild(binary, srcPath, srcFormat, dst), NULL);
}

int
storageQemuImgResize(const char *path, const char *format,
                     unsigned long long capacity, bool shrink,
                     storageQemuImgPrealloc prealloc)
{
    g_autofree char *binary = virStorageProbeFindTool(STORAGE_QEMU_IMG);

    if (!binary)
        return -1;
    return storageQemuImgRun(storageQemuImgResizeBuild(binary, path, format, capacity,
                                                       shrink, prealloc), NULL);
}

/* Info parsing. */

static void
storageQemuImgInfoClear(storageQemuImgInfo *info)
{
    g_free(info->filename);
    g_free(info->format);
    g_free(info->backingFilename);
    g_free(info->fullBackingFilename);
    g_free(info->backingFormat);
    g_free(info->compat);
}

void
storageQemuImgChainFree(storageQemuImgChain *chain)
{
    size_t i;

    if (!chain)
        return;
    for (i = 0; i < chain->nimages; i++)
        storageQemuImgInfoClear(&chain->images[i]);
    g_free(chain->images);
    g_free(chain);
}

static char *
storageQemuImgJSONString(json_object *obj, const char *key)
{
    json_object *val;

    if (!json_object_object_get_ex(obj, key, &val) || !json_object_is_type(val, json_type_string))
        return NULL;
    return g_strdup(json_object_get_string(val));
}

/* 0 when absent; -1 (reported) when present but not a non-negative integer. */
static int
storageQemuImgJSONSize(json_object *obj, const char *key, unsigned long long *ret)
{
    json_object *val;
    int64_t n;

    *ret = 0;
    if (!json_object_object_get_ex(obj, key, &val))
        return 0;
    if (!json_object_is_type(val, json_type_int) || (n = json_object_get_int64(val)) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "qemu-img info: '%s' is not a size", key);
        return -1;
    }
    *ret = n;
    return 0;
}

static bool
storageQemuImgJSONBool(json_object *obj, const char *key)
{
    json_object *val;

    return json_object_object_get_ex(obj, key, &val) &&
           json_object_is_type(val, json_type_boolean) && json_object_get_boolean(val);
}

static int
storageQemuImgInfoFromJSON(json_object *obj, storageQemuImgInfo *info)
{
    json_object *specific;
    json_object *data;

    if (!json_object_is_type(obj, json_type_object)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "qemu-img info: an image is not a JSON object");
        return -1;
    }
    info->filename = storageQemuImgJSONString(obj, "filename");
    info->format = storageQemuImgJSONString(obj, "format");
    if (!info->format) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "qemu-img info: no format for image '%s'",
                       info->filename ? info->filename : "");
        return -1;
    }
    if (storageQemuImgJSONSize(obj, "virtual-size", &info->virtualSize) < 0 ||
        storageQemuImgJSONSize(obj, "actual-size", &info->actualSize) < 0 ||
        storageQemuImgJSONSize(obj, "cluster-size", &info->clusterSize) < 0)
        return -1;
    info->backingFilename = storageQemuImgJSONString(obj, "backing-filename");
    info->fullBackingFilename = storageQemuImgJSONString(obj, "full-backing-filename");
    info->backingFormat = storageQemuImgJSONString(obj, "backing-filename-format");
    info->dirty = storageQemuImgJSONBool(obj, "dirty-flag");
    info->encrypted = storageQemuImgJSONBool(obj, "encrypted");
    if (json_object_object_get_ex(obj, "format-specific", &specific) &&
        json_object_object_get_ex(specific, "data", &data))
        info->compat = storageQemuImgJSONString(data, "compat");
    return 0;
}

storageQemuImgChain *
storageQemuImgInfoParse(const char *json)
{
    g_autoptr(storageQemuImgChain) chain = g_new0(storageQemuImgChain, 1);
    enum json_tokener_error jerr = json_tokener_success;
    json_object *root;
    size_t n;
    size_t i;

    if (!json || !(root = json_tokener_parse_verbose(json, &jerr))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot parse qemu-img info output: %s",
                       json_tokener_error_desc(jerr));
        return NULL;
    }
    n = json_object_is_type(root, json_type_array) ? json_object_array_length(root) : 1;
    if (n == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "qemu-img info: no image in the output");
        json_object_put(root);
        return NULL;
    }
    chain->images = g_new0(storageQemuImgInfo, n);
    chain->nimages = n;
    for (i = 0; i < n; i++) {
        json_object *img = json_object_is_type(root, json_type_array) ?
                           json_object_array_get_idx(root, i) : root;

        if (storageQemuImgInfoFromJSON(img, &chain->images[i]) < 0) {
            json_object_put(root);
            return NULL;
        }
    }
    json_object_put(root);
    return g_steal_pointer(&chain);
}

storageQemuImgChain *
storageQemuImgGetInfo(const char *path, const char *format, bool backingChain)
{
    g_autofree char *binary = virStorageProbeFindTool(STORAGE_QEMU_IMG);
    g_autofree char *out = NULL;

    if (!binary ||
        storageQemuImgRun(storageQemuImgInfoBuild(binary, path, format, backingChain), &out) < 0)
        return NULL;
    VIR_DEBUG("qemu-img info of %s: %s", path, out);
    return storageQemuImgInfoParse(out);
}
