/* The logical pool's volume group for real, as root with LVM installed:
 * two loop devices over sparse files in a temporary directory of our own
 * become PVs of a VG with a name no one else uses; its report, activation,
 * deletion, and a build that fails half-way and is rolled back. Logical
 * volumes need device-mapper: lvcreate may fail here, with an error. The
 * VG, the PVs and the loop devices go on every path. */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "storage_lvm.h"
#include "virstorageprobe.h"
#include "storagetestutils.h"
#include "testutils.h"
#include "virerror.h"

#define MiB (1024ULL * 1024)

static char *dir;
static char *vgname;
static storageTestLoop *loops[2];

/* Whether device is a PV, and of which VG (NULL: none). */
static bool
testFindPV(const char *device, char **vg)
{
    storageLvmPV *pvs = NULL;
    int n = storageLvmListPVs(&pvs);
    bool found = false;
    int i;

    if (vg)
        *vg = NULL;
    for (i = 0; i < n; i++) {
        if (strcmp(pvs[i].name, device) == 0) {
            found = true;
            if (vg)
                *vg = g_strdup(pvs[i].vgname);
        }
    }
    storageLvmPVListFree(pvs, MAX(n, 0));
    virErrorReset();
    return found;
}

static int
testVolumeGroup(const void *opaque)
{
    const char *devs[] = { loops[0]->device, loops[1]->device };
    g_autoptr(storageLvmVG) vg = NULL;
    g_autoptr(storageLvmVG) gone = NULL;
    g_autofree char *pvvg = NULL;
    storageLvmLV *lvs = NULL;
    storageLvmCreateParams lv = { .vgname = vgname, .name = "vol1", .capacity = 8 * MiB,
                                  .allocation = 8 * MiB };
    int n;

    if (storageLvmBuild(vgname, devs, 2) < 0 || !(vg = storageLvmGetVG(vgname)))
        return -1;
    /* Two 64 MiB PVs, 4 MiB extents, a little metadata each. */
    if (vg->extentSize != 4 * MiB || vg->size < 112 * MiB || vg->size > 128 * MiB ||
        vg->free != vg->size) {
        fprintf(stderr, "vg %s: %llu, free %llu, extent %llu\n", vg->name, vg->size, vg->free, vg->extentSize);
        return -1;
    }
    if (!testFindPV(devs[0], &pvvg) || g_strcmp0(pvvg, vgname) != 0 || !testFindPV(devs[1], NULL))
        return -1;
    if (storageLvmSetActive(vgname, true) < 0 || storageLvmSetActive(vgname, false) < 0 ||
        storageLvmSetActive(vgname, true) < 0)
        return -1;
    if ((n = storageLvmListLVs(vgname, &lvs)) != 0) {
        storageLvmLVListFree(lvs, MAX(n, 0));
        return -1;
    }
    /* Without device-mapper lvcreate fails, and says so. */
    if (storageLvmCreateLV(&lv) == 0) {
        if (storageLvmRemoveLV(vgname, "vol1") < 0)
            return -1;
    } else if (!virErrorGetLast()) {
        return -1;
    }
    virErrorReset();
    if (storageLvmSetActive(vgname, false) < 0 || storageLvmDelete(vgname, devs, 2) < 0)
        return -1;
    if ((gone = storageLvmGetVG(vgname)) || virErrorGetLast()->code != VIR_ERR_NO_STORAGE_POOL)
        return -1;
    virErrorReset();
    if (testFindPV(devs[0], NULL) || testFindPV(devs[1], NULL))
        return -1;
    return 0;
}

/* The second device is no device: the first PV is taken back. */
static int
testBuildRollback(const void *opaque)
{
    const char *devs[] = { loops[0]->device, "/dev/virtd-test-no-such-device" };
    storageLvmVG *vg;

    if (storageLvmBuild(vgname, devs, 2) == 0 || !virErrorGetLast() ||
        !strstr(virErrorGetLast()->message, "no-such-device"))
        return -1;
    virErrorReset();
    if (testFindPV(devs[0], NULL))
        return -1;
    if ((vg = storageLvmGetVG(vgname))) {
        storageLvmVGFree(vg);
        return -1;
    }
    virErrorReset();
    return 0;
}

/* Whatever a failed case left: our VG, our PVs. */
static void
testCleanup(void)
{
    g_autoptr(storageLvmVG) left = storageLvmGetVG(vgname);
    size_t i;

    if (left) {
        const char *argv[] = { "vgremove", "-f", vgname, NULL };

        fprintf(stderr, "removing left-over VG %s\n", vgname);
        storageTestRun(argv, NULL);
    }
    virErrorReset();
    for (i = 0; i < G_N_ELEMENTS(loops); i++) {
        if (loops[i] && testFindPV(loops[i]->device, NULL)) {
            const char *argv[] = { "pvremove", "-ff", "-y", loops[i]->device, NULL };

            fprintf(stderr, "removing left-over PV %s\n", loops[i]->device);
            storageTestRun(argv, NULL);
        }
    }
}

static int
mymain(void)
{
    int ret = 0;
    size_t i;

    if (!(dir = storageTestMakeTempDir()))
        return -1;
    vgname = g_strdup_printf("virtdtest_%d_%08x", (int)getpid(), g_random_int());
    if ((loops[0] = storageTestLoopNew(dir, "pv0.img", 64 * MiB)) &&
        (loops[1] = storageTestLoopNew(dir, "pv1.img", 64 * MiB))) {
        ret |= virTestRun("build, report, activate, delete a VG", testVolumeGroup, NULL);
        testCleanup();
        ret |= virTestRun("a failed build is rolled back", testBuildRollback, NULL);
        testCleanup();
    } else {
        ret = -1;
    }
    for (i = 0; i < G_N_ELEMENTS(loops); i++)
        g_clear_pointer(&loops[i], storageTestLoopFree);
    storageTestRemoveTempDir(dir);
    g_free(dir);
    g_free(vgname);
    return ret;
}

int
main(int argc, char **argv)
{
    if (geteuid() != 0) {
        printf("1..0 # SKIP needs root for loop devices\n");
        return 77;
    }
    if (!virStorageProbeHasTool("vgcreate") || !virStorageProbeHasTool("pvcreate")) {
        printf("1..0 # SKIP needs LVM\n");
        return 77;
    }
    return virTestMain(argc, argv, mymain);
}
