#include "virsysinfo.h"

#include <errno.h>
#include <string.h>

#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_SYSINFO

VIR_LOG_INIT("util.sysinfo");

#define DMI_ID_DIR "/sys/class/dmi/id"
#define DMI_TABLE "/sys/firmware/dmi/tables/DMI"

static char *sysinfoRoot;

void
virSysinfoSetRoot(const char *root)
{
    g_clear_pointer(&sysinfoRoot, g_free);
    if (root && *root)
        sysinfoRoot = g_strdup(root);
}

static char *
virSysinfoPath(const char *path)
{
    if (!sysinfoRoot)
        return g_strdup(path);
    return g_build_filename(sysinfoRoot, path, NULL);
}

/* One sysfs DMI attribute, stripped; NULL when absent, unreadable (several
 * are root-only) or empty. */
static char *
virSysinfoReadDMIId(const char *name)
{
    g_autofree char *dir = virSysinfoPath(DMI_ID_DIR);
    g_autofree char *path = g_build_filename(dir, name, NULL);
    char *buf = NULL;

    if (!g_file_get_contents(path, &buf, NULL, NULL))
        return NULL;
    g_strstrip(buf);
    if (!*buf)
        g_clear_pointer(&buf, g_free);
    return buf;
}


/* name -> value pairs of one section, in output order. */
typedef struct {
    GPtrArray *names;
    GPtrArray *values;
} virSysinfoSection;

static void
virSysinfoSectionInit(virSysinfoSection *sec)
{
    sec->names = g_ptr_array_new();
    sec->values = g_ptr_array_new_with_free_func(g_free);
}

static void
virSysinfoSectionClear(virSysinfoSection *sec)
{
    g_ptr_array_unref(sec->names);
    g_ptr_array_unref(sec->values);
}

/* Takes value; a NULL value leaves the entry out, as libvirt does. */
static void
virSysinfoSectionAdd(virSysinfoSection *sec, const char *name, char *value)
{
    if (!value)
        return;
    g_ptr_array_add(sec->names, (char *)name);
    g_ptr_array_add(sec->values, value);
}

static void
virSysinfoSectionFormat(GString *buf, const char *element, virSysinfoSection *sec,
                        const char *indent)
{
    size_t i;

    if (sec->names->len == 0)
        return;
    g_string_append_printf(buf, "%s<%s>\n", indent, element);
    for (i = 0; i < sec->names->len; i++) {
        g_string_append_printf(buf, "%s  <entry name='%s'>", indent,
                               (const char *)g_ptr_array_index(sec->names, i));
        virBufferEscapeXML(buf, g_ptr_array_index(sec->values, i));
        g_string_append(buf, "</entry>\n");
    }
    g_string_append_printf(buf, "%s</%s>\n", indent, element);
}

/* sysfs names of the DMI id attributes for the fixed sections. */
typedef struct {
    const char *entry;
    const char *attr;
} virSysinfoAttr;

static const virSysinfoAttr biosAttrs[] = {
    { "vendor", "bios_vendor" },
    { "version", "bios_version" },
    { "date", "bios_date" },
    { "release", "bios_release" },
};

static const virSysinfoAttr systemAttrs[] = {
    { "manufacturer", "sys_vendor" },
    { "product", "product_name" },
    { "version", "product_version" },
    { "serial", "product_serial" },
    { "uuid", "product_uuid" },
    { "sku", "product_sku" },
    { "family", "product_family" },
};

static const virSysinfoAttr boardAttrs[] = {
    { "manufacturer", "board_vendor" },
    { "product", "board_name" },
    { "version", "board_version" },
    { "serial", "board_serial" },
    { "asset", "board_asset_tag" },
};

static const virSysinfoAttr chassisAttrs[] = {
    { "manufacturer", "chassis_vendor" },
    { "version", "chassis_version" },
    { "serial", "chassis_serial" },
    { "asset", "chassis_asset_tag" },
};

/* Returns how many entries it found. */
static size_t
virSysinfoFormatAttrs(GString *buf, const char *element,
                      const virSysinfoAttr *attrs, size_t nattrs)
{
    virSysinfoSection sec;
    size_t found;
    size_t i;

    virSysinfoSectionInit(&sec);
    for (i = 0; i < nattrs; i++)
        virSysinfoSectionAdd(&sec, attrs[i].entry, virSysinfoReadDMIId(attrs[i].attr));
    virSysinfoSectionFormat(buf, element, &sec, "  ");
    found = sec.names->len;
    virSysinfoSectionClear(&sec);
    return found;
}

/* ---- the raw SMBIOS table, for processors and memory devices ---- */

typedef struct {
    const guint8 *data;     /* formatted area, data[0] is the type */
    size_t len;             /* its length */
    const char *strings;    /* the string set after it */
    size_t stringsLen;
} virSysinfoStructure;

static guint8
virSysinfoByte(const virSysinfoStructure *s, size_t off)
{
    return off < s->len ? s->data[off] : 0;
}

static guint16
virSysinfoWord(const virSysinfoStructure *s, size_t off)
{
    return off + 1 < s->len ? s->data[off] | (s->data[off + 1] << 8) : 0;
}

static guint32
virSysinfoDWord(const virSysinfoStructure *s, size_t off)
{
    return off + 3 < s->len ?
        (guint32)virSysinfoWord(s, off) | ((guint32)virSysinfoWord(s, off + 2) << 16) : 0;
}

/* String number n (1-based) referenced at offset off, stripped; NULL when
 * unset or blank. */
static char *
virSysinfoString(const virSysinfoStructure *s, size_t off)
{
    guint8 n = virSysinfoByte(s, off);
    const char *p = s->strings;
    const char *end = s->strings + s->stringsLen;
    char *ret;

    if (n == 0)
        return NULL;
    while (--n > 0 && p < end)
        p += strnlen(p, end - p) + 1;
    if (p >= end)
        return NULL;
    ret = g_strstrip(g_strndup(p, end - p));
    if (!*ret)
        g_clear_pointer(&ret, g_free);
    return ret;
}

static const char *const processorTypes[] = {
    NULL, "Other", "Unknown", "Central Processor", "Math Processor",
    "DSP Processor", "Video Processor",
};

static const char *const processorStatus[] = {
    "Unknown", "Enabled", "Disabled By User", "Disabled By BIOS", "Idle",
    NULL, NULL, "Other",
};

static char *
virSysinfoSpeed(guint16 mhz)
{
    return mhz ? g_strdup_printf("%u MHz", mhz) : g_strdup("Unknown");
}

/* CPUID leaf 1 EAX as dmidecode prints x86 signatures. */
static char *
virSysinfoSignature(guint32 eax, const char *manufacturer)
{
    unsigned int family = (eax >> 8) & 0xf;
    unsigned int model = (eax >> 4) & 0xf;
    unsigned int stepping = eax & 0xf;

    if (eax == 0)
        return NULL;
    if (family == 0xf)
        family += (eax >> 20) & 0xff;
    if (family == 0x6 || family >= 0xf)
        model |= ((eax >> 16) & 0xf) << 4;
    if (manufacturer && (strstr(manufacturer, "AMD") || strstr(manufacturer, "Hygon")))
        return g_strdup_printf("Family %u, Model %u, Stepping %u", family, model, stepping);
    return g_strdup_printf("Type %u, Family %u, Model %u, Stepping %u",
                           (eax >> 12) & 0x3, family, model, stepping);
}

static void
virSysinfoFormatProcessor(GString *buf, const virSysinfoStructure *s)
{
    virSysinfoSection sec;
    g_autofree char *manufacturer = virSysinfoString(s, 0x07);
    guint8 type = virSysinfoByte(s, 0x05);
    guint8 status = virSysinfoByte(s, 0x18);

    virSysinfoSectionInit(&sec);
    virSysinfoSectionAdd(&sec, "socket_destination", virSysinfoString(s, 0x04));
    if (type < G_N_ELEMENTS(processorTypes) && processorTypes[type])
        virSysinfoSectionAdd(&sec, "type", g_strdup(processorTypes[type]));
    virSysinfoSectionAdd(&sec, "manufacturer", g_strdup(manufacturer));
    virSysinfoSectionAdd(&sec, "signature",
                         virSysinfoSignature(virSysinfoDWord(s, 0x08), manufacturer));
    virSysinfoSectionAdd(&sec, "version", virSysinfoString(s, 0x10));
    if (s->len > 0x13)
        virSysinfoSectionAdd(&sec, "external_clock", virSysinfoSpeed(virSysinfoWord(s, 0x12)));
    if (s->len > 0x15)
        virSysinfoSectionAdd(&sec, "max_speed", virSysinfoSpeed(virSysinfoWord(s, 0x14)));
    if (s->len > 0x18) {
        if (!(status & 0x40))
            virSysinfoSectionAdd(&sec, "status", g_strdup("Unpopulated"));
        else if (processorStatus[status & 0x7])
            virSysinfoSectionAdd(&sec, "status",
                                 g_strdup_printf("Populated, %s", processorStatus[status & 0x7]));
    }
    virSysinfoSectionAdd(&sec, "serial_number", virSysinfoString(s, 0x20));
    virSysinfoSectionAdd(&sec, "part_number", virSysinfoString(s, 0x22));
    virSysinfoSectionFormat(buf, "processor", &sec, "  ");
    virSysinfoSectionClear(&sec);
}

static const char *const memoryFormFactors[] = {
    NULL, "Other", "Unknown", "SIMM", "SIP", "Chip", "DIP", "ZIP",
    "Proprietary Card", "DIMM", "TSOP", "Row Of Chips", "RIMM", "SODIMM",
    "SRIMM", "FB-DIMM", "Die",
};

static const char *const memoryTypes[] = {
    NULL, "Other", "Unknown", "DRAM", "EDRAM", "VRAM", "SRAM", "RAM", "ROM",
    "Flash", "EEPROM", "FEPROM", "EPROM", "CDRAM", "3DRAM", "SDRAM", "SGRAM",
    "RDRAM", "DDR", "DDR2", "DDR2 FB-DIMM", NULL, NULL, NULL, "DDR3", "FBD2",
    "DDR4", "LPDDR", "LPDDR2", "LPDDR3", "LPDDR4", "Logical non-volatile device",
    "HBM", "HBM2", "DDR5", "LPDDR5",
};

/* Bit n of the type detail word. */
static const char *const memoryTypeDetails[] = {
    NULL, "Other", "Unknown", "Fast-paged", "Static Column", "Pseudo-static",
    "RAMBUS", "Synchronous", "CMOS", "EDO", "Window DRAM", "Cache DRAM",
    "Non-Volatile", "Registered (Buffered)", "Unbuffered (Unregistered)", "LRDIMM",
};

static char *
virSysinfoMemorySize(const virSysinfoStructure *s)
{
    guint16 size = virSysinfoWord(s, 0x0C);
    unsigned long long mib;

    if (size == 0 || size == 0xFFFF)
        return NULL;
    if (size == 0x7FFF && s->len > 0x1F)
        mib = virSysinfoDWord(s, 0x1C) & 0x7FFFFFFF;
    else if (size & 0x8000)
        return g_strdup_printf("%u kB", size & 0x7FFF);
    else
        mib = size;
    if (mib % 1024 == 0)
        return g_strdup_printf("%llu GB", mib / 1024);
    return g_strdup_printf("%llu MB", mib);
}

static char *
virSysinfoMemoryTypeDetail(guint16 bits)
{
    g_autoptr(GString) str = g_string_new(NULL);
    size_t i;

    for (i = 1; i < G_N_ELEMENTS(memoryTypeDetails); i++) {
        if (!(bits & (1u << i)))
            continue;
        if (str->len)
            g_string_append_c(str, ' ');
        g_string_append(str, memoryTypeDetails[i]);
    }
    if (!str->len)
        g_string_append(str, "None");
    return g_string_free(g_steal_pointer(&str), FALSE);
}

static void
virSysinfoFormatMemory(GString *buf, const virSysinfoStructure *s)
{
    virSysinfoSection sec;
    g_autofree char *size = virSysinfoMemorySize(s);
    guint8 form = virSysinfoByte(s, 0x0E);
    guint8 type = virSysinfoByte(s, 0x12);
    guint16 speed = virSysinfoWord(s, 0x15);

    /* An empty slot is no device. */
    if (!size)
        return;

    virSysinfoSectionInit(&sec);
    virSysinfoSectionAdd(&sec, "size", g_steal_pointer(&size));
    if (form < G_N_ELEMENTS(memoryFormFactors) && memoryFormFactors[form])
        virSysinfoSectionAdd(&sec, "form_factor", g_strdup(memoryFormFactors[form]));
    virSysinfoSectionAdd(&sec, "locator", virSysinfoString(s, 0x10));
    virSysinfoSectionAdd(&sec, "bank_locator", virSysinfoString(s, 0x11));
    if (type < G_N_ELEMENTS(memoryTypes) && memoryTypes[type])
        virSysinfoSectionAdd(&sec, "type", g_strdup(memoryTypes[type]));
    if (s->len > 0x14)
        virSysinfoSectionAdd(&sec, "type_detail",
                             virSysinfoMemoryTypeDetail(virSysinfoWord(s, 0x13)));
    if (s->len > 0x16)
        virSysinfoSectionAdd(&sec, "speed",
                             speed ? g_strdup_printf("%u MT/s", speed) : g_strdup("Unknown"));
    virSysinfoSectionAdd(&sec, "manufacturer", virSysinfoString(s, 0x17));
    virSysinfoSectionAdd(&sec, "serial_number", virSysinfoString(s, 0x18));
    virSysinfoSectionAdd(&sec, "part_number", virSysinfoString(s, 0x1A));
    virSysinfoSectionFormat(buf, "memory_device", &sec, "  ");
    virSysinfoSectionClear(&sec);
}

/* Walks the table, formatting all structures of one type. A truncated
 * structure ends the walk: the rest cannot be located. */
static void
virSysinfoFormatTable(GString *buf, const guint8 *table, size_t len, guint8 type,
                      void (*format)(GString *buf, const virSysinfoStructure *s))
{
    size_t off = 0;

    while (off + 4 <= len) {
        virSysinfoStructure s = { .data = table + off, .len = table[off + 1] };
        size_t str;

        if (s.len < 4 || off + s.len > len)
            break;
        /* The string set ends with two NULs. */
        for (str = off + s.len; str + 1 < len; str++) {
            if (table[str] == 0 && table[str + 1] == 0)
                break;
        }
        if (str + 1 >= len)
            break;
        s.strings = (const char *)table + off + s.len;
        s.stringsLen = str - (off + s.len);
        if (s.data[0] == type)
            format(buf, &s);
        if (s.data[0] == 127)       /* end of table */
            break;
        off = str + 2;
    }
}

char *
virSysinfoFormat(void)
{
    g_autoptr(GString) body = g_string_new(NULL);
    g_autofree char *tablePath = virSysinfoPath(DMI_TABLE);
    g_autofree char *table = NULL;
    gsize tableLen = 0;
    size_t found = 0;

    found += virSysinfoFormatAttrs(body, "bios", biosAttrs, G_N_ELEMENTS(biosAttrs));
    found += virSysinfoFormatAttrs(body, "system", systemAttrs, G_N_ELEMENTS(systemAttrs));
    found += virSysinfoFormatAttrs(body, "baseBoard", boardAttrs, G_N_ELEMENTS(boardAttrs));
    found += virSysinfoFormatAttrs(body, "chassis", chassisAttrs, G_N_ELEMENTS(chassisAttrs));

    if (g_file_get_contents(tablePath, &table, &tableLen, NULL)) {
        gsize before = body->len;

        virSysinfoFormatTable(body, (const guint8 *)table, tableLen, 4,
                              virSysinfoFormatProcessor);
        virSysinfoFormatTable(body, (const guint8 *)table, tableLen, 17,
                              virSysinfoFormatMemory);
        found += body->len != before;
    } else {
        VIR_DEBUG("no readable SMBIOS table at %s", tablePath);
    }

    if (found == 0) {
        virReportSystemError(ENOSYS, "%s",
                             "Host sysinfo extraction not supported on the platform");
        return NULL;
    }
    return g_strdup_printf("<sysinfo type='smbios'>\n%s</sysinfo>\n", body->str);
}

/* Firmware placeholders that identify nothing. */
static bool
virSysinfoUUIDUsable(const unsigned char *uuid)
{
    size_t zeros = 0;
    size_t ones = 0;
    size_t i;

    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        zeros += uuid[i] == 0x00;
        ones += uuid[i] == 0xff;
    }
    return zeros != VIR_UUID_BUFLEN && ones != VIR_UUID_BUFLEN;
}

int
virSysinfoGetHostUUID(unsigned char *uuid)
{
    g_autofree char *dmi = virSysinfoReadDMIId("product_uuid");
    g_autofree char *idPath = virSysinfoPath("/etc/machine-id");
    g_autofree char *machineId = NULL;

    if (dmi && virUUIDParse(dmi, uuid) == 0 && virSysinfoUUIDUsable(uuid))
        return 0;
    if (g_file_get_contents(idPath, &machineId, NULL, NULL) &&
        virUUIDParse(g_strstrip(machineId), uuid) == 0 &&
        virSysinfoUUIDUsable(uuid))
        return 0;
    return -1;
}
