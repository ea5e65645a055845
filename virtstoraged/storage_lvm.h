/* LVM for the logical pool: volume groups built from devices, started,
 * stopped and deleted; vgs/lvs/pvs parsed for refresh and source lookup;
 * logical volumes created and removed. Renderers give the command line
 * with the bare tool name (golden files); runners find the tool and run
 * it. Every function reports its own errors and returns -1 (or NULL). */
#pragma once

#include "internal.h"

typedef struct {
    char *name;
    unsigned long long size;
    unsigned long long free;
    unsigned long long extentSize;
} storageLvmVG;

typedef struct {
    char *name;             /* the PV's device */
    char *vgname;           /* NULL when in no volume group */
    unsigned long long size;
    unsigned long long free;
} storageLvmPV;

typedef struct {
    char *path;
    unsigned long long startExtent;
} storageLvmExtent;

typedef struct {
    char *name;
    char *origin;           /* the snapshot's origin, NULL if none */
    char *uuid;
    char *attr;             /* lv_attr, e.g. "-wi-a-----" */
    unsigned long long capacity;    /* size */
    unsigned long long allocation;  /* the sum of its segments */
    unsigned long long extentSize;
    storageLvmExtent *extents;      /* one per segment and device */
    size_t nextents;
} storageLvmLV;

void storageLvmVGFree(storageLvmVG *vg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(storageLvmVG, storageLvmVGFree);
void storageLvmVGListFree(storageLvmVG *vgs, size_t n);
void storageLvmPVListFree(storageLvmPV *pvs, size_t n);
void storageLvmLVListFree(storageLvmLV *lvs, size_t n);

/* pvcreate DEV */
char *storageLvmPvcreateArgv(const char *device);
/* vgcreate VG DEV... */
char *storageLvmVgcreateArgv(const char *vgname, const char *const *devices, size_t ndevices);
/* vgchange -aly VG / vgchange -aln VG */
char *storageLvmVgchangeArgv(const char *vgname, bool active);
/* vgremove -f VG */
char *storageLvmVgremoveArgv(const char *vgname);
/* pvremove DEV */
char *storageLvmPvremoveArgv(const char *device);
/* vgs --noheadings --units b --nosuffix --separator : -o vg_name,vg_size,vg_free,vg_extent_size [VG] */
char *storageLvmVgsArgv(const char *vgname);
/* lvs --noheadings --units b --nosuffix --separator # -o lv_name,origin,uuid,devices,seg_size,vg_extent_size,size,lv_attr VG */
char *storageLvmLvsArgv(const char *vgname);
/* pvs --noheadings --units b --nosuffix --separator : -o pv_name,vg_name,pv_size,pv_free */
char *storageLvmPvsArgv(void);

/* Builds a pool: pvcreate on each device, then vgcreate. On failure the
 * PVs created so far are removed again. */
int storageLvmBuild(const char *vgname, const char *const *devices, size_t ndevices);
/* Start (activate) or stop (deactivate) every LV of the group. */
int storageLvmSetActive(const char *vgname, bool active);
/* vgremove -f, then pvremove on each device. */
int storageLvmDelete(const char *vgname, const char *const *devices, size_t ndevices);

/* Parsers of the outputs above; they return the count of entries. */
int storageLvmParseVgs(const char *output, storageLvmVG **vgs);
int storageLvmParsePvs(const char *output, storageLvmPV **pvs);
/* Lines of one LV (one per segment) are merged into one entry. */
int storageLvmParseLvs(const char *output, storageLvmLV **lvs);

/* One VG's sizes; NULL with VIR_ERR_NO_STORAGE_POOL when there is none. */
storageLvmVG *storageLvmGetVG(const char *vgname);
int storageLvmListPVs(storageLvmPV **pvs);
int storageLvmListLVs(const char *vgname, storageLvmLV **lvs);

typedef struct {
    const char *vgname;
    const char *name;
    unsigned long long capacity;    /* bytes */
    unsigned long long allocation;  /* bytes; below capacity: a sparse (thin snapshot) LV */
    const char *backingPath;        /* snapshot of this LV instead of a new one */
} storageLvmCreateParams;

/* lvcreate --name LV -L CAPb VG (thick), -L ALLOCb --virtualsize CAPb VG
 * (sparse), or -L ALLOCb -s BACKING (a snapshot: capacity is the origin's) */
char *storageLvmLvcreateArgv(const storageLvmCreateParams *params);
int storageLvmCreateLV(const storageLvmCreateParams *params);
/* lvremove -f VG/LV */
char *storageLvmLvremoveArgv(const char *vgname, const char *name);
int storageLvmRemoveLV(const char *vgname, const char *name);
