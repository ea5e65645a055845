/* The secret definition: libvirt's <secret> XML as plain data.
 *
 *   <secret ephemeral='no' private='no'>
 *     <uuid>...</uuid>
 *     <description>...</description>
 *     <usage type='volume'><volume>/path</volume></usage>
 *   </secret>
 *
 * The value of a secret is not part of its definition (see virsecretobj.h). */
#pragma once

#include "internal.h"
#include "virenum.h"
#include "viruuid.h"
#include "virxml.h"

/* Usage types are libvirt's public virSecretUsageType; this table gives
 * their names in <usage type='...'>. */
VIR_ENUM_DECL(virSecretUsage);

typedef enum {
    /* Strict checking of the document's elements and attributes (what
     * VIR_SECRET_DEFINE_VALIDATE asks for). */
    VIR_SECRET_DEF_PARSE_VALIDATE = 1 << 0,
} virSecretDefParseFlags;

typedef struct {
    bool isEphemeral;       /* never stored on disk */
    bool isPrivate;         /* value never handed to clients */
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *description;
    int usageType;          /* virSecretUsageType */
    char *usageID;          /* the volume path, Ceph/TLS/vTPM name or iSCSI
                             * target; NULL without usage */
} virSecretDef;

void virSecretDefFree(virSecretDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSecretDef, virSecretDefFree);

/* NULL with an error reported (domain VIR_FROM_SECRET, or VIR_FROM_XML for
 * malformed attributes). A definition without <uuid> gets a random one. */
virSecretDef *virSecretDefParseString(const char *xml, unsigned int flags);
virSecretDef *virSecretDefParseNode(xmlNodePtr root, unsigned int flags);

/* Checks what parsing alone does not: a usage names its object. */
int virSecretDefValidate(const virSecretDef *def);

char *virSecretDefFormat(const virSecretDef *def);
virSecretDef *virSecretDefCopy(const virSecretDef *def);

/* The element of <usage> that carries the usage id for a type ("volume",
 * "name", "target"), NULL for VIR_SECRET_USAGE_TYPE_NONE. */
const char *virSecretUsageIDElement(int usageType);
