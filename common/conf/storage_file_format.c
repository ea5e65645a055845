#include "storage_file_format.h"

VIR_ENUM_IMPL(virStorageFileFormat, VIR_STORAGE_FILE_LAST,
              "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi",
              "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", "luks");
