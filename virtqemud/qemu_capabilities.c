#include "qemu_capabilities.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <json-c/json.h>

#include "qemu_monitor.h"
#include "vircommand.h"
#include "virstring.h"
#include "virenum.h"
#include "virerror.h"
#include "virfile.h"
#include "virhostcpu.h"
#include "virlog.h"
#include "virsysinfo.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_capabilities");


/* Bumped whenever the cache file layout changes: old files are re-probed. */
#define QEMU_CAPS_FORMAT 1

/* How long QEMU may take to create its monitor socket while probing. */
#define QEMU_CAPS_PROBE_TIMEOUT_MS 30000

typedef enum {
    QEMU_CAPS_VIRT_QEMU,
    QEMU_CAPS_VIRT_KVM,
    QEMU_CAPS_VIRT_LAST
} qemuCapsVirtType;

VIR_ENUM_DECL(qemuCapsVirtType);
VIR_ENUM_IMPL(qemuCapsVirtType, QEMU_CAPS_VIRT_LAST,
              "qemu", "kvm");

/* QEMU target names and what libvirt calls them. */
typedef struct {
    const char *qemu;
    const char *arch;
    unsigned int wordsize;
} qemuCapsArchInfo;

static const qemuCapsArchInfo qemuCapsArchs[] = {
    { "x86_64", "x86_64", 64 },
    { "i386", "i686", 32 },
    { "aarch64", "aarch64", 64 },
    { "arm", "armv7l", 32 },
    { "ppc64", "ppc64", 64 },
    { "riscv64", "riscv64", 64 },
    { "s390x", "s390x", 64 },
};

static const qemuCapsArchInfo *
qemuCapsArchLookup(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(qemuCapsArchs); i++) {
        if (g_strcmp0(qemuCapsArchs[i].qemu, name) == 0 ||
            g_strcmp0(qemuCapsArchs[i].arch, name) == 0)
            return &qemuCapsArchs[i];
    }
    return NULL;
}

/* ---- x86 CPU vocabulary ----
 *
 * libvirt names CPU features after its own CPU map, mostly like QEMU does.
 * Listed in CPUID order, which is the order XML output uses; the second
 * column is QEMU's canonical name where it differs. */
typedef struct {
    const char *name;
    const char *qemu;
} qemuCapsX86Feature;

static const qemuCapsX86Feature qemuCapsX86Features[] = {
    { "fpu", NULL }, { "vme", NULL }, { "de", NULL }, { "pse", NULL },
    { "tsc", NULL }, { "msr", NULL }, { "pae", NULL }, { "mce", NULL },
    { "cx8", NULL }, { "apic", NULL }, { "sep", NULL }, { "mtrr", NULL },
    { "pge", NULL }, { "mca", NULL }, { "cmov", NULL }, { "pat", NULL },
    { "pse36", NULL }, { "pn", NULL }, { "clflush", NULL }, { "ds", NULL },
    { "acpi", NULL }, { "mmx", NULL }, { "fxsr", NULL }, { "sse", NULL },
    { "sse2", NULL }, { "ss", NULL }, { "ht", NULL }, { "tm", NULL },
    { "ia64", NULL }, { "pbe", NULL },
    { "pni", NULL }, { "pclmuldq", "pclmulqdq" }, { "dtes64", NULL },
    { "monitor", NULL }, { "ds_cpl", "ds-cpl" }, { "vmx", NULL }, { "smx", NULL },
    { "est", NULL }, { "tm2", NULL }, { "ssse3", NULL }, { "cid", NULL },
    { "fma", NULL }, { "cx16", NULL }, { "xtpr", NULL }, { "pdcm", NULL },
    { "pcid", NULL }, { "dca", NULL }, { "sse4.1", NULL }, { "sse4.2", NULL },
    { "x2apic", NULL }, { "movbe", NULL }, { "popcnt", NULL },
    { "tsc-deadline", NULL }, { "aes", NULL }, { "xsave", NULL },
    { "osxsave", NULL }, { "avx", NULL }, { "f16c", NULL }, { "rdrand", NULL },
    { "hypervisor", NULL },
    { "arat", NULL },
    { "fsgsbase", NULL }, { "tsc_adjust", "tsc-adjust" }, { "sgx", NULL },
    { "bmi1", NULL }, { "hle", NULL }, { "avx2", NULL }, { "smep", NULL },
    { "bmi2", NULL }, { "erms", NULL }, { "invpcid", NULL }, { "rtm", NULL },
    { "cmt", NULL }, { "mpx", NULL }, { "avx512f", NULL }, { "avx512dq", NULL },
    { "rdseed", NULL }, { "adx", NULL }, { "smap", NULL }, { "avx512ifma", NULL },
    { "pcommit", NULL }, { "clflushopt", NULL }, { "clwb", NULL },
    { "intel-pt", NULL }, { "avx512pf", NULL }, { "avx512er", NULL },
    { "avx512cd", NULL }, { "sha-ni", NULL }, { "avx512bw", NULL },
    { "avx512vl", NULL },
    { "avx512vbmi", NULL }, { "umip", NULL }, { "pku", NULL }, { "ospke", NULL },
    { "waitpkg", NULL }, { "avx512vbmi2", NULL }, { "gfni", NULL }, { "vaes", NULL },
    { "vpclmulqdq", NULL }, { "avx512vnni", NULL }, { "avx512bitalg", NULL },
    { "avx512-vpopcntdq", NULL }, { "la57", NULL }, { "rdpid", NULL },
    { "bus-lock-detect", NULL }, { "cldemote", NULL }, { "movdiri", NULL },
    { "movdir64b", NULL }, { "sgxlc", NULL }, { "pks", NULL },
    { "avx512-4vnniw", NULL }, { "avx512-4fmaps", NULL }, { "fsrm", NULL },
    { "avx512-vp2intersect", NULL }, { "md-clear", NULL }, { "serialize", NULL },
    { "tsx-ldtrk", NULL }, { "pconfig", NULL }, { "arch-lbr", NULL },
    { "amx-bf16", NULL }, { "avx512-fp16", NULL }, { "amx-tile", NULL },
    { "amx-int8", NULL }, { "spec-ctrl", NULL }, { "stibp", NULL },
    { "arch-capabilities", NULL }, { "core-capability", NULL }, { "ssbd", NULL },
    { "avx-vnni", NULL }, { "avx512-bf16", NULL }, { "fzrm", NULL }, { "fsrs", NULL },
    { "fsrc", NULL }, { "amx-fp16", NULL },
    { "xsaveopt", NULL }, { "xsavec", NULL }, { "xgetbv1", NULL }, { "xsaves", NULL },
    { "xfd", NULL },
    { "mbm_total", NULL }, { "mbm_local", NULL },
    { "sgx1", NULL }, { "sgx2", NULL }, { "sgx-edeccssa", NULL }, { "sgx-exinfo", NULL },
    { "sgx-debug", NULL }, { "sgx-mode64", NULL }, { "sgx-provisionkey", NULL },
    { "sgx-tokenkey", NULL }, { "sgx-kss", NULL }, { "sgx-aex-notify", NULL },
    { "intel-pt-lip", NULL },
    { "syscall", NULL }, { "nx", NULL }, { "mmxext", NULL }, { "fxsr_opt", "fxsr-opt" },
    { "pdpe1gb", NULL }, { "rdtscp", NULL }, { "lm", NULL }, { "3dnowext", NULL },
    { "3dnow", NULL },
    { "lahf_lm", "lahf-lm" }, { "cmp_legacy", "cmp-legacy" }, { "svm", NULL },
    { "extapic", NULL }, { "cr8legacy", NULL }, { "abm", NULL }, { "sse4a", NULL },
    { "misalignsse", NULL }, { "3dnowprefetch", NULL }, { "osvw", NULL },
    { "ibs", NULL }, { "xop", NULL }, { "skinit", NULL }, { "wdt", NULL },
    { "lwp", NULL }, { "fma4", NULL }, { "tce", NULL }, { "cvt16", NULL },
    { "nodeid_msr", "nodeid-msr" }, { "tbm", NULL }, { "topoext", NULL },
    { "perfctr_core", "perfctr-core" }, { "perfctr_nb", "perfctr-nb" },
    { "invtsc", NULL },
    { "clzero", NULL }, { "xsaveerptr", NULL }, { "wbnoinvd", NULL }, { "ibpb", NULL },
    { "ibrs", NULL }, { "amd-stibp", NULL }, { "amd-ssbd", NULL }, { "virt-ssbd", NULL },
    { "amd-no-ssb", NULL }, { "amd-psfd", NULL },
    { "npt", NULL }, { "lbrv", NULL }, { "svm-lock", NULL }, { "nrip-save", NULL },
    { "tsc-scale", NULL }, { "vmcb-clean", NULL }, { "flushbyasid", NULL },
    { "decodeassists", NULL }, { "pause-filter", NULL }, { "pfthreshold", NULL },
    { "avic", NULL }, { "v-vmsave-vmload", NULL }, { "vgif", NULL },
    { "svme-addr-chk", NULL },
    { "auto-ibrs", NULL },
    { "rdctl-no", NULL }, { "ibrs-all", NULL }, { "rsba", NULL },
    { "skip-l1dfl-vmentry", NULL }, { "ssb-no", NULL }, { "mds-no", NULL },
    { "pschange-mc-no", NULL }, { "tsx-ctrl", NULL }, { "taa-no", NULL },
    { "split-lock-detect", NULL },
};

/* The named x86 models libvirt knows, in its CPU map's order. Generic QEMU
 * models belong to no vendor. */
typedef struct {
    const char *name;
    bool generic;
} qemuCapsX86Model;

static const qemuCapsX86Model qemuCapsX86Models[] = {
    { "486", true }, { "pentium", true }, { "pentium2", true },
    { "pentium3", true }, { "pentiumpro", true }, { "coreduo", false },
    { "n270", false }, { "core2duo", false }, { "qemu32", true },
    { "kvm32", true }, { "cpu64-rhel5", true }, { "cpu64-rhel6", true },
    { "qemu64", true }, { "kvm64", true },
    { "Conroe", false }, { "Penryn", false }, { "Nehalem", false },
    { "Nehalem-IBRS", false }, { "Westmere", false }, { "Westmere-IBRS", false },
    { "SandyBridge", false }, { "SandyBridge-IBRS", false }, { "IvyBridge", false },
    { "IvyBridge-IBRS", false }, { "Haswell-noTSX", false },
    { "Haswell-noTSX-IBRS", false }, { "Haswell", false }, { "Haswell-IBRS", false },
    { "Broadwell-noTSX", false }, { "Broadwell-noTSX-IBRS", false },
    { "Broadwell", false }, { "Broadwell-IBRS", false }, { "Skylake-Client", false },
    { "Skylake-Client-IBRS", false }, { "Skylake-Client-noTSX-IBRS", false },
    { "Skylake-Server", false }, { "Skylake-Server-IBRS", false },
    { "Skylake-Server-noTSX-IBRS", false }, { "Cascadelake-Server", false },
    { "Cascadelake-Server-noTSX", false }, { "Icelake-Client", false },
    { "Icelake-Client-noTSX", false }, { "Icelake-Server", false },
    { "Icelake-Server-noTSX", false }, { "Cooperlake", false }, { "Snowridge", false },
    { "SapphireRapids", false },
    { "athlon", false }, { "phenom", false }, { "Opteron_G1", false },
    { "Opteron_G2", false }, { "Opteron_G3", false }, { "Opteron_G4", false },
    { "Opteron_G5", false }, { "EPYC", false }, { "EPYC-IBPB", false },
    { "EPYC-Rome", false }, { "EPYC-Milan", false },
    { "Dhyana", false },
};

static const qemuCapsX86Model *
qemuCapsX86ModelLookup(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(qemuCapsX86Models); i++) {
        if (strcmp(qemuCapsX86Models[i].name, name) == 0)
            return &qemuCapsX86Models[i];
    }
    return NULL;
}

/* CPUID vendor strings and libvirt's vendor names. */
static const char *
qemuCapsX86VendorName(const char *cpuid)
{
    if (!cpuid)
        return NULL;
    if (strcmp(cpuid, "GenuineIntel") == 0)
        return "Intel";
    if (strcmp(cpuid, "AuthenticAMD") == 0)
        return "AMD";
    if (strcmp(cpuid, "HygonGenuine") == 0)
        return "Hygon";
    return NULL;
}

/* Index in qemuCapsX86Features of a QEMU feature name, or -1. */
static int
qemuCapsX86FeatureFromQEMU(const char *qemu)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(qemuCapsX86Features); i++) {
        const char *name = qemuCapsX86Features[i].qemu ?
            qemuCapsX86Features[i].qemu : qemuCapsX86Features[i].name;

        if (strcmp(name, qemu) == 0)
            return i;
    }
    return -1;
}

/* Kernel flag names differ from both mostly in punctuation: compare
 * without it. */
static char *
qemuCapsFeatureSquash(const char *name)
{
    GString *str = g_string_new(NULL);

    for (; *name; name++) {
        if (*name != '_' && *name != '-' && *name != '.')
            g_string_append_c(str, g_ascii_tolower(*name));
    }
    return g_string_free(str, FALSE);
}

/* Index in qemuCapsX86Features of a /proc/cpuinfo flag, or -1. */
static int
qemuCapsX86FeatureFromLinux(const char *flag)
{
    static const struct {
        const char *kernel;
        const char *name;
    } renames[] = {
        { "tsc_deadline_timer", "tsc-deadline" },
        { "nonstop_tsc", "invtsc" },
        { "cqm", "cmt" },
    };
    g_autofree char *squashed = NULL;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(renames); i++) {
        if (strcmp(flag, renames[i].kernel) == 0)
            flag = renames[i].name;
    }
    squashed = qemuCapsFeatureSquash(flag);
    for (i = 0; i < G_N_ELEMENTS(qemuCapsX86Features); i++) {
        g_autofree char *a = qemuCapsFeatureSquash(qemuCapsX86Features[i].name);
        g_autofree char *b = qemuCapsX86Features[i].qemu ?
            qemuCapsFeatureSquash(qemuCapsX86Features[i].qemu) : NULL;

        if (strcmp(a, squashed) == 0 || g_strcmp0(b, squashed) == 0)
            return i;
    }
    return -1;
}

/* ---- the capabilities object ---- */

typedef struct {
    char *name;
    char *alias;
    unsigned int maxCpus;
    bool isDefault;
    bool deprecated;
} qemuCapsMachine;

typedef struct {
    char *name;
    bool usable;
    bool deprecated;
} qemuCapsCPUDef;

/* A CPU as a set of features: indexes into qemuCapsX86Features. */
typedef struct {
    char *name;
    const char *vendor;         /* libvirt vendor name, NULL: none/unknown */
    bool *features;             /* G_N_ELEMENTS(qemuCapsX86Features) flags */
} qemuCapsCPUModel;

typedef struct {
    qemuCapsCPUDef *defs;
    size_t ndefs;
    qemuCapsCPUModel *host;     /* host-model source: "host" or "max" */
} qemuCapsAccel;

struct _qemuCaps {
    gint refs;
    struct json_object *doc;    /* what the cache file holds */

    char *binary;
    long long mtime;
    long long ctime;
    bool kvmUsable;             /* /dev/kvm was usable when probed */

    unsigned long long version;
    char *package;
    const qemuCapsArchInfo *arch;
    bool kvm;

    qemuCapsMachine *machines;
    size_t nmachines;
    GHashTable *commands;       /* set of command names */
    GHashTable *types;          /* set of QOM type names */
    GHashTable *displays;       /* set of -display backends */
    bool sev;
    unsigned int sevCbitpos;
    unsigned int sevReducedPhysBits;
    bool sgx;
    bool swtpm;
    bool vfio;

    qemuCapsAccel accel[QEMU_CAPS_VIRT_LAST];
    qemuCapsCPUModel *models;   /* in qemuCapsX86Models order */
    size_t nmodels;
};

static void
qemuCapsCPUModelFree(qemuCapsCPUModel *model)
{
    if (!model)
        return;
    g_free(model->name);
    g_free(model->features);
    g_free(model);
}

static void
qemuCapsFree(qemuCaps *caps)
{
    size_t i;
    size_t j;

    if (caps->doc)
        json_object_put(caps->doc);
    g_free(caps->binary);
    g_free(caps->package);
    for (i = 0; i < caps->nmachines; i++) {
        g_free(caps->machines[i].name);
        g_free(caps->machines[i].alias);
    }
    g_free(caps->machines);
    g_clear_pointer(&caps->commands, g_hash_table_unref);
    g_clear_pointer(&caps->types, g_hash_table_unref);
    g_clear_pointer(&caps->displays, g_hash_table_unref);
    for (i = 0; i < QEMU_CAPS_VIRT_LAST; i++) {
        for (j = 0; j < caps->accel[i].ndefs; j++)
            g_free(caps->accel[i].defs[j].name);
        g_free(caps->accel[i].defs);
        qemuCapsCPUModelFree(caps->accel[i].host);
    }
    for (i = 0; i < caps->nmodels; i++) {
        g_free(caps->models[i].name);
        g_free(caps->models[i].features);
    }
    g_free(caps->models);
    g_free(caps);
}

qemuCaps *
qemuCapsRef(qemuCaps *caps)
{
    g_atomic_int_inc(&caps->refs);
    return caps;
}

void
qemuCapsUnref(qemuCaps *caps)
{
    if (caps && g_atomic_int_dec_and_test(&caps->refs))
        qemuCapsFree(caps);
}

const char *
qemuCapsGetBinary(qemuCaps *caps)
{
    return caps->binary;
}

const char *
qemuCapsGetArch(qemuCaps *caps)
{
    return caps->arch->arch;
}

unsigned long long
qemuCapsGetVersion(qemuCaps *caps)
{
    return caps->version;
}

const char *
qemuCapsGetPackage(qemuCaps *caps)
{
    return caps->package ? caps->package : "";
}

const char *
qemuCapsGetDefaultMachine(qemuCaps *caps)
{
    size_t i;

    for (i = 0; i < caps->nmachines; i++) {
        if (caps->machines[i].isDefault)
            return caps->machines[i].name;
    }
    return NULL;
}

static qemuCapsMachine *
qemuCapsFindMachine(qemuCaps *caps, const char *name)
{
    size_t i;

    if (!name)
        return NULL;
    for (i = 0; i < caps->nmachines; i++) {
        if (strcmp(caps->machines[i].name, name) == 0 ||
            g_strcmp0(caps->machines[i].alias, name) == 0)
            return &caps->machines[i];
    }
    return NULL;
}

const char *
qemuCapsCanonicalMachine(qemuCaps *caps, const char *name)
{
    qemuCapsMachine *machine = qemuCapsFindMachine(caps, name);

    return machine ? machine->name : NULL;
}

bool
qemuCapsHasKVM(qemuCaps *caps)
{
    return caps->kvm;
}

unsigned int
qemuCapsGetMachineMaxCpus(qemuCaps *caps, const char *name)
{
    qemuCapsMachine *machine = qemuCapsFindMachine(caps, name);

    return machine ? machine->maxCpus : 0;
}

bool
qemuCapsHasCommand(qemuCaps *caps, const char *command)
{
    return g_hash_table_contains(caps->commands, command);
}

bool
qemuCapsHasType(qemuCaps *caps, const char *typeName)
{
    return g_hash_table_contains(caps->types, typeName);
}

/* ---- reading the JSON document ---- */

static const char *
qemuCapsJSONString(struct json_object *obj, const char *key)
{
    struct json_object *val = NULL;

    if (!json_object_object_get_ex(obj, key, &val) ||
        !json_object_is_type(val, json_type_string))
        return NULL;
    return json_object_get_string(val);
}

static long long
qemuCapsJSONInt(struct json_object *obj, const char *key)
{
    struct json_object *val = NULL;

    if (!json_object_object_get_ex(obj, key, &val))
        return 0;
    return json_object_get_int64(val);
}

static bool
qemuCapsJSONBool(struct json_object *obj, const char *key)
{
    struct json_object *val = NULL;

    if (!json_object_object_get_ex(obj, key, &val))
        return false;
    return json_object_get_boolean(val);
}

static struct json_object *
qemuCapsJSONArray(struct json_object *obj, const char *key)
{
    struct json_object *val = NULL;

    if (!json_object_object_get_ex(obj, key, &val) ||
        !json_object_is_type(val, json_type_array))
        return NULL;
    return val;
}

static GHashTable *
qemuCapsJSONStringSet(struct json_object *obj, const char *key)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    struct json_object *arr = qemuCapsJSONArray(obj, key);
    size_t i;

    for (i = 0; arr && i < json_object_array_length(arr); i++)
        g_hash_table_add(set, g_strdup(json_object_get_string(json_object_array_get_idx(arr, i))));
    return set;
}

/* A CPU from {"vendor": ..., "features": [QEMU names]}; features libvirt
 * does not name (paravirt, VMX controls) are left out. */
static void
qemuCapsParseCPU(struct json_object *obj, qemuCapsCPUModel *model)
{
    struct json_object *features = qemuCapsJSONArray(obj, "features");
    size_t i;

    model->vendor = qemuCapsX86VendorName(qemuCapsJSONString(obj, "vendor"));
    model->features = g_new0(bool, G_N_ELEMENTS(qemuCapsX86Features));
    for (i = 0; features && i < json_object_array_length(features); i++) {
        int idx = qemuCapsX86FeatureFromQEMU(json_object_get_string(json_object_array_get_idx(features, i)));

        if (idx >= 0)
            model->features[idx] = true;
    }
}

static int
qemuCapsParseMachines(qemuCaps *caps, struct json_object *arr)
{
    size_t i;

    if (!arr || json_object_array_length(arr) == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "no machine types known for '%s'", caps->binary);
        return -1;
    }
    caps->nmachines = json_object_array_length(arr);
    caps->machines = g_new0(qemuCapsMachine, caps->nmachines);
    for (i = 0; i < caps->nmachines; i++) {
        struct json_object *m = json_object_array_get_idx(arr, i);

        caps->machines[i].name = g_strdup(qemuCapsJSONString(m, "name"));
        caps->machines[i].alias = g_strdup(qemuCapsJSONString(m, "alias"));
        caps->machines[i].maxCpus = qemuCapsJSONInt(m, "maxCpus");
        caps->machines[i].isDefault = qemuCapsJSONBool(m, "default");
        caps->machines[i].deprecated = qemuCapsJSONBool(m, "deprecated");
        if (!caps->machines[i].name) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "nameless machine type for '%s'", caps->binary);
            return -1;
        }
    }
    return 0;
}

static void
qemuCapsParseAccel(qemuCapsAccel *accel, struct json_object *obj)
{
    struct json_object *defs = qemuCapsJSONArray(obj, "definitions");
    struct json_object *host = NULL;
    size_t i;

    if (defs) {
        accel->ndefs = json_object_array_length(defs);
        accel->defs = g_new0(qemuCapsCPUDef, accel->ndefs);
        for (i = 0; i < accel->ndefs; i++) {
            struct json_object *d = json_object_array_get_idx(defs, i);

            accel->defs[i].name = g_strdup(qemuCapsJSONString(d, "name"));
            accel->defs[i].usable = qemuCapsJSONBool(d, "usable");
            accel->defs[i].deprecated = qemuCapsJSONBool(d, "deprecated");
            if (!accel->defs[i].name)
                accel->defs[i].name = g_strdup("");
        }
    }
    if (json_object_object_get_ex(obj, "host", &host)) {
        accel->host = g_new0(qemuCapsCPUModel, 1);
        accel->host->name = g_strdup(qemuCapsJSONString(host, "name"));
        qemuCapsParseCPU(host, accel->host);
    }
}

/* Takes doc. */
static qemuCaps *
qemuCapsNewFromJSON(struct json_object *doc)
{
    g_autoptr(qemuCaps) caps = g_new0(qemuCaps, 1);
    struct json_object *obj = NULL;
    struct json_object *arr = NULL;
    const char *arch;
    size_t i;

    caps->refs = 1;
    caps->doc = doc;
    if (!json_object_is_type(doc, json_type_object) ||
        qemuCapsJSONInt(doc, "format") != QEMU_CAPS_FORMAT ||
        !(caps->binary = g_strdup(qemuCapsJSONString(doc, "binary")))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "QEMU capabilities data has an unknown format");
        return NULL;
    }
    caps->mtime = qemuCapsJSONInt(doc, "mtime");
    caps->ctime = qemuCapsJSONInt(doc, "ctime");
    caps->kvmUsable = qemuCapsJSONBool(doc, "kvmUsable");
    caps->version = qemuCapsJSONInt(doc, "version");
    caps->package = g_strdup(qemuCapsJSONString(doc, "package"));
    caps->kvm = qemuCapsJSONBool(doc, "kvm");
    arch = qemuCapsJSONString(doc, "arch");
    if (!(caps->arch = qemuCapsArchLookup(arch))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "unsupported QEMU target '%s' of '%s'",
                       arch ? arch : "", caps->binary);
        return NULL;
    }
    if (qemuCapsParseMachines(caps, qemuCapsJSONArray(doc, "machines")) < 0)
        return NULL;

    caps->commands = qemuCapsJSONStringSet(doc, "commands");
    caps->types = qemuCapsJSONStringSet(doc, "types");
    caps->displays = qemuCapsJSONStringSet(doc, "displays");
    if (json_object_object_get_ex(doc, "sev", &obj) &&
        json_object_is_type(obj, json_type_object)) {
        caps->sev = true;
        caps->sevCbitpos = qemuCapsJSONInt(obj, "cbitpos");
        caps->sevReducedPhysBits = qemuCapsJSONInt(obj, "reducedPhysBits");
    }
    caps->sgx = qemuCapsJSONBool(doc, "sgx");
    caps->swtpm = qemuCapsJSONBool(doc, "swtpm");
    caps->vfio = qemuCapsJSONBool(doc, "vfio");

    if (json_object_object_get_ex(doc, "cpu", &obj)) {
        for (i = 0; i < QEMU_CAPS_VIRT_LAST; i++) {
            struct json_object *acc = NULL;

            if (json_object_object_get_ex(obj, qemuCapsVirtTypeTypeToString(i), &acc))
                qemuCapsParseAccel(&caps->accel[i], acc);
        }
    }

    if ((arr = qemuCapsJSONArray(doc, "cpuModels"))) {
        caps->models = g_new0(qemuCapsCPUModel, json_object_array_length(arr));
        for (i = 0; i < json_object_array_length(arr); i++) {
            struct json_object *m = json_object_array_get_idx(arr, i);
            const char *name = qemuCapsJSONString(m, "name");
            const qemuCapsX86Model *known = name ? qemuCapsX86ModelLookup(name) : NULL;
            qemuCapsCPUModel *model;

            if (!known)
                continue;
            model = &caps->models[caps->nmodels++];
            model->name = g_strdup(name);
            qemuCapsParseCPU(m, model);
            if (known->generic)
                model->vendor = NULL;
            /* QEMU sets it on every CPU it expands; it is no part of what
             * a model means, and a host showing it must keep showing it. */
            model->features[qemuCapsX86FeatureFromQEMU("hypervisor")] = false;
        }
    }
    return g_steal_pointer(&caps);
}

qemuCaps *
qemuCapsNewFromFile(const char *path)
{
    g_autofree char *text = NULL;
    struct json_object *doc;

    if (virFileReadAll(path, 64 * 1024 * 1024, &text) < 0)
        return NULL;
    if (!(doc = json_tokener_parse(text))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot parse QEMU capabilities file '%s'", path);
        return NULL;
    }
    return qemuCapsNewFromJSON(doc);
}

char *
qemuCapsToJSON(qemuCaps *caps)
{
    return g_strdup_printf("%s\n", json_object_to_json_string_ext(caps->doc,
                                                                  JSON_C_TO_STRING_PRETTY |
                                                                  JSON_C_TO_STRING_SPACED |
                                                                  JSON_C_TO_STRING_NOSLASHESCAPE));
}

/* ---- probing ---- */

typedef struct {
    const char *binary;
    struct json_object *doc;    /* being filled */
} qemuCapsProbeData;

/* Runs one query whose failure only means "not available". */
static struct json_object *
qemuCapsQueryOptional(qemuMonitor *mon, const char *cmd, struct json_object *args)
{
    struct json_object *reply = NULL;

    if (qemuMonitorCommand(mon, cmd, args, &reply) < 0) {
        const virErrorInfo *err = virErrorGetLast();

        VIR_DEBUG("optional %s failed: %s", cmd, err && err->message ? err->message : "");
        virErrorReset();
        return NULL;
    }
    return reply;
}

static int
qemuCapsProbeVersion(qemuMonitor *mon, struct json_object *doc)
{
    g_autoptr(json_object) reply = NULL;
    struct json_object *qemu = NULL;
    g_autofree char *stripped = NULL;
    const char *package;

    if (qemuMonitorCommand(mon, "query-version", NULL, &reply) < 0)
        return -1;
    if (!json_object_object_get_ex(reply, "qemu", &qemu)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "query-version reply lacks 'qemu'");
        return -1;
    }
    json_object_object_add(doc, "version",
                           json_object_new_int64(qemuCapsJSONInt(qemu, "major") * 1000000 +
                                                 qemuCapsJSONInt(qemu, "minor") * 1000 +
                                                 qemuCapsJSONInt(qemu, "micro")));
    package = qemuCapsJSONString(reply, "package");
    stripped = g_strstrip(g_strdup(package ? package : ""));
    json_object_object_add(doc, "package", json_object_new_string(stripped));
    return 0;
}

static int
qemuCapsProbeMachines(qemuMonitor *mon, struct json_object *doc)
{
    g_autoptr(json_object) reply = NULL;
    struct json_object *machines = json_object_new_array();
    size_t i;

    json_object_object_add(doc, "machines", machines);
    if (qemuMonitorCommand(mon, "query-machines", NULL, &reply) < 0)
        return -1;
    for (i = 0; i < json_object_array_length(reply); i++) {
        struct json_object *m = json_object_array_get_idx(reply, i);
        struct json_object *out = json_object_new_object();
        const char *alias = qemuCapsJSONString(m, "alias");

        json_object_object_add(out, "name", json_object_new_string(qemuCapsJSONString(m, "name")));
        if (alias)
            json_object_object_add(out, "alias", json_object_new_string(alias));
        json_object_object_add(out, "maxCpus", json_object_new_int64(qemuCapsJSONInt(m, "cpu-max")));
        if (qemuCapsJSONBool(m, "is-default"))
            json_object_object_add(out, "default", json_object_new_boolean(true));
        if (qemuCapsJSONBool(m, "deprecated"))
            json_object_object_add(out, "deprecated", json_object_new_boolean(true));
        json_object_array_add(machines, out);
    }
    return 0;
}

static gint
qemuCapsCompareStrings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char * const *)a, *(const char * const *)b);
}

/* The "name" of every element of a query reply, sorted. */
static void
qemuCapsProbeNames(qemuMonitor *mon, const char *cmd, struct json_object *doc,
                   const char *key)
{
    g_autoptr(json_object) reply = qemuCapsQueryOptional(mon, cmd, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    struct json_object *arr = json_object_new_array();
    size_t i;

    json_object_object_add(doc, key, arr);
    for (i = 0; reply && i < json_object_array_length(reply); i++) {
        const char *name = qemuCapsJSONString(json_object_array_get_idx(reply, i), "name");

        if (name)
            g_ptr_array_add(names, (char *)name);
    }
    g_ptr_array_sort(names, qemuCapsCompareStrings);
    for (i = 0; i < names->len; i++)
        json_object_array_add(arr, json_object_new_string(g_ptr_array_index(names, i)));
}

static struct json_object *
qemuCapsSchemaFind(struct json_object *schema, const char *name)
{
    size_t i;

    for (i = 0; i < json_object_array_length(schema); i++) {
        struct json_object *e = json_object_array_get_idx(schema, i);

        if (g_strcmp0(qemuCapsJSONString(e, "name"), name) == 0)
            return e;
    }
    return NULL;
}

/* The -display backends this build has: the values of the enum that
 * query-display-options' reply is tagged with. */
static void
qemuCapsProbeDisplays(qemuMonitor *mon, struct json_object *doc)
{
    g_autoptr(json_object) schema = qemuCapsQueryOptional(mon, "query-qmp-schema", NULL);
    struct json_object *out = json_object_new_array();
    struct json_object *cmd;
    struct json_object *ret;
    struct json_object *members;
    struct json_object *values;
    const char *enumType = NULL;
    size_t i;

    json_object_object_add(doc, "displays", out);
    if (!schema ||
        !(cmd = qemuCapsSchemaFind(schema, "query-display-options")) ||
        !(ret = qemuCapsSchemaFind(schema, qemuCapsJSONString(cmd, "ret-type"))) ||
        !(members = qemuCapsJSONArray(ret, "members")))
        return;
    for (i = 0; i < json_object_array_length(members); i++) {
        struct json_object *m = json_object_array_get_idx(members, i);

        if (g_strcmp0(qemuCapsJSONString(m, "name"), "type") == 0)
            enumType = qemuCapsJSONString(m, "type");
    }
    if (!enumType ||
        !(values = qemuCapsJSONArray(qemuCapsSchemaFind(schema, enumType), "values")))
        return;
    for (i = 0; i < json_object_array_length(values); i++)
        json_object_array_add(out, json_object_get(json_object_array_get_idx(values, i)));
}

static struct json_object *
qemuCapsExpandArgs(const char *model)
{
    struct json_object *args = json_object_new_object();
    struct json_object *m = json_object_new_object();

    json_object_object_add(m, "name", json_object_new_string(model));
    json_object_object_add(args, "type", json_object_new_string("static"));
    json_object_object_add(args, "model", m);
    return args;
}

/* {"name", "vendor", "features": [enabled QEMU feature names, sorted]} of
 * a static expansion, or NULL when QEMU cannot expand the model. */
static struct json_object *
qemuCapsProbeExpand(qemuMonitor *mon, const char *model)
{
    g_autoptr(json_object) reply = qemuCapsQueryOptional(mon, "query-cpu-model-expansion",
                                                         qemuCapsExpandArgs(model));
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    struct json_object *m = NULL;
    struct json_object *props = NULL;
    struct json_object *out;
    struct json_object *features;
    size_t i;

    if (!reply || !json_object_object_get_ex(reply, "model", &m) ||
        !json_object_object_get_ex(m, "props", &props))
        return NULL;

    out = json_object_new_object();
    features = json_object_new_array();
    json_object_object_add(out, "name", json_object_new_string(model));
    if (qemuCapsJSONString(props, "vendor"))
        json_object_object_add(out, "vendor", json_object_new_string(qemuCapsJSONString(props, "vendor")));
    {
        json_object_object_foreach(props, key, val) {
            if (json_object_is_type(val, json_type_boolean) && json_object_get_boolean(val))
                g_ptr_array_add(names, key);
        }
    }
    g_ptr_array_sort(names, qemuCapsCompareStrings);
    for (i = 0; i < names->len; i++)
        json_object_array_add(features, json_object_new_string(g_ptr_array_index(names, i)));
    json_object_object_add(out, "features", features);
    return out;
}

static bool
qemuCapsArchIsX86(const char *arch)
{
    return g_strcmp0(arch, "x86_64") == 0 || g_strcmp0(arch, "i386") == 0;
}

/* CPU data valid for one accelerator: the models QEMU offers and whether
 * each can run here, plus the host-model source CPU. */
static void
qemuCapsProbeAccel(qemuMonitor *mon, struct json_object *doc, qemuCapsVirtType virt)
{
    g_autoptr(json_object) reply = qemuCapsQueryOptional(mon, "query-cpu-definitions", NULL);
    struct json_object *cpu = NULL;
    struct json_object *acc = json_object_new_object();
    struct json_object *defs = json_object_new_array();
    struct json_object *host;
    size_t i;

    if (!json_object_object_get_ex(doc, "cpu", &cpu)) {
        cpu = json_object_new_object();
        json_object_object_add(doc, "cpu", cpu);
    }
    json_object_object_add(cpu, qemuCapsVirtTypeTypeToString(virt), acc);
    json_object_object_add(acc, "definitions", defs);

    for (i = 0; reply && i < json_object_array_length(reply); i++) {
        struct json_object *d = json_object_array_get_idx(reply, i);
        struct json_object *out = json_object_new_object();
        struct json_object *unavailable = qemuCapsJSONArray(d, "unavailable-features");

        json_object_object_add(out, "name", json_object_new_string(qemuCapsJSONString(d, "name")));
        json_object_object_add(out, "usable",
                               json_object_new_boolean(unavailable &&
                                                       json_object_array_length(unavailable) == 0));
        if (qemuCapsJSONBool(d, "deprecated"))
            json_object_object_add(out, "deprecated", json_object_new_boolean(true));
        json_object_array_add(defs, out);
    }

    if (qemuCapsArchIsX86(qemuCapsJSONString(doc, "arch")) &&
        (host = qemuCapsProbeExpand(mon, virt == QEMU_CAPS_VIRT_KVM ? "host" : "max")))
        json_object_object_add(acc, "host", host);
}

/* Feature sets of the named models libvirt knows, expanded without KVM so
 * that they show the models' own definitions. */
static void
qemuCapsProbeModels(qemuMonitor *mon, struct json_object *doc)
{
    struct json_object *models = json_object_new_array();
    size_t i;

    json_object_object_add(doc, "cpuModels", models);
    if (!qemuCapsArchIsX86(qemuCapsJSONString(doc, "arch")))
        return;
    for (i = 0; i < G_N_ELEMENTS(qemuCapsX86Models); i++) {
        struct json_object *m = qemuCapsProbeExpand(mon, qemuCapsX86Models[i].name);

        if (m)
            json_object_array_add(models, m);
    }
}

static int
qemuCapsProbeMain(qemuMonitor *mon, qemuCapsProbeData *data, bool wantKVM)
{
    struct json_object *doc = data->doc;
    g_autoptr(json_object) target = NULL;
    g_autoptr(json_object) kvm = NULL;
    g_autoptr(json_object) sev = NULL;
    g_autoptr(json_object) sgx = NULL;
    bool kvmOn = false;

    if (qemuCapsProbeVersion(mon, doc) < 0)
        return -1;
    if (qemuMonitorCommand(mon, "query-target", NULL, &target) < 0)
        return -1;
    json_object_object_add(doc, "arch", json_object_new_string(qemuCapsJSONString(target, "arch")));
    if (wantKVM && (kvm = qemuCapsQueryOptional(mon, "query-kvm", NULL)))
        kvmOn = qemuCapsJSONBool(kvm, "present") && qemuCapsJSONBool(kvm, "enabled");
    json_object_object_add(doc, "kvm", json_object_new_boolean(kvmOn));
    if (qemuCapsProbeMachines(mon, doc) < 0)
        return -1;
    qemuCapsProbeNames(mon, "query-commands", doc, "commands");
    qemuCapsProbeNames(mon, "qom-list-types", doc, "types");
    qemuCapsProbeDisplays(mon, doc);

    if ((sev = qemuCapsQueryOptional(mon, "query-sev-capabilities", NULL))) {
        struct json_object *out = json_object_new_object();

        json_object_object_add(out, "cbitpos", json_object_new_int64(qemuCapsJSONInt(sev, "cbitpos")));
        json_object_object_add(out, "reducedPhysBits",
                               json_object_new_int64(qemuCapsJSONInt(sev, "reduced-phys-bits")));
        json_object_object_add(doc, "sev", out);
    }
    sgx = qemuCapsQueryOptional(mon, "query-sgx-capabilities", NULL);
    json_object_object_add(doc, "sgx", json_object_new_boolean(sgx != NULL));

    qemuCapsProbeAccel(mon, doc, kvmOn ? QEMU_CAPS_VIRT_KVM : QEMU_CAPS_VIRT_QEMU);
    if (!kvmOn)
        qemuCapsProbeModels(mon, doc);
    return 0;
}

/* The second run, without KVM, when the first one had it. */
static int
qemuCapsProbeTCG(qemuMonitor *mon, qemuCapsProbeData *data)
{
    qemuCapsProbeAccel(mon, data->doc, QEMU_CAPS_VIRT_QEMU);
    qemuCapsProbeModels(mon, data->doc);
    return 0;
}

static char *
qemuCapsReadLog(const char *path)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return g_strdup("");
    return g_strdup(g_strstrip(text));
}

static void
qemuCapsReap(pid_t pid)
{
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    /* QEMU exits right after "quit"; give it a moment, then insist. */
    while (g_get_monotonic_time() < deadline) {
        pid_t rc = waitpid(pid, NULL, WNOHANG);

        if (rc == pid || (rc < 0 && errno != EINTR))
            return;
        g_usleep(10 * 1000);
    }
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
}

/* Starts binary with an accelerator, waits for its monitor and hands it to
 * the main (first run) or the TCG (second run) probe. */
static int
qemuCapsProbeRun(qemuCapsProbeData *data, const char *accel, bool first)
{
    g_autofree char *dir = NULL;
    g_autofree char *sock = NULL;
    g_autofree char *log = NULL;
    g_autoptr(virCommand) cmd = NULL;
    g_autoptr(GError) gerr = NULL;
    qemuMonitor *mon = NULL;
    gint64 deadline;
    pid_t pid = -1;
    int logfd = -1;
    int ret = -1;

    if (!(dir = g_dir_make_tmp("virtqemud-probe-XXXXXX", &gerr))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot create a probe directory: %s", gerr->message);
        return -1;
    }
    sock = g_build_filename(dir, "qmp.sock", NULL);
    log = g_build_filename(dir, "qemu.log", NULL);
    if ((logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, "cannot create '%s'", log);
        goto cleanup;
    }

    cmd = virCommandNewArgList(data->binary, "-S", "-no-user-config", "-nodefaults",
                               "-nographic", "-machine", "none", "-accel", accel, NULL);
    /* A KVM that cannot be initialized must not fail the probe: QEMU falls
     * back to the next accelerator and query-kvm tells which one runs. */
    if (strcmp(accel, "tcg") != 0)
        virCommandAddArgPair(cmd, "-accel", "tcg");
    virCommandAddArg(cmd, "-qmp");
    virCommandAddArgFormat(cmd, "unix:%s,server=on,wait=off", sock);
    virCommandAddEnvPassCommon(cmd);
    virCommandSetOutputFd(cmd, logfd);
    if (virCommandRunAsync(cmd, &pid) < 0)
        goto cleanup;

    /* Watch the child while waiting for the socket, so a QEMU that refuses
     * to start is reported at once rather than after the timeout. */
    deadline = g_get_monotonic_time() + QEMU_CAPS_PROBE_TIMEOUT_MS * 1000LL;
    while (!g_file_test(sock, G_FILE_TEST_EXISTS)) {
        int status;

        if (waitpid(pid, &status, WNOHANG) == pid) {
            g_autofree char *text = qemuCapsReadLog(log);

            pid = -1;
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           "Failed to probe capabilities for %s: %s", data->binary, text);
            goto cleanup;
        }
        if (g_get_monotonic_time() > deadline) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           "QEMU '%s' did not create its monitor socket", data->binary);
            goto cleanup;
        }
        g_usleep(10 * 1000);
    }

    if (!(mon = qemuMonitorOpen(sock, 5000, 0, NULL, NULL)))
        goto cleanup;
    if (first)
        ret = qemuCapsProbeMain(mon, data, strcmp(accel, "kvm") == 0);
    else
        ret = qemuCapsProbeTCG(mon, data);
    if (qemuMonitorQuit(mon) < 0)
        virErrorReset();

 cleanup:
    qemuMonitorClose(mon);
    if (pid > 0)
        qemuCapsReap(pid);
    if (logfd >= 0)
        close(logfd);
    if (sock)
        unlink(sock);
    if (log)
        unlink(log);
    if (dir)
        rmdir(dir);
    return ret;
}

static bool
qemuCapsKVMUsable(void)
{
    return access("/dev/kvm", R_OK | W_OK) == 0;
}

static bool
qemuCapsFindSwtpm(void)
{
    g_autofree char *path = g_find_program_in_path("swtpm");

    return path != NULL;
}

static qemuCaps *
qemuCapsProbe(const char *binary, const struct stat *sb)
{
    qemuCapsProbeData data = { .binary = binary };
    g_autoptr(json_object) doc = json_object_new_object();
    bool kvmUsable = qemuCapsKVMUsable();

    VIR_DEBUG("probing %s", binary);
    data.doc = doc;
    json_object_object_add(doc, "format", json_object_new_int(QEMU_CAPS_FORMAT));
    json_object_object_add(doc, "binary", json_object_new_string(binary));
    json_object_object_add(doc, "mtime", json_object_new_int64(sb->st_mtim.tv_sec));
    json_object_object_add(doc, "ctime", json_object_new_int64(sb->st_ctim.tv_sec));
    json_object_object_add(doc, "kvmUsable", json_object_new_boolean(kvmUsable));
    /* Host facts the XML depends on, kept with the rest so that a
     * recorded probe formats the same anywhere. */
    json_object_object_add(doc, "swtpm", json_object_new_boolean(qemuCapsFindSwtpm()));
    json_object_object_add(doc, "vfio", json_object_new_boolean(access("/dev/vfio/vfio", F_OK) == 0));

    if (qemuCapsProbeRun(&data, kvmUsable ? "kvm" : "tcg", true) < 0)
        return NULL;
    if (qemuCapsJSONBool(doc, "kvm") && qemuCapsProbeRun(&data, "tcg", false) < 0)
        return NULL;
    return qemuCapsNewFromJSON(g_steal_pointer(&doc));
}

/* ---- the cache ---- */

struct _qemuCapsCache {
    GMutex lock;
    char *cacheDir;
    GHashTable *entries;        /* binary -> qemuCaps (a reference) */
    GHashTable *pinned;         /* binaries inserted by tests: never checked */
    char hostUUID[VIR_UUID_STRING_BUFLEN];
};

qemuCapsCache *
qemuCapsCacheNew(const char *cacheDir)
{
    qemuCapsCache *cache = g_new0(qemuCapsCache, 1);

    g_mutex_init(&cache->lock);
    cache->cacheDir = g_strdup(cacheDir);
    cache->entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)qemuCapsUnref);
    cache->pinned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return cache;
}

void
qemuCapsCacheFree(qemuCapsCache *cache)
{
    if (!cache)
        return;
    g_hash_table_unref(cache->entries);
    g_hash_table_unref(cache->pinned);
    g_free(cache->cacheDir);
    g_mutex_clear(&cache->lock);
    g_free(cache);
}

void
qemuCapsCacheInsert(qemuCapsCache *cache, qemuCaps *caps)
{
    g_mutex_lock(&cache->lock);
    g_hash_table_insert(cache->entries, g_strdup(caps->binary), qemuCapsRef(caps));
    g_hash_table_add(cache->pinned, g_strdup(caps->binary));
    g_mutex_unlock(&cache->lock);
}

static bool
qemuCapsIsValid(qemuCaps *caps, const char *binary, const struct stat *sb)
{
    return strcmp(caps->binary, binary) == 0 &&
        caps->mtime == (long long)sb->st_mtim.tv_sec &&
        caps->ctime == (long long)sb->st_ctim.tv_sec &&
        caps->kvmUsable == qemuCapsKVMUsable();
}

static char *
qemuCapsCacheFile(qemuCapsCache *cache, const char *binary)
{
    g_autofree char *hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, binary, -1);
    g_autofree char *name = g_strdup_printf("%s.json", hash);

    return g_build_filename(cache->cacheDir, name, NULL);
}

static qemuCaps *
qemuCapsCacheLoad(qemuCapsCache *cache, const char *binary, const struct stat *sb)
{
    g_autofree char *path = NULL;
    g_autoptr(qemuCaps) caps = NULL;

    if (!cache->cacheDir)
        return NULL;
    path = qemuCapsCacheFile(cache, binary);
    if (!virFileExists(path))
        return NULL;
    if (!(caps = qemuCapsNewFromFile(path)) || !qemuCapsIsValid(caps, binary, sb)) {
        /* A stale or broken file only means probing again. */
        VIR_DEBUG("ignoring cached capabilities in %s", path);
        virErrorReset();
        return NULL;
    }
    VIR_DEBUG("loaded capabilities of %s from %s", binary, path);
    return g_steal_pointer(&caps);
}

static void
qemuCapsCacheSave(qemuCapsCache *cache, qemuCaps *caps)
{
    g_autofree char *path = NULL;
    g_autofree char *json = NULL;

    if (!cache->cacheDir)
        return;
    path = qemuCapsCacheFile(cache, caps->binary);
    json = qemuCapsToJSON(caps);
    /* Failing to write the cache costs a probe at the next start, nothing
     * more: log it and carry on. */
    if (virFileMakePath(cache->cacheDir, 0755) < 0 ||
        virFileWriteStrAtomic(path, json, 0644) < 0) {
        const virErrorInfo *err = virErrorGetLast();

        VIR_WARN("cannot save QEMU capabilities: %s", err && err->message ? err->message : "");
        virErrorReset();
    }
}

qemuCaps *
qemuCapsCacheLookup(qemuCapsCache *cache, const char *binary)
{
    qemuCaps *caps;
    struct stat sb;

    g_mutex_lock(&cache->lock);
    caps = g_hash_table_lookup(cache->entries, binary);
    if (caps && g_hash_table_contains(cache->pinned, binary)) {
        qemuCapsRef(caps);
        goto done;
    }

    if (stat(binary, &sb) < 0) {
        virReportSystemError(errno, "Cannot find QEMU binary %s", binary);
        caps = NULL;
        goto done;
    }
    if (caps && qemuCapsIsValid(caps, binary, &sb)) {
        qemuCapsRef(caps);
        goto done;
    }

    if (!(caps = qemuCapsCacheLoad(cache, binary, &sb))) {
        if (!(caps = qemuCapsProbe(binary, &sb)))
            goto done;
        qemuCapsCacheSave(cache, caps);
    }
    g_hash_table_insert(cache->entries, g_strdup(binary), qemuCapsRef(caps));

 done:
    g_mutex_unlock(&cache->lock);
    return caps;
}

/* DMI or machine-id when the host has one, else a random UUID kept in the
 * cache dir so it survives restarts. */
static const char *
qemuCapsCacheHostUUID(qemuCapsCache *cache)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;

    g_mutex_lock(&cache->lock);
    if (cache->hostUUID[0])
        goto done;

    if (virSysinfoGetHostUUID(uuid) == 0) {
        virUUIDFormat(uuid, cache->hostUUID);
        goto done;
    }
    if (cache->cacheDir) {
        path = g_build_filename(cache->cacheDir, "host-uuid", NULL);
        if (g_file_get_contents(path, &text, NULL, NULL) &&
            virUUIDParse(g_strstrip(text), uuid) == 0) {
            virUUIDFormat(uuid, cache->hostUUID);
            goto done;
        }
    }
    virUUIDGenerate(uuid);
    virUUIDFormat(uuid, cache->hostUUID);
    if (path) {
        g_autofree char *line = g_strdup_printf("%s\n", cache->hostUUID);

        if (virFileMakePath(cache->cacheDir, 0755) < 0 ||
            virFileWriteStrAtomic(path, line, 0644) < 0) {
            VIR_WARN("cannot save the host UUID in %s", path);
            virErrorReset();
        }
    }

 done:
    g_mutex_unlock(&cache->lock);
    return cache->hostUUID;
}

/* ---- XML output helpers ---- */


/* indent<element>text</element> */
static void
qemuCapsElement(GString *buf, const char *indent, const char *element, const char *text)
{
    g_string_append_printf(buf, "%s<%s>", indent, element);
    virBufferEscapeXML(buf, text);
    g_string_append_printf(buf, "</%s>\n", element);
}

/* ---- CPU models ---- */

/* A model may describe a host of another vendor only if it has none. */
static bool
qemuCapsVendorFits(const qemuCapsCPUModel *model, const char *vendor)
{
    return !model->vendor || !vendor || strcmp(model->vendor, vendor) == 0;
}

/* The model closest to a CPU: fewest features to add plus remove. With
 * subsetOnly, only models whose every feature the CPU has (the host CPU
 * description never removes features). Earlier models win ties. */
static const qemuCapsCPUModel *
qemuCapsCPUClosest(qemuCaps *caps, const bool *features, const char *vendor, bool subsetOnly)
{
    const qemuCapsCPUModel *best = NULL;
    size_t bestCost = G_MAXSIZE;
    size_t i;
    size_t f;

    for (i = 0; i < caps->nmodels; i++) {
        const qemuCapsCPUModel *model = &caps->models[i];
        size_t added = 0;
        size_t removed = 0;

        if (!qemuCapsVendorFits(model, vendor))
            continue;
        for (f = 0; f < G_N_ELEMENTS(qemuCapsX86Features); f++) {
            added += features[f] && !model->features[f];
            removed += !features[f] && model->features[f];
        }
        if (subsetOnly && removed)
            continue;
        if (added + removed < bestCost) {
            best = model;
            bestCost = added + removed;
        }
    }
    return best;
}

/* ---- <capabilities> ---- */

static char *
qemuCapsFormatSize(unsigned long long kib, const char **unit)
{
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
    size_t i = 0;

    while (i + 1 < G_N_ELEMENTS(units) && kib && kib % 1024 == 0) {
        kib /= 1024;
        i++;
    }
    *unit = units[i];
    return g_strdup_printf("%llu", kib);
}

static void
qemuCapsFormatHostCPU(GString *buf, qemuCaps *caps)
{
    g_autoptr(virHostCPUDesc) desc = virHostCPUGetDesc();
    g_autofree bool *features = g_new0(bool, G_N_ELEMENTS(qemuCapsX86Features));
    g_autofree unsigned int *pages = NULL;
    const qemuCapsCPUModel *model = NULL;
    const char *vendor;
    size_t npages = 0;
    size_t i;

    g_string_append(buf, "    <cpu>\n");
    if (!desc) {
        /* No description is still a valid document. */
        virErrorReset();
        g_string_append(buf, "    </cpu>\n");
        return;
    }
    vendor = qemuCapsX86VendorName(desc->vendor);
    for (i = 0; desc->flags[i]; i++) {
        int idx = qemuCapsX86FeatureFromLinux(desc->flags[i]);

        if (idx >= 0)
            features[idx] = true;
    }

    qemuCapsElement(buf, "      ", "arch", desc->arch);
    if (caps && qemuCapsArchIsX86(desc->arch) &&
        (model = qemuCapsCPUClosest(caps, features, vendor, true)))
        qemuCapsElement(buf, "      ", "model", model->name);
    if (vendor)
        qemuCapsElement(buf, "      ", "vendor", vendor);
    if (desc->hasMicrocode)
        g_string_append_printf(buf, "      <microcode version='%llu'/>\n", desc->microcode);
    if (desc->hasSignature)
        g_string_append_printf(buf, "      <signature family='%u' model='%u' stepping='%u'/>\n",
                               desc->family, desc->model, desc->stepping);
    g_string_append_printf(buf, "      <topology sockets='%u' dies='%u' cores='%u' threads='%u'/>\n",
                           desc->sockets, desc->dies, desc->cores, desc->threads);
    if (desc->physBits)
        g_string_append_printf(buf, "      <maxphysaddr mode='emulate' bits='%u'/>\n",
                               desc->physBits);
    if (model) {
        for (i = 0; i < G_N_ELEMENTS(qemuCapsX86Features); i++) {
            if (features[i] && !model->features[i])
                g_string_append_printf(buf, "      <feature name='%s'/>\n",
                                       qemuCapsX86Features[i].name);
        }
    }
    pages = virHostMemGetPageSizes(&npages);
    for (i = 0; i < npages; i++)
        g_string_append_printf(buf, "      <pages unit='KiB' size='%u'/>\n", pages[i]);
    g_string_append(buf, "    </cpu>\n");
}

static int
qemuCapsFormatTopology(GString *buf)
{
    g_autoptr(virHostNUMA) numa = virHostNUMAGetTopology();
    size_t i;
    size_t j;

    if (!numa)
        return -1;
    g_string_append(buf, "    <topology>\n");
    g_string_append_printf(buf, "      <cells num='%zu'>\n", numa->ncells);
    for (i = 0; i < numa->ncells; i++) {
        virHostCell *cell = &numa->cells[i];

        g_string_append_printf(buf, "        <cell id='%u'>\n", cell->id);
        g_string_append_printf(buf, "          <memory unit='KiB'>%llu</memory>\n", cell->memory);
        for (j = 0; j < cell->npages; j++)
            g_string_append_printf(buf, "          <pages unit='KiB' size='%u'>%llu</pages>\n",
                                   cell->pages[j].size, cell->pages[j].count);
        if (cell->ndistances) {
            g_string_append(buf, "          <distances>\n");
            for (j = 0; j < cell->ndistances; j++)
                g_string_append_printf(buf, "            <sibling id='%u' value='%u'/>\n",
                                       cell->distanceIds[j], cell->distances[j]);
            g_string_append(buf, "          </distances>\n");
        }
        g_string_append_printf(buf, "          <cpus num='%zu'>\n", cell->ncpus);
        for (j = 0; j < cell->ncpus; j++) {
            g_string_append_printf(buf, "            <cpu id='%u' socket_id='%d' die_id='%d' "
                                   "core_id='%d' siblings='",
                                   cell->cpus[j].id, cell->cpus[j].socketId,
                                   cell->cpus[j].dieId, cell->cpus[j].coreId);
            virBufferEscapeXML(buf, cell->cpus[j].siblings);
            g_string_append(buf, "'/>\n");
        }
        g_string_append(buf, "          </cpus>\n");
        g_string_append(buf, "        </cell>\n");
    }
    g_string_append(buf, "      </cells>\n");
    g_string_append(buf, "    </topology>\n");
    return 0;
}

static void
qemuCapsFormatCaches(GString *buf)
{
    virHostCacheBank *banks = NULL;
    size_t nbanks = 0;
    size_t i;

    if (virHostCPUGetCaches(&banks, &nbanks) < 0 || nbanks == 0) {
        virErrorReset();
        return;
    }
    g_string_append(buf, "    <cache>\n");
    for (i = 0; i < nbanks; i++) {
        const char *unit;
        g_autofree char *size = qemuCapsFormatSize(banks[i].size, &unit);

        g_string_append_printf(buf, "      <bank id='%u' level='%u' type='%s' size='%s' "
                               "unit='%s' cpus='%s'/>\n",
                               banks[i].id, banks[i].level, banks[i].type, size, unit,
                               banks[i].cpus);
    }
    g_string_append(buf, "    </cache>\n");
    virHostCacheBanksFree(banks, nbanks);
}

static int
qemuCapsFormatHost(GString *buf, qemuCapsCache *cache, qemuCaps *caps)
{
    g_string_append(buf, "  <host>\n");
    qemuCapsElement(buf, "    ", "uuid", qemuCapsCacheHostUUID(cache));
    qemuCapsFormatHostCPU(buf, caps);
    g_string_append(buf, "    <power_management/>\n");
    g_string_append_printf(buf, "    <iommu support='%s'/>\n",
                           virHostIOMMUEnabled() ? "yes" : "no");
    g_string_append(buf,
                    "    <migration_features>\n"
                    "      <live/>\n"
                    "      <uri_transports>\n"
                    "        <uri_transport>tcp</uri_transport>\n"
                    "        <uri_transport>rdma</uri_transport>\n"
                    "      </uri_transports>\n"
                    "    </migration_features>\n");
    if (qemuCapsFormatTopology(buf) < 0)
        return -1;
    qemuCapsFormatCaches(buf);
    g_string_append(buf,
                    "    <secmodel>\n"
                    "      <model>none</model>\n"
                    "      <doi>0</doi>\n"
                    "    </secmodel>\n");
    g_string_append(buf, "  </host>\n\n");
    return 0;
}

static void
qemuCapsFormatGuest(GString *buf, qemuCaps *caps)
{
    size_t i;

    g_string_append(buf, "  <guest>\n");
    g_string_append(buf, "    <os_type>hvm</os_type>\n");
    g_string_append_printf(buf, "    <arch name='%s'>\n", caps->arch->arch);
    g_string_append_printf(buf, "      <wordsize>%u</wordsize>\n", caps->arch->wordsize);
    qemuCapsElement(buf, "      ", "emulator", caps->binary);

    /* The default machine first, each alias right after its machine;
     * "none" is no machine a guest can use. */
    for (i = 0; i <= caps->nmachines; i++) {
        const qemuCapsMachine *m;

        if (i == 0) {
            if (!(m = qemuCapsFindMachine(caps, qemuCapsGetDefaultMachine(caps))))
                continue;
        } else {
            m = &caps->machines[i - 1];
            if (m->isDefault)
                continue;
        }
        if (strcmp(m->name, "none") == 0)
            continue;
        g_string_append_printf(buf, "      <machine maxCpus='%u'%s>", m->maxCpus,
                               m->deprecated ? " deprecated='yes'" : "");
        virBufferEscapeXML(buf, m->name);
        g_string_append(buf, "</machine>\n");
        if (m->alias) {
            g_string_append(buf, "      <machine canonical='");
            virBufferEscapeXML(buf, m->name);
            g_string_append_printf(buf, "' maxCpus='%u'%s>", m->maxCpus,
                                   m->deprecated ? " deprecated='yes'" : "");
            virBufferEscapeXML(buf, m->alias);
            g_string_append(buf, "</machine>\n");
        }
    }
    g_string_append(buf, "      <domain type='qemu'/>\n");
    if (caps->kvm)
        g_string_append(buf, "      <domain type='kvm'/>\n");
    g_string_append(buf, "    </arch>\n");

    g_string_append(buf, "    <features>\n");
    if (caps->arch->wordsize == 32 && qemuCapsArchIsX86(caps->arch->qemu))
        g_string_append(buf, "      <pae/>\n      <nonpae/>\n");
    if (qemuCapsArchIsX86(caps->arch->qemu))
        g_string_append(buf,
                        "      <acpi default='on' toggle='yes'/>\n"
                        "      <apic default='on' toggle='no'/>\n");
    g_string_append(buf,
                    "      <cpuselection/>\n"
                    "      <deviceboot/>\n"
                    "      <disksnapshot default='on' toggle='no'/>\n"
                    "    </features>\n");
    g_string_append(buf, "  </guest>\n\n");
}

char *
qemuCapsFormatCapabilities(qemuCapsCache *cache, const char *binary)
{
    g_autoptr(GString) buf = g_string_new("<capabilities>\n\n");
    g_autoptr(qemuCaps) caps = NULL;
    g_autoptr(qemuCaps) i386 = NULL;
    g_autofree char *dir = g_path_get_dirname(binary);
    g_autofree char *sibling = g_build_filename(dir, "qemu-system-i386", NULL);

    if (!(caps = qemuCapsCacheLookup(cache, binary)))
        return NULL;
    /* A second emulator is a bonus: its absence or failure costs a guest
     * entry, not the document. */
    if (strcmp(sibling, binary) != 0) {
        g_mutex_lock(&cache->lock);
        if (g_hash_table_contains(cache->pinned, sibling) || virFileExists(sibling)) {
            g_mutex_unlock(&cache->lock);
            if (!(i386 = qemuCapsCacheLookup(cache, sibling)))
                virErrorReset();
        } else {
            g_mutex_unlock(&cache->lock);
        }
    }

    if (qemuCapsFormatHost(buf, cache, caps) < 0)
        return NULL;
    if (i386)
        qemuCapsFormatGuest(buf, i386);
    qemuCapsFormatGuest(buf, caps);
    g_string_append(buf, "</capabilities>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

/* ---- <domainCapabilities> ---- */

/* An <enum> with the values whose condition holds. */
typedef struct {
    const char *value;
    bool have;
} qemuCapsEnumValue;

static void
qemuCapsFormatEnum(GString *buf, const char *indent, const char *name,
                   const qemuCapsEnumValue *values, size_t nvalues)
{
    size_t i;
    bool any = false;

    for (i = 0; i < nvalues; i++)
        any |= values[i].have;
    if (!any) {
        g_string_append_printf(buf, "%s<enum name='%s'/>\n", indent, name);
        return;
    }
    g_string_append_printf(buf, "%s<enum name='%s'>\n", indent, name);
    for (i = 0; i < nvalues; i++) {
        if (values[i].have)
            g_string_append_printf(buf, "%s  <value>%s</value>\n", indent, values[i].value);
    }
    g_string_append_printf(buf, "%s</enum>\n", indent);
}

#define FORMAT_ENUM(buf, indent, name, ...) \
    do { \
        const qemuCapsEnumValue vals_[] = { __VA_ARGS__ }; \
        qemuCapsFormatEnum(buf, indent, name, vals_, G_N_ELEMENTS(vals_)); \
    } while (0)

static bool
qemuCapsMachineIsI440FX(const char *machine)
{
    return g_str_has_prefix(machine, "pc-i440fx-") || strcmp(machine, "isapc") == 0;
}

static bool
qemuCapsMachineIsPC(const char *machine)
{
    return qemuCapsMachineIsI440FX(machine) || g_str_has_prefix(machine, "pc-q35-");
}

static void
qemuCapsFormatDomCPU(GString *buf, qemuCaps *caps, qemuCapsVirtType virt)
{
    const qemuCapsAccel *accel = &caps->accel[virt];
    const qemuCapsCPUModel *host = accel->host;
    const qemuCapsCPUModel *model = NULL;
    size_t i;

    g_string_append(buf, "  <cpu>\n");
    g_string_append_printf(buf, "    <mode name='host-passthrough' supported='%s'>\n",
                           virt == QEMU_CAPS_VIRT_KVM ? "yes" : "no");
    if (virt == QEMU_CAPS_VIRT_KVM)
        FORMAT_ENUM(buf, "      ", "hostPassthroughMigratable", { "on", true }, { "off", true });
    g_string_append(buf, "    </mode>\n");
    g_string_append(buf, "    <mode name='maximum' supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "maximumMigratable", { "on", true }, { "off", true });
    g_string_append(buf, "    </mode>\n");

    if (host && (model = qemuCapsCPUClosest(caps, host->features, host->vendor, false))) {
        g_string_append(buf, "    <mode name='host-model' supported='yes'>\n");
        g_string_append(buf, "      <model fallback='forbid'>");
        virBufferEscapeXML(buf, model->name);
        g_string_append(buf, "</model>\n");
        if (host->vendor)
            qemuCapsElement(buf, "      ", "vendor", host->vendor);
        for (i = 0; i < G_N_ELEMENTS(qemuCapsX86Features); i++) {
            if (host->features[i] && !model->features[i])
                g_string_append_printf(buf, "      <feature policy='require' name='%s'/>\n",
                                       qemuCapsX86Features[i].name);
        }
        for (i = 0; i < G_N_ELEMENTS(qemuCapsX86Features); i++) {
            if (!host->features[i] && model->features[i])
                g_string_append_printf(buf, "      <feature policy='disable' name='%s'/>\n",
                                       qemuCapsX86Features[i].name);
        }
        g_string_append(buf, "    </mode>\n");
    } else {
        g_string_append(buf, "    <mode name='host-model' supported='no'/>\n");
    }

    /* QEMU's own order; only models libvirt knows by name. */
    g_string_append(buf, "    <mode name='custom' supported='yes'>\n");
    for (i = 0; i < accel->ndefs; i++) {
        const qemuCapsCPUDef *def = &accel->defs[i];
        const qemuCapsX86Model *known = qemuCapsX86ModelLookup(def->name);
        const char *vendor = "unknown";
        size_t j;

        if (!known)
            continue;
        for (j = 0; !known->generic && j < caps->nmodels; j++) {
            if (strcmp(caps->models[j].name, def->name) == 0 && caps->models[j].vendor)
                vendor = caps->models[j].vendor;
        }
        g_string_append_printf(buf, "      <model usable='%s'%s vendor='%s'>%s</model>\n",
                               def->usable ? "yes" : "no",
                               def->deprecated ? " deprecated='yes'" : "",
                               vendor, known->name);
    }
    g_string_append(buf, "    </mode>\n");
    g_string_append(buf, "  </cpu>\n");
}

static void
qemuCapsFormatDomDevices(GString *buf, qemuCaps *caps, const char *machine)
{
    bool virtioTransitional = qemuCapsHasType(caps, "virtio-blk-pci-transitional");
    bool pc = qemuCapsMachineIsPC(machine);
    bool virtioGPU = qemuCapsHasType(caps, "virtio-vga") || qemuCapsHasType(caps, "virtio-gpu-pci");

    g_string_append(buf, "  <devices>\n");

    g_string_append(buf, "    <disk supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "diskDevice",
                { "disk", true }, { "cdrom", true },
                { "floppy", pc && qemuCapsHasType(caps, "isa-fdc") }, { "lun", true });
    FORMAT_ENUM(buf, "      ", "bus",
                { "ide", qemuCapsMachineIsI440FX(machine) },
                { "fdc", pc && qemuCapsHasType(caps, "isa-fdc") },
                { "scsi", qemuCapsHasType(caps, "virtio-scsi-pci") || qemuCapsHasType(caps, "lsi53c895a") },
                { "virtio", qemuCapsHasType(caps, "virtio-blk-pci") },
                { "usb", qemuCapsHasType(caps, "usb-storage") },
                { "sata", qemuCapsHasType(caps, "ich9-ahci") });
    FORMAT_ENUM(buf, "      ", "model",
                { "virtio", qemuCapsHasType(caps, "virtio-blk-pci") },
                { "virtio-transitional", virtioTransitional },
                { "virtio-non-transitional", virtioTransitional });
    g_string_append(buf, "    </disk>\n");

    g_string_append(buf, "    <graphics supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "type",
                { "sdl", g_hash_table_contains(caps->displays, "sdl") },
                { "vnc", qemuCapsHasCommand(caps, "query-vnc") },
                { "spice", qemuCapsHasCommand(caps, "query-spice") },
                { "egl-headless", g_hash_table_contains(caps->displays, "egl-headless") },
                { "dbus", g_hash_table_contains(caps->displays, "dbus") });
    g_string_append(buf, "    </graphics>\n");

    g_string_append(buf, "    <video supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "modelType",
                { "vga", qemuCapsHasType(caps, "VGA") },
                { "cirrus", qemuCapsHasType(caps, "cirrus-vga") },
                { "vmvga", qemuCapsHasType(caps, "vmware-svga") },
                { "qxl", qemuCapsHasType(caps, "qxl-vga") },
                { "virtio", virtioGPU },
                { "none", true },
                { "bochs", qemuCapsHasType(caps, "bochs-display") },
                { "ramfb", qemuCapsHasType(caps, "ramfb") });
    g_string_append(buf, "    </video>\n");

    g_string_append(buf, "    <hostdev supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "mode", { "subsystem", true });
    FORMAT_ENUM(buf, "      ", "startupPolicy",
                { "default", true }, { "mandatory", true },
                { "requisite", true }, { "optional", true });
    FORMAT_ENUM(buf, "      ", "subsysType",
                { "usb", qemuCapsHasType(caps, "usb-host") },
                { "pci", qemuCapsHasType(caps, "vfio-pci") },
                { "scsi", qemuCapsHasType(caps, "scsi-generic") });
    g_string_append(buf, "      <enum name='capsType'/>\n");
    FORMAT_ENUM(buf, "      ", "pciBackend",
                { "default", caps->vfio && qemuCapsHasType(caps, "vfio-pci") },
                { "vfio", caps->vfio && qemuCapsHasType(caps, "vfio-pci") });
    g_string_append(buf, "    </hostdev>\n");

    g_string_append(buf, "    <rng supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "model",
                { "virtio", qemuCapsHasType(caps, "virtio-rng-pci") },
                { "virtio-transitional", qemuCapsHasType(caps, "virtio-rng-pci-transitional") },
                { "virtio-non-transitional", qemuCapsHasType(caps, "virtio-rng-pci-non-transitional") });
    FORMAT_ENUM(buf, "      ", "backendModel",
                { "random", qemuCapsHasType(caps, "rng-random") },
                { "egd", qemuCapsHasType(caps, "rng-egd") },
                { "builtin", qemuCapsHasType(caps, "rng-builtin") });
    g_string_append(buf, "    </rng>\n");

    g_string_append(buf, "    <filesystem supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "driverType",
                { "path", qemuCapsHasType(caps, "virtio-9p-pci") },
                { "handle", qemuCapsHasType(caps, "virtio-9p-pci") },
                { "virtiofs", qemuCapsHasType(caps, "vhost-user-fs-pci") });
    g_string_append(buf, "    </filesystem>\n");

    g_string_append(buf, "    <tpm supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "model",
                { "tpm-tis", qemuCapsHasType(caps, "tpm-tis") },
                { "tpm-crb", qemuCapsHasType(caps, "tpm-crb") });
    FORMAT_ENUM(buf, "      ", "backendModel",
                { "passthrough", qemuCapsHasType(caps, "tpm-passthrough") },
                { "emulator", qemuCapsHasType(caps, "tpm-emulator") && caps->swtpm });
    g_string_append(buf, "    </tpm>\n");

    g_string_append_printf(buf, "    <redirdev supported='%s'>\n",
                           qemuCapsHasType(caps, "usb-redir") ? "yes" : "no");
    FORMAT_ENUM(buf, "      ", "bus", { "usb", qemuCapsHasType(caps, "usb-redir") });
    g_string_append(buf, "    </redirdev>\n");

    g_string_append(buf, "    <channel supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "type",
                { "pty", true }, { "unix", true },
                { "spicevmc", qemuCapsHasType(caps, "chardev-spicevmc") });
    g_string_append(buf, "    </channel>\n");

    g_string_append(buf, "  </devices>\n");
}

static void
qemuCapsFormatDomFeatures(GString *buf, qemuCaps *caps, qemuCapsVirtType virt)
{
    g_string_append(buf, "  <features>\n");
    g_string_append(buf, "    <gic supported='no'/>\n");
    g_string_append_printf(buf, "    <vmcoreinfo supported='%s'/>\n",
                           qemuCapsHasType(caps, "vmcoreinfo") ? "yes" : "no");
    g_string_append_printf(buf, "    <genid supported='%s'/>\n",
                           qemuCapsHasType(caps, "vmgenid") ? "yes" : "no");
    g_string_append_printf(buf, "    <backingStoreInput supported='%s'/>\n",
                           qemuCapsHasCommand(caps, "blockdev-add") ? "yes" : "no");
    g_string_append_printf(buf, "    <backup supported='%s'/>\n",
                           qemuCapsHasCommand(caps, "blockdev-backup") ? "yes" : "no");
    if (caps->sev && virt == QEMU_CAPS_VIRT_KVM) {
        g_string_append(buf, "    <sev supported='yes'>\n");
        g_string_append_printf(buf, "      <cbitpos>%u</cbitpos>\n", caps->sevCbitpos);
        g_string_append_printf(buf, "      <reducedPhysBits>%u</reducedPhysBits>\n",
                               caps->sevReducedPhysBits);
        g_string_append(buf, "    </sev>\n");
    } else {
        g_string_append(buf, "    <sev supported='no'/>\n");
    }
    g_string_append_printf(buf, "    <sgx supported='%s'/>\n",
                           caps->sgx && virt == QEMU_CAPS_VIRT_KVM ? "yes" : "no");
    if (virt == QEMU_CAPS_VIRT_KVM && qemuCapsArchIsX86(caps->arch->qemu)) {
        g_string_append(buf, "    <hyperv supported='yes'>\n");
        FORMAT_ENUM(buf, "      ", "features", { "spinlocks", true }, { "vendor_id", true });
        g_string_append(buf, "    </hyperv>\n");
    } else {
        g_string_append(buf, "    <hyperv supported='no'/>\n");
    }
    g_string_append(buf, "  </features>\n");
}

char *
qemuCapsFormatDomainCapabilities(qemuCaps *caps, const char *binary,
                                 const char *arch, const char *machine,
                                 const char *virttype)
{
    g_autoptr(GString) buf = g_string_new("<domainCapabilities>\n");
    const qemuCapsMachine *m;
    int virt;

    if (virttype) {
        if ((virt = qemuCapsVirtTypeTypeFromString(virttype)) < 0) {
            virReportError(VIR_ERR_INVALID_ARG, "unknown virttype: %s", virttype);
            return NULL;
        }
        if (virt == QEMU_CAPS_VIRT_KVM && !caps->kvm) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "KVM is not supported by '%s' on this host", caps->binary);
            return NULL;
        }
    } else {
        virt = caps->kvm ? QEMU_CAPS_VIRT_KVM : QEMU_CAPS_VIRT_QEMU;
    }

    if (arch) {
        const qemuCapsArchInfo *info = qemuCapsArchLookup(arch);

        if (!info) {
            virReportError(VIR_ERR_INVALID_ARG, "unknown architecture: %s", arch);
            return NULL;
        }
        if (info != caps->arch) {
            virReportError(VIR_ERR_INVALID_ARG,
                           "emulator '%s' does not support architecture '%s'",
                           caps->binary, arch);
            return NULL;
        }
    }

    if (!machine)
        machine = qemuCapsGetDefaultMachine(caps);
    if (!(m = qemuCapsFindMachine(caps, machine)) || strcmp(m->name, "none") == 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "the machine '%s' is not supported by emulator '%s'",
                       machine ? machine : "", caps->binary);
        return NULL;
    }

    qemuCapsElement(buf, "  ", "path", binary ? binary : caps->binary);
    qemuCapsElement(buf, "  ", "domain", qemuCapsVirtTypeTypeToString(virt));
    qemuCapsElement(buf, "  ", "machine", m->name);
    qemuCapsElement(buf, "  ", "arch", caps->arch->arch);
    g_string_append_printf(buf, "  <vcpu max='%u'/>\n", m->maxCpus);
    g_string_append_printf(buf, "  <iothreads supported='%s'/>\n",
                           qemuCapsHasType(caps, "iothread") ? "yes" : "no");

    g_string_append(buf, "  <os supported='yes'>\n");
    g_string_append(buf, "    <enum name='firmware'/>\n");
    g_string_append(buf, "    <loader supported='yes'>\n");
    FORMAT_ENUM(buf, "      ", "type", { "rom", true }, { "pflash", true });
    FORMAT_ENUM(buf, "      ", "readonly", { "yes", true }, { "no", true });
    FORMAT_ENUM(buf, "      ", "secure", { "no", true });
    g_string_append(buf, "    </loader>\n");
    g_string_append(buf, "  </os>\n");

    qemuCapsFormatDomCPU(buf, caps, virt);

    g_string_append(buf, "  <memoryBacking supported='yes'>\n");
    FORMAT_ENUM(buf, "    ", "sourceType",
                { "file", qemuCapsHasType(caps, "memory-backend-file") },
                { "anonymous", true },
                { "memfd", qemuCapsHasType(caps, "memory-backend-memfd") });
    g_string_append(buf, "  </memoryBacking>\n");

    qemuCapsFormatDomDevices(buf, caps, m->name);
    qemuCapsFormatDomFeatures(buf, caps, virt);
    g_string_append(buf, "</domainCapabilities>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}
